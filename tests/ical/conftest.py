"""The ical.js half of the calendar cross-check: run Mozilla's parser in node."""

from __future__ import annotations

import json
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
    if node is None:
        pytest.skip("node is not installed: the ical.js cross-check needs Node.js 18+")
    if not ICALJS.exists():
        pytest.skip("node_modules/ical.js is missing: run `make assets` (npm install)")

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
