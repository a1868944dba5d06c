"""Recurring bookings: planning, booking, moving and cancelling a series."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dateutil import rrule
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.dates import bounded_occurrences, latest_date
from house.models import ClosureDay
from house.permissions import can_use_reception
from rooms import availability, problems
from rooms.models import Booking, BookingSeries
from rooms.services.booking import _create
from rooms.services.changes import move_booking
from rooms.services.checks import _validate_time, _validate_use, ensure_free
from rooms.services.decisions import cancel_booking, withdraw_booking
from rooms.services.drafts import BookingDraft
from rooms.services.errors import BookingError, _short_date

if TYPE_CHECKING:
    from house.models import User


WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Recurrence:
    """Weekly on some weekdays every ``interval`` weeks, or monthly on the n-th weekday.

    ``nth`` 5 means the last such weekday of the month. Ends ``until`` a date or
    after ``count`` occurrences (at most 200).
    """

    freq: str  # "weekly" | "monthly"
    weekdays: tuple[int, ...]
    interval: int = 1
    nth: int | None = None
    until: dt.date | None = None
    count: int | None = None

    def rule(self, first: dt.datetime) -> rrule.rrule:
        naive = timezone.localtime(first).replace(tzinfo=None)
        kwargs: dict[str, Any] = {"dtstart": naive, "interval": max(1, self.interval)}
        if self.until is not None:
            until = min(self.until, latest_date())
            kwargs["until"] = dt.datetime.combine(until, dt.time(23, 59))
        kwargs["count"] = min(self.count or 200, 200) if self.until is None else None
        if self.freq == "monthly":
            nth = -1 if (self.nth or 1) >= 5 else (self.nth or 1)
            kwargs["byweekday"] = [WEEKDAYS[self.weekdays[0]](nth)]
            return rrule.rrule(rrule.MONTHLY, **kwargs)
        kwargs["byweekday"] = [WEEKDAYS[d] for d in self.weekdays]
        return rrule.rrule(rrule.WEEKLY, **kwargs)


@dataclass
class Occurrence:
    start: dt.datetime
    end: dt.datetime
    problem: str = ""
    #: The same problem as a code and its facts, kept on the series if the date is skipped.
    reason: problems.Problem | None = None


def plan_series(
    draft: BookingDraft, recurrence: Recurrence, *, actor: User | None
) -> list[Occurrence]:
    """Every date of a series in wall-clock time, each with the reason it cannot be booked (if any).

    10:00 stays 10:00 across daylight-saving changes: dates come from the
    rule in naive local time and are made aware one by one.
    """
    duration = draft.end - draft.start
    tz = timezone.get_current_timezone()
    occurrences = [
        Occurrence(timezone.make_aware(naive, tz), timezone.make_aware(naive + duration, tz))
        for naive in bounded_occurrences(recurrence.rule(draft.start), limit=200)
    ]
    if not occurrences:
        return occurrences
    # Two queries for the whole series, whatever its length (the form re-plans
    # on every keystroke): closure days and occupancies of the period.
    room = draft.room
    first, last = occurrences[0], occurrences[-1]
    closures = {
        closure.date: closure
        for closure in ClosureDay.objects.between(
            timezone.localtime(first.start).date(), timezone.localtime(last.end).date()
        )
    }
    occupied = availability.conflicting_occupancies(
        room_ids=room.physical_room_ids(),
        blocked_from=first.start - dt.timedelta(minutes=room.setup_minutes),
        blocked_until=last.end + dt.timedelta(minutes=room.teardown_minutes),
    )
    for occurrence in occurrences:
        dated = _at(draft, occurrence.start, occurrence.end)
        try:
            _validate_time(dated, actor=actor, past_reason="", closures=closures)
            _validate_use(dated)
            ensure_free(dated, suggest=False, occupied=occupied)
        except BookingError as exc:
            occurrence.problem = exc.message
            occurrence.reason = exc.problem
    return occurrences


def _at(draft: BookingDraft, start: dt.datetime, end: dt.datetime) -> BookingDraft:
    from dataclasses import replace

    return replace(draft, start=start, end=end)


def book_series(
    *, actor: User, draft: BookingDraft, recurrence: Recurrence, skip_reason: str = ""
) -> tuple[BookingSeries, list[Booking]]:
    """Book all free dates of a series at once (confirmed, by the reception).

    Dates that cannot be booked are skipped and recorded on the series with
    their reason (and ``skip_reason`` if given). Nothing is saved if a date
    is taken between planning and saving: the caller plans again.
    """
    if not can_use_reception(actor):
        raise PermissionError("only the reception books series")
    plan = plan_series(draft, recurrence, actor=actor)
    if not any(not o.problem for o in plan):
        raise BookingError(_("None of the dates of this series can be booked."))
    with transaction.atomic():
        series = BookingSeries.objects.create(
            rrule=str(recurrence.rule(draft.start)).split("\n")[-1],
            description=draft.title,
            skipped=[
                problems.SkippedDate(
                    timezone.localtime(o.start).date(),
                    o.reason or problems.as_text(o.problem),
                    skip_reason,
                ).to_json()
                for o in plan
                if o.problem
            ],
            created_by=actor,
        )
        bookings = [
            _create(
                _at(draft, o.start, o.end),
                actor=actor,
                state=Booking.State.CONFIRMED,
                series=series,
            )
            for o in plan
            if not o.problem
        ]
    return series, bookings


def move_series(
    *,
    actor: User,
    series: BookingSeries,
    from_date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    reason: str = "",
) -> int:
    """Give this and all following dates of a series a new time of day (wall-clock time).

    All or nothing: if one date cannot move (conflict, hours, closure), a
    :class:`BookingError` names it and no date is changed. Returns the number
    of moved bookings.
    """
    tz = timezone.get_current_timezone()
    bookings = list(
        series.bookings.filter(state__in=Booking.BLOCKING_STATES, start__date__gte=from_date)
        .select_related("room", "organisation", "person")
        .order_by("start")
    )
    with transaction.atomic():
        for booking in bookings:
            day = timezone.localtime(booking.start).date()
            start = timezone.make_aware(dt.datetime.combine(day, start_time), tz)
            end = timezone.make_aware(dt.datetime.combine(day, end_time), tz)
            try:
                move_booking(actor=actor, booking=booking, start=start, end=end, reason=reason)
            except BookingError as exc:
                raise BookingError(
                    _("%(date)s: %(problem)s") % {"date": _short_date(day), "problem": exc.message},
                    field=exc.field,
                ) from exc
    return len(bookings)


def cancel_series(
    *,
    actor: User,
    series: BookingSeries,
    from_date: dt.date | None = None,
    until_date: dt.date | None = None,
    reason: str = "",
    charge_fee: bool = False,
    waive_reason: str = "",
) -> int:
    """Cancel the series' bookings from ``from_date`` (this and all following) up to ``until_date``.

    Without dates the whole future series is cancelled; with both, a date
    range (holidays). Returns the number of cancelled bookings. With ``charge_fee``
    each confirmed date owes the fee its own date sets (see ``cancel_booking``).
    """
    bookings = series.bookings.filter(state__in=Booking.BLOCKING_STATES, start__gte=timezone.now())
    if from_date is not None:
        bookings = bookings.filter(start__date__gte=from_date)
    if until_date is not None:
        bookings = bookings.filter(start__date__lte=until_date)
    count = 0
    with transaction.atomic():
        for booking in bookings.order_by("start"):
            if booking.state == Booking.State.CONFIRMED:
                cancel_booking(
                    actor=actor,
                    booking=booking,
                    reason=reason,
                    charge_fee=charge_fee,
                    waive_reason=waive_reason,
                )
            else:
                withdraw_booking(actor=actor, booking=booking)
            count += 1
    return count
