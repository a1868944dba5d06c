"""Whether a booking request may be written: its time, its use, and a free slot (with alternatives
if not).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from house.models import ClosureDay
from house.permissions import can_use_reception
from rooms import availability, freshness, problems
from rooms.fees import Purpose, private_celebration_refusal, private_celebration_tenure
from rooms.models import Occupancy
from rooms.services.drafts import BookingDraft
from rooms.services.errors import BookingError

if TYPE_CHECKING:
    from house.models import User


def validate_draft(
    draft: BookingDraft,
    *,
    actor: User | None,
    past_reason: str = "",
    check_conflicts: bool = True,
    exclude_booking_id: int | None = None,
) -> None:
    """Raise :class:`BookingError` with a clear message if ``draft`` may not be booked."""
    _validate_time(draft, actor=actor, past_reason=past_reason)
    _validate_use(draft)
    if check_conflicts:
        ensure_free(draft, exclude_booking_id=exclude_booking_id)


def _validate_time(
    draft: BookingDraft,
    *,
    actor: User | None,
    past_reason: str,
    closures: dict[dt.date, ClosureDay] | None = None,
) -> None:
    """``closures``: the closure days of a whole period, loaded once (series); else one query."""
    room = draft.room
    start, end = draft.start, draft.end
    if end <= start:
        raise BookingError.because(problems.plain(problems.Code.END_BEFORE_START), field="end")
    staff_override = bool(past_reason.strip()) and actor is not None and can_use_reception(actor)
    if start < timezone.now() and not staff_override:
        raise BookingError.because(problems.plain(problems.Code.PAST), field="start")
    if not room.is_bookable:
        raise BookingError.because(problems.plain(problems.Code.NOT_BOOKABLE), field="room")
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        raise BookingError.because(problems.plain(problems.Code.ONE_DAY), field="end")
    if local_start.time() < room.opens_at or local_end.time() > room.closes_at:
        raise BookingError.because(problems.outside_hours(room), field="start")
    if closures is None:
        closure = ClosureDay.objects.filter(date=local_start.date()).first()
    else:
        closure = closures.get(local_start.date())
    if closure is not None:
        raise BookingError.because(problems.closed(closure), field="start")
    if local_start.date() > timezone.localdate() + dt.timedelta(days=room.max_advance_days):
        raise BookingError.because(problems.too_far(room), field="start")


def _validate_use(draft: BookingDraft) -> None:
    room = draft.room
    capacity = room.capacity_for(draft.layout)
    if capacity == 0:
        raise BookingError.because(problems.plain(problems.Code.LAYOUT), field="layout")
    if draft.attendees > capacity:
        raise BookingError.because(problems.capacity(capacity), field="attendees")
    if draft.purpose == Purpose.PRIVATE_CELEBRATION:
        if room.is_combined:
            raise BookingError.because(
                problems.plain(problems.Code.CELEBRATION_COMBINED), field="room"
            )
        tenure = private_celebration_tenure(draft.person, draft.start)
        if not tenure.qualifies:
            raise BookingError(private_celebration_refusal(tenure), field="purpose")


def ensure_free(
    draft: BookingDraft,
    *,
    exclude_booking_id: int | None = None,
    suggest: bool = True,
    occupied: list[Occupancy] | None = None,
) -> None:
    """Raise :class:`BookingError` naming the first conflict if the slot (with buffers) is taken.

    ``suggest=False`` skips the search for alternatives (series planning throws
    them away). ``occupied``: occupancy rows of the room's physical rooms over a
    longer period, loaded once by the caller; they are filtered here in Python
    instead of querying again.
    """
    room = draft.room
    blocked_from, blocked_until = _blocked_span(draft)
    if occupied is None:
        conflicts = availability.conflicting_occupancies(
            room_ids=room.physical_room_ids(),
            blocked_from=blocked_from,
            blocked_until=blocked_until,
            exclude_booking_id=exclude_booking_id,
        )
    else:
        conflicts = [
            row
            for row in occupied
            if row.blocked_from < blocked_until
            and row.blocked_until > blocked_from
            and row.booking_id != exclude_booking_id
        ]
    if conflicts:
        first = conflicts[0]
        busy_from = timezone.localtime(first.blocked_from)
        busy_until = timezone.localtime(first.blocked_until)
        raise BookingError.because(
            problems.taken(first.room, busy_from, busy_until),
            field="start",
            conflicts=conflicts,
            alternatives=_alternatives(draft) if suggest else [],
        )


def _blocked_span(draft: BookingDraft) -> tuple[dt.datetime, dt.datetime]:
    """What the booking would block: its time with the room's set-up and tear-down."""
    return (
        draft.start - dt.timedelta(minutes=draft.room.setup_minutes),
        draft.end + dt.timedelta(minutes=draft.room.teardown_minutes),
    )


#: Seconds free alternatives to a taken slot are kept; a booking change replaces them.
ALTERNATIVES_SECONDS = 60


def _alternatives(draft: BookingDraft) -> list[availability.Slot]:
    """Free slots instead of the draft's, kept until a booking changes.

    The same refusal is asked for again and again: by the live quote while somebody
    types, and by everyone who wanted a slot that was just taken. A closure day
    entered meanwhile may still be offered for a minute; booking it is refused.
    """
    key = ":".join(
        [
            "rooms:alternatives",
            str(draft.room.pk),
            draft.start.isoformat(),
            draft.end.isoformat(),
            str(draft.attendees),
            draft.layout,
        ]
    )
    return freshness.kept(
        key,
        lambda: availability.suggest_alternatives(
            room=draft.room,
            start=draft.start,
            end=draft.end,
            attendees=draft.attendees,
            layout=draft.layout,
            rooms=draft.bookable_rooms,
        ),
        depends_on=[freshness.ALL_BOOKINGS],
        timeout=ALTERNATIVES_SECONDS,
    )
