"""The board, the booking history and refusals speak in words and the reader's date format."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from house.models import ClosureDay
from rooms.models import Booking
from rooms.services import (
    BookingError,
    book_room,
    confirm_booking,
    move_booking,
    request_booking,
)
from tests.rooms.factories import RoomFactory, draft, history, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def test_board_names_a_pending_booking_in_its_continuation_cells(client, reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    request_booking(actor=None, draft=draft(room, start, title="Chorprobe"))
    client.force_login(reception)

    response = client.get(reverse("rooms:reception"), {"date": start.date().isoformat()})

    # 10:00–12:00: the first cell says "offen"; the three following ones say it as text, too.
    assert response.text.count('<span class="visually-hidden"> (Angefragt)</span>') == 3


def test_booking_history_shows_states_and_times_readably(client, reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = request_booking(actor=None, draft=draft(room, start))
    confirm_booking(actor=reception, booking=booking)
    move_booking(
        actor=reception,
        booking=Booking.objects.get(pk=booking.pk),
        start=start + dt.timedelta(hours=2),
        end=start + dt.timedelta(hours=4),
    )
    client.force_login(reception)

    text = client.get(reverse("rooms:reception_booking", args=[booking.pk])).text

    assert "Status: Angefragt → Bestätigt" in text
    day = timezone.localtime(start).strftime("%d.%m.%Y")
    assert f"{day} 10:00 → {day} 12:00" in text
    assert "[&#x27;requested&#x27;" not in text
    assert len(history(booking)) == 3


def test_closure_message_writes_the_date_in_the_active_language(reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    ClosureDay.objects.create(date=start.date(), reason="Inventur")

    with translation.override("en"), pytest.raises(BookingError) as english:
        book_room(actor=reception, draft=draft(room, start))
    with pytest.raises(BookingError) as german:
        book_room(actor=reception, draft=draft(room, start))

    assert start.strftime("%d/%m/%Y") in english.value.message  # day first
    assert start.strftime("%d.%m.%Y") in german.value.message
