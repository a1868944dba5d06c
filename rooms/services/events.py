"""An event on several consecutive days (a two-day conference), booked as one event with
one fee: each day is its own booking holding its room that day, the whole event is priced
once on the first day's booking, and the days are booked all or none (``docs/fees.md``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.models import ClosureDay
from house.permissions import can_use_reception
from rooms import availability
from rooms.fees import MAX_EVENT_DAYS, Quote, event_days
from rooms.models import Booking, BookingSeries
from rooms.services.booking import _create
from rooms.services.checks import _validate_time, _validate_use, ensure_free
from rooms.services.drafts import BookingDraft
from rooms.services.errors import BookingError, SlotTakenError, _short_date
from rooms.services.quote import _EventDay, _pricing, _quote_with
from rooms.services.series import Occurrence, _at

if TYPE_CHECKING:
    from house.models import User


def plan_event(
    draft: BookingDraft, days: int, *, actor: User | None, past_reason: str = ""
) -> list[Occurrence]:
    """Every day of an event (the draft's hours on ``days`` consecutive days), each with
    the reason it cannot be booked, if any. An event is booked whole or not at all."""
    if not 1 <= days <= MAX_EVENT_DAYS:
        raise BookingError(
            _("An event can be booked for 1 to %(days)s days.") % {"days": MAX_EVENT_DAYS},
            field="event_days",
        )
    occurrences = [
        Occurrence(start, end) for start, end in event_days(draft.start, draft.end, days)
    ]
    room = draft.room
    closures = {
        closure.date: closure
        for closure in ClosureDay.objects.between(
            timezone.localtime(occurrences[0].start).date(),
            timezone.localtime(occurrences[-1].end).date(),
        )
    }
    occupied = availability.conflicting_occupancies(
        room_ids=room.physical_room_ids(),
        blocked_from=occurrences[0].start - dt.timedelta(minutes=room.setup_minutes),
        blocked_until=occurrences[-1].end + dt.timedelta(minutes=room.teardown_minutes),
    )
    for occurrence in occurrences:
        dated = _at(draft, occurrence.start, occurrence.end)
        try:
            _validate_time(dated, actor=actor, past_reason=past_reason, closures=closures)
            _validate_use(dated)
            ensure_free(dated, suggest=False, occupied=occupied)
        except BookingError as exc:
            occurrence.problem = exc.message
    return occurrences


def _event_spans(
    draft: BookingDraft, days: int, *, actor: User | None, past_reason: str = ""
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The event's days, or :class:`BookingError` naming the first that cannot be booked."""
    plan = plan_event(draft, days, actor=actor, past_reason=past_reason)
    for occurrence in plan:
        if occurrence.problem:
            raise BookingError(
                _("%(date)s: %(problem)s")
                % {"date": _short_date(occurrence.start), "problem": occurrence.problem},
                field="event_days",
            )
    return [(o.start, o.end) for o in plan]


def quote_event(draft: BookingDraft, days: int, *, actor: User | None) -> tuple[str, Quote]:
    """The one quote of an event over ``days`` days (the flat fee once); raises
    :class:`BookingError` naming a day that cannot be booked."""
    spans = _event_spans(draft, days, actor=actor)
    pricing = _pricing(draft)
    return pricing.category, _quote_with(draft, pricing, spans=spans)


def book_event(
    *, actor: User, draft: BookingDraft, days: int, past_reason: str = ""
) -> tuple[BookingSeries, list[Booking]]:
    """The reception books an event on ``days`` consecutive days (a two-day conference):
    one booking per day, each holding its room that day, priced once on the first day's
    booking (the later days name it). All days or none: a day that cannot be booked is
    named and nothing is saved; a day taken meanwhile rolls the whole event back."""
    if not can_use_reception(actor):
        raise PermissionError("only the reception books events over several days")
    spans = _event_spans(draft, days, actor=actor, past_reason=past_reason)
    try:
        with transaction.atomic():
            series = BookingSeries.objects.create(
                rrule=f"FREQ=DAILY;COUNT={days}",
                description=draft.title,
                is_event=True,
                created_by=actor,
            )
            bookings = [
                _create(
                    _at(draft, start, end),
                    actor=actor,
                    state=Booking.State.CONFIRMED,
                    past_reason=past_reason,
                    series=series,
                    event_day=_EventDay(spans=spans, index=index),
                )
                for index, (start, end) in enumerate(spans)
            ]
    except SlotTakenError:
        raise SlotTakenError(
            _("A day of this event was just taken by another booking. Please check the days.")
        ) from None
    return series, bookings
