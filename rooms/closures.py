"""Closing the house on a day that has bookings: the writes and reads of closure days.

House management closes a day and decides, before anything is saved, what happens to
each booking on it: cancelled (the booker is written to, with a CANCEL invitation),
moved to another day or room (with the same no-double-booking guarantee as any move),
or kept as an exception with a reason. All of it happens in one transaction: if one
move cannot be made, the day is not closed and nothing changes. Every decision is
recorded in the booking's activity log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from house.caching import raise_versions
from house.formats import format_as
from house.models import ClosureDay
from house.services import add_closure_day
from rooms import activity, freshness, services
from rooms.board import local_day_span
from rooms.emails import booker_recipient
from rooms.models import Booking, Room

if TYPE_CHECKING:
    from house.models import User

CANCEL = "cancel"
MOVE = "move"
KEEP = "keep"


@dataclass(frozen=True)
class Decision:
    """What happens to one booking on the day the house closes."""

    action: str  # CANCEL | MOVE | KEEP
    reason: str = ""
    room: Room | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None


class ClosureError(services.BookingError):
    """The day cannot be closed as decided; ``booking_id`` names the booking in the way."""

    def __init__(self, message: str, *, booking_id: int | None = None, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.booking_id = booking_id


def bookings_on(day: dt.date) -> list[Booking]:
    """The requested and confirmed bookings that take place on ``day``, in time order."""
    start, end = local_day_span(day)
    return list(
        Booking.objects.blocking()
        .overlapping(start, end)
        .select_related("room", "organisation", "person")
        .order_by("start", "room__position", "pk")
    )


def close_day(
    *,
    actor: User,
    date: dt.date,
    reason: str,
    kind: str,
    decisions: dict[int, Decision],
    reason_en: str = "",
) -> ClosureDay:
    """Close the house on ``date`` and carry out one decision per booking on that day.

    Raises :class:`ClosureError` (nothing saved) when the day is closed already, when a
    booking on it has no decision, when a kept booking has no reason, or when a move is
    refused (its message and free alternatives come with it).
    """
    if not reason.strip():
        raise ClosureError(_("Please give the reason for the closure."), field="reason")
    with transaction.atomic():
        try:
            closure = add_closure_day(
                date=date, reason=reason, reason_en=reason_en, kind=kind, created_by=actor
            )
        except ValueError:
            raise ClosureError(
                _("The house is already closed on this day."), field="date"
            ) from None
        for booking in bookings_on(date):
            decision = decisions.get(booking.pk)
            if decision is None:
                raise ClosureError(
                    _("Please decide what happens to “%(title)s”.") % {"title": booking.title},
                    booking_id=booking.pk,
                )
            _carry_out(booking, decision, actor=actor, note=_closure_note(closure, booking))
        # The board and the finder show the day as closed from now on.
        raise_versions({freshness.week(freshness.monday_of(date)), freshness.ALL_BOOKINGS})
    return closure


def _closure_note(closure: ClosureDay, booking: Booking) -> str:
    """Why the booking changes, in the language of the booker who is written to."""
    recipient = booker_recipient(booking)
    language = recipient.language if recipient is not None else "de"
    with translation.override(language):
        return _("The house is closed on %(date)s: %(reason)s") % {
            "date": format_as(closure.date, "short_date"),
            "reason": closure.translated("reason", language),
        }


def _carry_out(booking: Booking, decision: Decision, *, actor: User, note: str) -> None:
    extra = f" {decision.reason.strip()}" if decision.reason.strip() else ""
    if decision.action == CANCEL:
        if booking.state == Booking.State.REQUESTED:
            services.reject_booking(actor=actor, booking=booking, reason=(note + extra)[:300])
        else:
            # The house closes: the booker owes nothing, whatever the cancellation terms say.
            services.cancel_booking(
                actor=actor, booking=booking, reason=(note + extra)[:300], charge_fee=False
            )
    elif decision.action == MOVE:
        if decision.start is None or decision.end is None:
            raise ClosureError(
                _("Please give the new day and time of “%(title)s”.") % {"title": booking.title},
                booking_id=booking.pk,
            )
        try:
            services.move_booking(
                actor=actor,
                booking=booking,
                start=decision.start,
                end=decision.end,
                room=decision.room,
                reason=(note + extra)[:200],
            )
        except services.BookingError as exc:
            raise ClosureError(
                f"{booking.title}: {exc.message}",
                booking_id=booking.pk,
                alternatives=exc.alternatives,
            ) from exc
    elif decision.action == KEEP:
        if not decision.reason.strip():
            raise ClosureError(
                _("Please give the reason for keeping “%(title)s”.") % {"title": booking.title},
                booking_id=booking.pk,
            )
        from house.activity import log_activity

        log_activity(
            obj=booking,
            action_type=activity.KEPT_ON_CLOSURE_DAY,
            actor=actor,
            data={"changes": {}, "note": f"{note} – {decision.reason.strip()}"[:300]},
        )
    else:
        raise ClosureError(
            _("Please decide what happens to “%(title)s”.") % {"title": booking.title},
            booking_id=booking.pk,
        )
