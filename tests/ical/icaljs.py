"""Run Mozilla's ical.js on iCalendar bytes: the independent half of the calendar cross-check.

Python's icalendar reads ``TZID=Europe/Berlin`` from its own tz database; ical.js only knows
the VTIMEZONE inside the file, as clients of the Thunderbird lineage do. Other apps' tests
(room invitations, event feeds) can use it too::

    from tests.ical.icaljs import icaljs_missing, parse_with_icaljs

    if reason := icaljs_missing():
        pytest.skip(reason)
    events = parse_with_icaljs(content)["events"]  # uid, start, end (epoch seconds), ...

See ``icaljs_instants.mjs`` for the output format.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("icaljs_instants.mjs")
ICALJS = ROOT / "node_modules" / "ical.js" / "package.json"


def icaljs_missing() -> str | None:
    """Why the cross-check cannot run here, or None if it can."""
    if shutil.which("node") is None:
        return "node is not installed: the ical.js cross-check needs Node.js 18+"
    if not ICALJS.exists():
        return "node_modules/ical.js is missing: run `make assets` (npm install)"
    return None


def skip_without_icaljs() -> None:
    """Skip the calling test without ical.js — or fail, where CI requires the cross-check.

    CI sets ``HAUSPORTAL_REQUIRE_ICALJS=1`` so the cross-check cannot silently vanish.
    """
    reason = icaljs_missing()
    if reason is None:
        return
    if os.environ.get("HAUSPORTAL_REQUIRE_ICALJS"):
        pytest.fail(reason)
    pytest.skip(reason)


def parse_with_icaljs(content: bytes, occurrences: int = 200) -> dict[str, Any]:
    """What ical.js computes for ``content``: ``{"method", "events": [...]}``."""
    node = shutil.which("node")
    assert node is not None, icaljs_missing()
    result = subprocess.run(
        [node, str(SCRIPT), str(occurrences)],
        input=content,
        capture_output=True,
        check=False,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)
