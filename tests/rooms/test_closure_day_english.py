"""A closure day's reason in English: entered with the German one, shown to English readers."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from house.models import ClosureDay, OutboxEmail
from rooms.services import BookingError, book_room, validate_draft
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")

URL = "/reception/closure-days/new/"


def _close(client, day, **extra):
    return client.post(
        URL,
        {"date": day.isoformat(), "kind": "other", "reason": "Betriebsausflug", **extra},
        HTTP_ACCEPT_LANGUAGE="de",
    )


def test_the_form_asks_for_the_english_reason_as_an_option(client, manager):
    client.force_login(manager)

    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()

    english = re.search(r'<input[^>]*name="reason_en"[^>]*>', page).group(0)
    german = re.search(r'<input[^>]*name="reason"[^>]*>', page).group(0)
    assert "required" in german
    assert "required" not in english
    assert "Leer: Der deutsche Text wird angezeigt." in page


def test_the_english_reason_is_kept_and_shown_on_the_english_board_and_finder(client, manager):
    RoomFactory(name="Raum Eder")
    day = next_weekday_at(10, days_ahead=20).date()
    client.force_login(manager)

    response = _close(client, day, reason_en="Staff outing")

    assert response.status_code == 302
    closure = ClosureDay.objects.get(date=day)
    assert (closure.reason, closure.reason_en) == ("Betriebsausflug", "Staff outing")
    board = client.get("/reception/", {"date": day.isoformat()}, HTTP_ACCEPT_LANGUAGE="en")
    week = client.get(
        "/reception/", {"date": day.isoformat(), "view": "week"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    finder = client.get(
        reverse("rooms:reception_finder"),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "duration": 120,
            "attendees": 5,
            "layout": "boardroom",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    for page in (board, week, finder):
        text = page.content.decode()
        assert "Staff outing" in text
        assert "Betriebsausflug" not in text
    german = client.get("/reception/", {"date": day.isoformat()}, HTTP_ACCEPT_LANGUAGE="de")
    assert "Betriebsausflug" in german.content.decode()


def test_without_an_english_reason_english_readers_read_the_german_one(client, manager):
    day = next_weekday_at(10, days_ahead=20).date()
    client.force_login(manager)

    _close(client, day)

    assert ClosureDay.objects.get(date=day).reason_en == ""
    board = client.get("/reception/", {"date": day.isoformat()}, HTTP_ACCEPT_LANGUAGE="en")
    assert "Betriebsausflug" in board.content.decode()


def test_a_room_request_on_the_closed_day_names_the_english_reason(client, manager):
    room = RoomFactory(name="Raum Eder")
    start = next_weekday_at(10, days_ahead=20)
    client.force_login(manager)
    _close(client, start.date(), reason_en="Staff outing")

    with translation.override("en"), pytest.raises(BookingError) as refused:
        validate_draft(draft(room, start), actor=None, past_reason="")

    assert "(Staff outing)" in refused.value.message


def test_an_english_booker_reads_the_english_reason_in_the_cancellation(client, manager, reception):
    UserFactory(email="booker@example.org", language="en")
    room = RoomFactory(name="Raum Eder")
    start = next_weekday_at(10, days_ahead=14)
    booking = book_room(
        actor=reception, draft=draft(room, start, contact_email="booker@example.org")
    )
    client.force_login(manager)

    response = client.post(
        URL,
        {
            "date": start.date().isoformat(),
            "kind": "other",
            "reason": "Betriebsausflug",
            "reason_en": "Staff outing",
            "checked_date": start.date().isoformat(),
            f"booking-{booking.pk}-action": "cancel",
        },
        HTTP_ACCEPT_LANGUAGE="de",
    )

    assert response.status_code == 302
    email = OutboxEmail.objects.filter(to=["booker@example.org"]).latest("pk")
    assert "Staff outing" in email.body_text
    assert "Betriebsausflug" not in email.body_text
