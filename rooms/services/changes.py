"""Changing a booking that exists: moving it to another slot or room, editing its details."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, OperationalError, transaction
from django.utils.translation import gettext as _

from house import locks
from rooms import activity
from rooms.freshness import forget_booking
from rooms.models import Booking, Room
from rooms.services.booking import (
    _after_commit,
    _ensure_free_under_lock,
    _lock_rooms,
    _log,
    _occupy,
    _slot_taken,
    _TakenWhileWaitingError,
)
from rooms.services.checks import _validate_use, validate_draft
from rooms.services.drafts import BookingDraft
from rooms.services.errors import BookingError

if TYPE_CHECKING:
    from house.models import User


def move_booking(
    *,
    actor: User,
    booking: Booking,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    room: Room | None = None,
) -> Booking:
    """Move a blocking booking (one occurrence of a series, too) to another time, and to
    another ``room`` if given.

    The new time and room are validated like a new booking (hours, closure days, size
    and layout), ignoring the booking's own slot; the frozen quote is kept (a move does
    not reprice). Logged with the old and new values. The rooms it leaves and the rooms
    it takes are locked, then the booking row is locked and its state checked again
    inside the transaction (organisation → rooms → booking row is the lock order of all
    writers), so a cancellation that committed meanwhile wins and the move is refused.
    """
    if booking.state not in Booking.BLOCKING_STATES:
        raise BookingError(_("Only requested or confirmed bookings can be moved."))
    target = room if room is not None else booking.room
    moved = _draft_of(booking, start=start, end=end, room=target)
    # As for a new booking: a visible conflict is answered before any lock.
    validate_draft(moved, actor=actor, past_reason=reason, exclude_booking_id=booking.pk)
    try:
        with transaction.atomic():
            _lock_rooms(booking.room.physical_room_ids() + target.physical_room_ids())
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if locked.state not in Booking.BLOCKING_STATES:
                raise BookingError(_("Only requested or confirmed bookings can be moved."))
            booking.state = locked.state
            _ensure_free_under_lock(moved, exclude_booking_id=booking.pk)
            changes: dict[str, list[str]] = {
                "start": [booking.start.isoformat(), start.isoformat()],
                "end": [booking.end.isoformat(), end.isoformat()],
            }
            forget_booking(booking)  # where it was; _after_commit covers where it goes
            booking.start, booking.end = start, end
            fields = ["start", "end", "updated_at"]
            if target.pk != booking.room_id:
                changes["room"] = [booking.room.name, target.name]
                booking.room = target
                booking.setup_minutes = target.setup_minutes
                booking.teardown_minutes = target.teardown_minutes
                fields += ["room", "setup_minutes", "teardown_minutes"]
            booking.save(update_fields=fields)
            booking.occupancies.all().delete()
            _occupy(booking)
            _log(booking, actor=actor, action=activity.CHANGED, changes=changes, note=reason)
            _after_commit(booking, "changed")
    except _TakenWhileWaitingError:
        raise _slot_taken(moved, suggest=True, exclude_booking_id=booking.pk) from None
    except (IntegrityError, OperationalError) as exc:
        if locks.is_lost_race(exc):
            raise _slot_taken(moved, suggest=True, exclude_booking_id=booking.pk) from exc
        raise
    return booking


def change_booking_details(
    *, actor: User, booking: Booking, title: str, attendees: int, layout: str
) -> Booking:
    """Change the title, size and layout of one booking (one date of a series, too).

    The room must still seat the group in the new layout; the time and the agreed price
    stay. Logged with the old and new values; the booker gets the changed invitation.
    """
    if booking.state not in Booking.BLOCKING_STATES:
        raise BookingError(_("Only requested or confirmed bookings can be changed."))
    title = title.strip()
    if not title:
        raise BookingError(_("Please give the booking a title."), field="title")
    changed = _draft_of(booking, start=booking.start, end=booking.end)
    changed.attendees, changed.layout, changed.title = attendees, layout, title
    _validate_use(changed)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.state not in Booking.BLOCKING_STATES:
            raise BookingError(_("Only requested or confirmed bookings can be changed."))
        changes = {
            name: [getattr(locked, name), value]
            for name, value in (("title", title), ("attendees", attendees), ("layout", layout))
            if getattr(locked, name) != value
        }
        if not changes:
            return locked
        for name, (_old, value) in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*changes, "updated_at"])
        _log(locked, actor=actor, action=activity.CHANGED, changes=changes)
        _after_commit(locked, "changed")
    return locked


def _draft_of(
    booking: Booking, *, start: dt.datetime, end: dt.datetime, room: Room | None = None
) -> BookingDraft:
    return BookingDraft(
        room=room if room is not None else booking.room,
        start=start,
        end=end,
        purpose=booking.purpose,
        attendees=booking.attendees,
        layout=booking.layout,
        title=booking.title,
        organisation=booking.organisation,
        person=booking.person,
        extras=list(booking.extras),
    )
