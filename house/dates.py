"""Dates from outside the portal: one accepted range, one parser, bounded recurrences.

Python's dates run from year 1 to 9999, and adding a day, a duration or a time
zone near either end raises ``OverflowError``; a recurrence rule that runs to
9998 has some half a million dates. The portal plans a few years ahead and
reports some decades back, so every date taken from a URL or a form is held to
one range: ``PAST_YEARS`` back and ``FUTURE_YEARS`` ahead of today.

- :func:`parse_date` reads a date from a URL parameter and falls back to a
  default for anything unreadable or out of range (a page, not an error).
- :class:`DateField` is the form field for every date a person enters: out of
  range, it says which dates it accepts.
- :func:`bounded_occurrences` takes the dates of a recurrence rule one by one,
  never more than asked and never past the range, without expanding the rule.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

#: How far back a date may lie (reports over past years).
PAST_YEARS = 30
#: How far ahead a date may lie (bookings and series are planned years ahead at most).
FUTURE_YEARS = 10


def earliest_date() -> dt.date:
    return dt.date(timezone.localdate().year - PAST_YEARS, 1, 1)


def latest_date() -> dt.date:
    return dt.date(timezone.localdate().year + FUTURE_YEARS, 12, 31)


def is_in_range(value: dt.date) -> bool:
    return earliest_date() <= value <= latest_date()


def parse_date(value: str | None, default: dt.date) -> dt.date:
    """The ISO date in ``value`` (``2026-11-30``), or ``default`` if it is missing,
    unreadable or outside the accepted range."""
    if not value:
        return default
    try:
        parsed = dt.date.fromisoformat(value.strip())
    except ValueError:
        return default
    return parsed if is_in_range(parsed) else default


def parse_month(value: str | None) -> tuple[int, int] | None:
    """``(year, month)`` from ``2026-11``, or None if unreadable or out of range."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = dt.date(year, month, 1)
    except (TypeError, ValueError):
        return None
    if not earliest_date() <= first <= latest_date():
        return None
    return year, month


def validate_date_in_range(value: dt.date) -> None:
    if not is_in_range(value):
        raise ValidationError(
            _("Please enter a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={
                "earliest": formats.date_format(earliest_date(), "SHORT_DATE_FORMAT"),
                "latest": formats.date_format(latest_date(), "SHORT_DATE_FORMAT"),
            },
        )


class DateField(forms.DateField):
    """A date a person enters, held to the portal's range (see the module docstring)."""

    default_validators = [validate_date_in_range]


def bounded_occurrences(rule: Iterable[dt.datetime], *, limit: int) -> list[dt.datetime]:
    """At most ``limit`` dates of a recurrence rule, none after :func:`latest_date`.

    The rule is read lazily: a rule that runs to the year 9999 costs as much as
    one that stops after ``limit`` dates, and one that runs past it (which
    dateutil answers with ``ValueError``) simply ends.
    """
    latest = latest_date()
    dates: list[dt.datetime] = []
    iterator = iter(rule)
    for _index in itertools.repeat(None, limit):
        try:
            moment = next(iterator)
        except (StopIteration, ValueError, OverflowError):
            break
        if moment.date() > latest:
            break
        dates.append(moment)
    return dates


def validate_datetime_in_range(value: dt.datetime) -> None:
    """The same range for a moment (an event's start, a registration deadline)."""
    validate_date_in_range(value.date())
