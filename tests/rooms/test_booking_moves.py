"""A move of a booking that was cancelled in the meantime loses, and occupies nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from rooms.models import Booking, Occupancy
from rooms.services import (
    BookingError,
    book_room,
    cancel_booking,
    move_booking,
)
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def test_move_of_a_booking_cancelled_meanwhile_is_refused_and_occupies_nothing(reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start))
    stale = Booking.objects.select_related("room").get(pk=booking.pk)  # the view's copy
    cancel_booking(actor=reception, booking=Booking.objects.get(pk=booking.pk))

    with pytest.raises(BookingError, match="Nur angefragte oder bestätigte"):
        move_booking(
            actor=reception,
            booking=stale,
            start=start + dt.timedelta(hours=3),
            end=start + dt.timedelta(hours=5),
        )

    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED
    assert booking.start == start
    assert not Occupancy.objects.filter(booking=booking).exists()
