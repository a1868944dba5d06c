"""The ical.js half of the calendar cross-check: run Mozilla's parser in node."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("icaljs_instants.mjs")
ICALJS = ROOT / "node_modules" / "ical.js" / "package.json"

ParseWithIcalJs = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def icaljs() -> ParseWithIcalJs:
    """``icaljs(ics_bytes, occurrences=200)`` → what ical.js computes (see the .mjs script)."""
    node = shutil.which("node")
    missing = None
    if node is None:
        missing = "node is not installed: the ical.js cross-check needs Node.js 18+"
    elif not ICALJS.exists():
        missing = "node_modules/ical.js is missing: run `make assets` (npm install)"
    if missing is not None:
        # CI sets HAUSPORTAL_REQUIRE_ICALJS=1 so the cross-check cannot silently vanish.
        if os.environ.get("HAUSPORTAL_REQUIRE_ICALJS"):
            pytest.fail(missing)
        pytest.skip(missing)
    assert node is not None

    def parse(content: bytes, occurrences: int = 200) -> dict[str, Any]:
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

    return parse
