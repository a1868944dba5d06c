"""The ical.js half of the calendar cross-check as a fixture (see tests/ical/icaljs.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.ical.icaljs import parse_with_icaljs, skip_without_icaljs


@pytest.fixture(scope="session")
def icaljs() -> Callable[..., dict[str, Any]]:
    """``icaljs(ics_bytes, occurrences=200)`` → what ical.js computes."""
    skip_without_icaljs()
    return parse_with_icaljs
