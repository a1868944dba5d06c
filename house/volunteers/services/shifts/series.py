"""Creating shifts, alone or as a repeating series, and the rules they share."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil.rrule import rrulestr
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house.ical import BERLIN
from house.models import ClosureDay
from house.volunteers.models import (
    Opportunity,
    Shift,
    ShiftSeries,
)
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from house.models import User


CLASH_GRACE = dt.timedelta(minutes=15)
OFFER_WINDOW = dt.timedelta(hours=24)
#: Sign-ups for one shift queue behind each other; a popular shift may keep a few waiting.
SIGNUP_LOCK_TIMEOUT_MS = 30_000
#: An expansion never creates more shifts than this from one rule.
MAX_OCCURRENCES = 400


class ShiftFullError(VolunteerError):
    pass


def _when(shift: Shift) -> str:
    local = timezone.localtime(shift.start)
    return date_format(local, "SHORT_DATETIME_FORMAT")


def create_shift(
    *,
    opportunity: Opportunity,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    min_staff: int = 1,
    max_staff: int = 2,
    signup_deadline: dt.datetime | None = None,
    reserved_places: int = 0,
    reserved_for: object = None,
    actor: User | None = None,
) -> Shift:
    """One shift of ``opportunity``; it requires what the opportunity requires."""
    if end <= start:
        raise VolunteerError(_("The shift must end after it starts."), field="end")
    if max_staff < max(1, min_staff):
        raise VolunteerError(
            _("The maximum staff must be at least the minimum staff."), field="max_staff"
        )
    if ClosureDay.objects.filter(date=timezone.localtime(start).date()).exists():
        raise VolunteerError(_("The house is closed on that day."), field="start")
    with transaction.atomic():
        shift = Shift.objects.create(
            opportunity=opportunity,
            title=title,
            start=start,
            end=end,
            min_staff=min_staff,
            max_staff=max_staff,
            signup_deadline=signup_deadline,
            reserved_places=min(reserved_places, max_staff),
            reserved_for=reserved_for,  # type: ignore[misc]
        )
        shift.required_qualifications.set(opportunity.required_qualifications.all())
    return shift


def occurrences(series: ShiftSeries) -> list[tuple[dt.datetime, dt.datetime]]:
    """The (start, end) instants of ``series``: its rule read in Berlin wall-clock time,
    bounded by its last day and ``MAX_OCCURRENCES``, without the house's closure days."""
    first = dt.datetime.combine(series.first_day, series.start_time)
    until = dt.datetime.combine(series.last_day, dt.time(23, 59))
    try:
        rule = rrulestr(series.rrule, dtstart=first, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise VolunteerError(_("The repeat rule is not valid."), field="rrule") from exc
    local_starts = []
    for index, value in enumerate(rule.xafter(first - dt.timedelta(seconds=1), inc=True)):
        if value > until or index >= MAX_OCCURRENCES:
            break
        local_starts.append(value)
    closed = ClosureDay.objects.closed_dates(day.date() for day in local_starts)
    result = []
    for local in local_starts:
        if local.date() in closed:
            continue
        start = timezone.make_aware(local, BERLIN)
        end = timezone.make_aware(dt.datetime.combine(local.date(), series.end_time), BERLIN)
        result.append((start, end))
    return result


def generate_series_shifts(*, series: ShiftSeries) -> int:
    """Create the shifts of ``series`` that do not exist yet; returns how many were made.
    Idempotent: an occurrence already present (by its start) is left as it is."""
    wanted = occurrences(series)
    with transaction.atomic():
        existing = set(series.shifts.values_list("start", flat=True))
        required = list(series.opportunity.required_qualifications.all())
        created = 0
        for start, end in wanted:
            if start in existing:
                continue
            shift = Shift.objects.create(
                opportunity=series.opportunity,
                series=series,
                title=series.title,
                start=start,
                end=end,
                min_staff=series.min_staff,
                max_staff=series.max_staff,
                reserved_places=series.reserved_places,
                reserved_for=series.reserved_for,
                reserved_open_days=series.reserved_open_days,
            )
            if required:
                shift.required_qualifications.set(required)
            created += 1
    return created
