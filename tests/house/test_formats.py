"""Dates take their shape from the reader's language, in pages and in Python alike."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import translation

from house.formats import FORMATS, format_as

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Montag, 30. November 2026"), ("en", "Monday, 30 November 2026")],
)
def test_a_weekday_date_follows_the_language(language, expected):
    with translation.override(language):
        assert format_as(dt.date(2026, 11, 30), "weekday_date") == expected


def test_an_aware_datetime_is_shown_in_local_time():
    late_evening_utc = dt.datetime(2026, 11, 30, 23, 30, tzinfo=dt.UTC)
    with translation.override("de"):
        assert format_as(late_evening_utc, "short_datetime") == "01.12.2026 00:30"


def test_the_template_filter_uses_the_same_formats():
    template = Template('{% load house_dates %}{{ day|format_as:"date" }}')
    with translation.override("en"):
        assert template.render(Context({"day": dt.date(2026, 3, 1)})) == "1 March 2026"
    with translation.override("de"):
        assert template.render(Context({"day": dt.date(2026, 3, 1)})) == "1. März 2026"


def test_the_filter_renders_nothing_for_a_missing_date():
    template = Template('{% load house_dates %}[{{ day|format_as:"date" }}]')
    assert template.render(Context({"day": None})) == "[]"


def test_every_format_has_german_and_english():
    assert all({"de", "en"} <= set(patterns) for patterns in FORMATS.values())


def test_no_template_hard_codes_a_date_pattern():
    """Literal patterns ("l, j. F Y") fix one language's order; named formats follow the reader."""
    import re
    from pathlib import Path

    # Named formats (SHORT_DATE_FORMAT) and machine or single-part patterns are neutral.
    neutral = r"(?:[A-Z_]+|c|Y-m-d|Y-m|Y|F|M|H:i)"
    literal = re.compile(r"""\|date:(["'])(?!""" + neutral + r"""\1)""")
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for base in ("templates", "house", "tenants", "rooms", "events", "sociallab")
        for path in (root / base).rglob("*.*")
        if path.suffix in {".html", ".txt"} and literal.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("name", "django_name"),
    [
        ("date", "DATE_FORMAT"),
        ("datetime", "DATETIME_FORMAT"),
        ("short_date", "SHORT_DATE_FORMAT"),
        ("short_datetime", "SHORT_DATETIME_FORMAT"),
        ("month", "YEAR_MONTH_FORMAT"),
    ],
)
@pytest.mark.parametrize("language", ["de", "en"])
def test_djangos_own_date_formats_agree_with_the_named_ones(name, django_name, language):
    """``|date:"SHORT_DATE_FORMAT"`` and the administration write English dates day first too."""
    from django.utils import formats

    moment = dt.datetime(2026, 11, 3, 9, 5, tzinfo=BERLIN)
    with translation.override(language):
        assert formats.date_format(moment, django_name) == format_as(moment, name)


def test_an_english_short_date_puts_the_day_first():
    from django.utils import formats

    with translation.override("en"):
        assert formats.date_format(dt.date(2026, 11, 3), "SHORT_DATE_FORMAT") == "03/11/2026"
