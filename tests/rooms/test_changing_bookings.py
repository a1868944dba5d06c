"""Changing and cancelling at the reception: a refused move keeps what was typed, a move
may change the room, title, size and layout of one date can be edited, and a
cancellation asks first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rooms.models import Booking
from rooms.services import book_room
from tests.rooms.factories import RoomFactory, actions, draft, history, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def test_a_move_onto_a_taken_slot_keeps_the_panel_open_with_the_values_and_alternatives(
    client, reception
):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start))
    book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=5)))

    page = client.post(
        reverse("rooms:reception_move", args=[booking.pk]),
        {
            "date": start.date().isoformat(),
            "start_time": "15:00",
            "end_time": "16:00",
            "reason": "Wunsch des Vereins",
        },
    )

    text = page.content.decode()
    assert page.status_code == 409
    assert 'id="move-panel" open' in text
    assert 'value="15:00"' in text
    assert 'value="Wunsch des Vereins"' in text
    assert "Diese Termine sind frei" in text
    booking.refresh_from_db()
    assert timezone.localtime(booking.start).hour == 10


def test_a_move_changes_the_room_with_the_same_guarantee(client, reception):
    client.force_login(reception)
    room = RoomFactory(name="Raum Eder")
    other = RoomFactory(name="Raum Fulda", setup_minutes=10)
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start))
    taken = book_room(actor=reception, draft=draft(other, start + dt.timedelta(hours=4)))

    refused = client.post(
        reverse("rooms:reception_move", args=[booking.pk]),
        {
            "room": other.pk,
            "date": start.date().isoformat(),
            "start_time": "14:00",
            "end_time": "15:00",
        },
    )
    assert refused.status_code == 409
    assert Booking.objects.get(pk=booking.pk).room == room

    moved = client.post(
        reverse("rooms:reception_move", args=[booking.pk]),
        {
            "room": other.pk,
            "date": start.date().isoformat(),
            "start_time": "11:00",
            "end_time": "12:00",
        },
    )
    assert moved.status_code == 302
    booking.refresh_from_db()
    assert booking.room == other
    assert booking.setup_minutes == 10
    assert list(booking.occupancies.values_list("room_id", flat=True)) == [other.pk]
    assert history(booking)[-1].data["changes"]["room"] == ["Raum Eder", "Raum Fulda"]
    assert taken.occupancies.count() == 1


def test_title_size_and_layout_of_one_date_are_edited_and_logged(client, reception):
    client.force_login(reception)
    room = RoomFactory(capacities={"boardroom": 20, "theatre": 50})
    booking = book_room(actor=reception, draft=draft(room, title="Vorstand"))

    too_many = client.post(
        reverse("rooms:reception_edit", args=[booking.pk]),
        {"title": "Mitgliederversammlung", "attendees": 40, "layout": "boardroom"},
    )
    assert too_many.status_code == 400
    assert 'id="details-panel" open' in too_many.content.decode()
    assert Booking.objects.get(pk=booking.pk).title == "Vorstand"

    client.post(
        reverse("rooms:reception_edit", args=[booking.pk]),
        {"title": "Mitgliederversammlung", "attendees": 40, "layout": "theatre"},
    )
    booking.refresh_from_db()
    assert (booking.title, booking.attendees, booking.layout) == (
        "Mitgliederversammlung",
        40,
        "theatre",
    )
    assert actions(booking)[-1] == "changed"
    assert history(booking)[-1].data["changes"]["attendees"] == [10, 40]


def test_cancelling_asks_first_on_a_page_of_its_own(client, reception):
    client.force_login(reception)
    booking = book_room(actor=reception, draft=draft(RoomFactory()))
    detail = client.get(reverse("rooms:reception_booking", args=[booking.pk])).content.decode()
    confirm_url = reverse("rooms:reception_cancel_confirm", args=[booking.pk])
    assert f'action="{confirm_url}"' in detail

    ask = client.get(confirm_url, {"reason": "Krankheit"})
    assert ask.status_code == 200
    assert 'value="Krankheit"' in ask.content.decode()
    assert Booking.objects.get(pk=booking.pk).state == Booking.State.CONFIRMED

    client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "cancel"]), {"reason": "Krankheit"}
    )
    assert Booking.objects.get(pk=booking.pk).state == Booking.State.CANCELLED
