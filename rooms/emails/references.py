"""The kinds of booking e-mails and what a calendar knows of a booking: its reference, UID,
SEQUENCE, place and organiser.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from house.models import ActivityLog
from rooms import activity
from rooms.activity import SEQUENCE_ACTIONS
from rooms.models import Booking

if TYPE_CHECKING:
    from house.models import HouseProfile


class Kind:
    """The ``OutboxEmail.kind`` of booking e-mails."""

    REQUEST_RECEIVED = "booking_request_received"
    CONFIRMATION = "booking_confirmation"
    CHANGE = "booking_change"
    REJECTION = "booking_rejection"
    WITHDRAWAL = "booking_withdrawal"
    CANCELLATION = "booking_cancellation"
    REMINDER = "booking_reminder"
    SERIES_SUMMARY = "booking_series_summary"


#: Hook events (``rooms.services.booking._after_commit``) → e-mail kind.
EVENT_KINDS = {
    Booking.State.REQUESTED: Kind.REQUEST_RECEIVED,
    Booking.State.CONFIRMED: Kind.CONFIRMATION,
    "changed": Kind.CHANGE,
    Booking.State.REJECTED: Kind.REJECTION,
    Booking.State.WITHDRAWN: Kind.WITHDRAWAL,
    Booking.State.CANCELLED: Kind.CANCELLATION,
}


def booking_ref(booking_id: int) -> str:
    return f"rooms.booking:{booking_id}"


def series_ref(series_id: int) -> str:
    return f"rooms.series:{series_id}"


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "hausportal.invalid"


def invitation_uid(booking: Booking) -> str:
    """Stable UID of a booking's invitation; occurrences of a series share the series' UID."""
    if booking.series_id:
        return f"series-{booking.series_id}@{uid_domain()}"
    return f"booking-{booking.pk}@{uid_domain()}"


def sequence_of(booking: Booking) -> int:
    """How often the booking was changed or cancelled: its SEQUENCE (uses an annotation if set)."""
    annotated = getattr(booking, "change_count", None)
    if annotated is not None:
        return int(annotated)
    return ActivityLog.objects.for_objects(Booking, [booking.pk]).of_type(*SEQUENCE_ACTIONS).count()


def original_start(booking: Booking) -> dt.datetime:
    """Where a (possibly moved) booking started when it was made: its RECURRENCE-ID in a series."""
    first_move = (
        ActivityLog.objects.for_objects(Booking, [booking.pk])
        .of_type(activity.CHANGED)
        .filter(data__changes__has_key="start")
        .order_by("timestamp", "pk")
        .first()
    )
    if first_move is None:
        return booking.start
    return dt.datetime.fromisoformat(first_move.data["changes"]["start"][0])


def access_notes(booking: Booking) -> list[str]:
    """Plain-language access notes of the booked room (in the active language)."""
    room = booking.room
    notes = []
    if room.floor:
        notes.append(_("Floor: %(floor)s") % {"floor": room.translated("floor")})
    notes.append(
        _("Step-free access.") if room.step_free else _("The room is not step-free accessible.")
    )
    if room.accessible_toilet:
        notes.append(_("An accessible toilet is nearby."))
    if room.induction_loop:
        notes.append(_("The room has an induction loop."))
    notes.append(
        _("Set-up from %(time)s, please leave the room by %(until)s.")
        % {
            "time": timezone.localtime(booking.blocked_from).strftime("%H:%M"),
            "until": timezone.localtime(booking.blocked_until).strftime("%H:%M"),
        }
    )
    return notes


def house_location(house: HouseProfile | None, booking: Booking) -> str:
    if house is None:
        return booking.room.name
    return f"{booking.room.name}, {house.name}, {house.street}, {house.postcode} {house.city}"


def organizer(house: HouseProfile | None) -> tuple[str, str]:
    name = house.name if house else "Hausportal"
    address = (house.email if house and house.email else "") or _address_of_from_email()
    return name, address


def _address_of_from_email() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "portal@localhost"
