"""A booking's history lives in the house's activity log and reads the same everywhere."""

from __future__ import annotations

import pytest
from django.urls import reverse

from house.models import ActivityLog
from rooms.emails import sequence_of
from rooms.feeds import render_feed
from rooms.models import Booking
from rooms.services import book_room, cancel_booking
from tests.rooms.factories import RoomFactory, actions, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def test_the_booking_detail_shows_the_history_in_german_with_the_reason(client, reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory(), internal_note="x"))
    cancel_booking(actor=reception, booking=booking, reason="Referent erkrankt")
    client.force_login(reception)

    html = client.get(reverse("rooms:reception_booking", args=[booking.pk])).text

    assert actions(booking) == ["created", "confirmed", "cancelled"]
    assert "activity-log" in html
    assert "Storniert" in html
    assert "Referent erkrankt" in html


def test_the_calendar_sequence_counts_changes_and_cancellations_in_the_log(reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory(), next_weekday_at(9)))
    assert sequence_of(booking) == 0

    cancel_booking(actor=reception, booking=booking, reason="")

    assert sequence_of(Booking.objects.get(pk=booking.pk)) == 1
    assert ActivityLog.objects.for_object(booking).of_type("rooms.booking.cancelled").count() == 1


def test_the_feed_carries_the_same_sequence_as_the_invitation(reception):
    room = RoomFactory()
    booking = book_room(actor=reception, draft=draft(room, next_weekday_at(9)))
    from rooms.services import move_booking

    move_booking(
        actor=reception,
        booking=booking,
        start=booking.start.replace(hour=13),
        end=booking.end.replace(hour=15),
        reason="",
    )

    content, _modified = render_feed(Booking.objects.filter(pk=booking.pk), name="x", public=False)

    assert sequence_of(Booking.objects.get(pk=booking.pk)) == 1
    assert b"SEQUENCE:1" in content
