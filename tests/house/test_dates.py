"""The one range of dates the portal accepts from outside, and bounded recurrences."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from dateutil.rrule import rrulestr
from django import forms

from house.dates import DateField, bounded_occurrences, latest_date, parse_date

TODAY = dt.date(2026, 11, 30)
# Recurrence rules run on naive wall-clock time, as the services use them.
NAIVE_START = dt.datetime(2026, 1, 1, 10)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-12-24", dt.date(2026, 12, 24)),
        ("9999-12-31", TODAY),
        ("0001-01-01", TODAY),
        ("2026-02-30", TODAY),
        ("2026-12-24\x00", TODAY),
        ("", TODAY),
        (None, TODAY),
    ],
)
def test_a_date_from_a_url_outside_the_range_falls_back_to_the_default(value, expected):
    assert parse_date(value, TODAY) == expected


def test_a_date_field_refuses_the_end_of_time_with_a_german_message():
    class Form(forms.Form):
        day = DateField()

    form = Form({"day": "9999-12-31"})

    assert not form.is_valid()
    assert "Bitte geben Sie ein Datum zwischen" in form.errors["day"][0]


def test_a_rule_to_the_year_9999_is_cut_fast_without_expanding_it():
    rule = rrulestr("FREQ=DAILY;UNTIL=99991231T235959", dtstart=NAIVE_START)

    began = time.perf_counter()
    dates = bounded_occurrences(rule, limit=100_000)
    elapsed = time.perf_counter() - began

    assert dates[-1].date() <= latest_date()
    assert elapsed < 1.0


def test_a_rule_running_past_the_year_9999_simply_ends():
    rule = rrulestr("FREQ=YEARLY;INTERVAL=4000;COUNT=5", dtstart=NAIVE_START)

    assert len(bounded_occurrences(iter(rule), limit=10)) == 1
