"""A room's public calendar names a booking only when it is confirmed and its title may be shown."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from rooms.fees import Purpose
from rooms.models import Booking
from rooms.services import (
    book_room,
    cancel_booking,
    request_booking,
)
from tests.rooms.factories import BookingFactory, RoomFactory, draft, next_weekday_at
from tests.rooms.test_views_public import _request_data

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _feed_summaries(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def test_public_title_only_for_confirmed_bookings_allowed_to_show_it(db):
    shown = BookingFactory(title="Offener Treff", show_title_publicly=True)
    requested = BookingFactory(
        title="Spam", show_title_publicly=True, state=Booking.State.REQUESTED
    )
    cancelled = BookingFactory(
        title="Abgesagt", show_title_publicly=True, state=Booking.State.CANCELLED
    )
    party = BookingFactory(
        title="Geburtstag Meier", show_title_publicly=True, purpose=Purpose.PRIVATE_CELEBRATION
    )
    hidden = BookingFactory(title="Intern", show_title_publicly=False)

    assert shown.public_title() == "Offener Treff"
    assert {b.public_title() for b in (requested, cancelled, party, hidden)} == {"Belegt"}


def test_room_page_hides_the_title_of_a_public_request(client):
    room = RoomFactory()
    start = next_weekday_at(10)
    request_booking(
        actor=None,
        draft=draft(room, start, title="Billig Pillen kaufen", show_title_publicly=True),
    )

    response = client.get(
        reverse("rooms:detail", args=[room.slug]), {"week": start.date().isoformat()}
    )

    assert "Billig Pillen kaufen" not in response.text
    assert "Belegt" in response.text


def test_public_feed_shows_titles_of_confirmed_bookings_only(client, reception):
    room = RoomFactory(slug="saal")
    start = next_weekday_at(9)
    book_room(
        actor=reception,
        draft=draft(room, start, title="Offener Treff", hours=1, show_title_publicly=True),
    )
    request_booking(
        actor=None,
        draft=draft(
            room,
            start + dt.timedelta(hours=3),
            hours=1,
            title="Spam-Anfrage",
            show_title_publicly=True,
        ),
    )
    cancelled = book_room(
        actor=reception,
        draft=draft(
            room, start + dt.timedelta(hours=6), hours=1, title="Abgesagt", show_title_publicly=True
        ),
    )
    cancel_booking(actor=reception, booking=cancelled)

    summaries = _feed_summaries(client.get(reverse("rooms:room_feed", kwargs={"slug": "saal"})))

    assert "Offener Treff" in summaries
    assert "Spam-Anfrage" not in summaries
    assert "Abgesagt" not in summaries
    assert summaries.count("Belegt") == 2


def test_public_request_form_cannot_ask_to_show_the_title(client):
    room = RoomFactory()
    start = next_weekday_at(10)

    page = client.get(reverse("rooms:request", args=[room.slug]))
    client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(start, show_title_publicly="on"),
    )

    assert 'name="show_title_publicly"' not in page.text
    assert Booking.objects.get().show_title_publicly is False


def test_reception_decides_about_the_public_title_when_confirming(client, reception):
    room = RoomFactory()
    booking = request_booking(actor=None, draft=draft(room, title="Chorprobe"))
    client.force_login(reception)

    page = client.get(reverse("rooms:reception_booking", args=[booking.pk]))
    client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "confirm"]),
        {"public_title_choice": "1", "show_title_publicly": "on"},
    )

    booking.refresh_from_db()
    assert 'name="show_title_publicly"' in page.text
    assert booking.state == Booking.State.CONFIRMED
    assert booking.show_title_publicly is True
    assert booking.public_title() == "Chorprobe"


def test_confirming_from_the_request_list_keeps_the_public_title_setting(client, reception):
    booking = request_booking(actor=None, draft=draft(RoomFactory(), show_title_publicly=True))
    client.force_login(reception)

    client.post(reverse("rooms:reception_decide", args=[booking.pk, "confirm"]))

    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert booking.show_title_publicly is True
