"""Closing the house on a day with bookings: shown first, decided per booking, logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import ClosureDay, OutboxEmail
from rooms import closures
from rooms.models import Booking
from rooms.services import book_room, request_booking
from tests.rooms.factories import RoomFactory, actions, draft, history, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")

URL = "/reception/closure-days/new/"


@pytest.fixture
def day_with_bookings(reception):
    room = RoomFactory(name="Raum Eder")
    other = RoomFactory(name="Raum Fulda")
    start = next_weekday_at(10, days_ahead=14)
    first = book_room(
        actor=reception, draft=draft(room, start, title="Vorstand", contact_email="a@example.org")
    )
    second = book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=3)))
    third = request_booking(actor=None, draft=draft(other, start, title="Chorprobe"))
    return start.date(), room, other, [first, second, third]


def _decisions(bookings, **per_booking):
    data = {}
    for booking in bookings:
        for key, value in per_booking.get(str(booking.pk), {}).items():
            data[f"booking-{booking.pk}-{key}"] = value
    return data


def test_adding_a_closure_day_shows_the_bookings_on_it_before_saving(
    client, manager, day_with_bookings
):
    day, _room, _other, bookings = day_with_bookings
    client.force_login(manager)

    page = client.post(
        URL, {"date": day.isoformat(), "kind": "maintenance", "reason": "Wasserschaden"}
    )

    assert page.status_code == 200
    text = page.content.decode()
    for booking in bookings:
        assert booking.title in text
    assert "3 Buchungen" in text
    assert not ClosureDay.objects.exists()  # nothing saved yet
    assert all(
        b.state == Booking.State.CONFIRMED
        for b in Booking.objects.filter(pk__in=[bookings[0].pk, bookings[1].pk])
    )


def test_each_booking_is_cancelled_moved_or_kept_and_all_is_logged(
    client, manager, day_with_bookings
):
    day, _room, other, (first, second, third) = day_with_bookings
    client.force_login(manager)
    next_day = (day + dt.timedelta(days=1)).isoformat()
    data = {
        "date": day.isoformat(),
        "kind": "maintenance",
        "reason": "Wasserschaden",
        "checked_date": day.isoformat(),
        **_decisions(
            [first, second, third],
            **{
                str(first.pk): {"action": "cancel"},
                str(second.pk): {
                    "action": "move",
                    "room": str(other.pk),
                    "date": next_day,
                    "start_time": "13:00",
                    "end_time": "15:00",
                },
                str(third.pk): {"action": "keep", "reason": "Notdienst im Erdgeschoss"},
            },
        ),
    }

    response = client.post(URL, data)

    assert response.status_code == 302
    closure = ClosureDay.objects.get(date=day)
    assert closure.created_by == manager
    first.refresh_from_db()
    second.refresh_from_db()
    third.refresh_from_db()
    assert first.state == Booking.State.CANCELLED
    assert "Wasserschaden" in first.decision_reason
    mail = OutboxEmail.objects.filter(to=["a@example.org"], kind="booking_cancellation").get()
    assert any("method=CANCEL" in a["mimetype"] for a in mail.attachments)
    assert second.room == other
    assert timezone.localtime(second.start).date() == day + dt.timedelta(days=1)
    assert second.occupancies.get().room == other
    assert third.state == Booking.State.REQUESTED
    assert actions(first)[-1] == "cancelled"
    assert actions(second)[-1] == "changed"
    assert history(second)[-1].data["changes"]["room"] == ["Raum Eder", "Raum Fulda"]
    assert actions(third)[-1] == "kept_on_closure_day"
    assert "Notdienst" in history(third)[-1].data["note"]


def test_a_move_onto_a_taken_slot_closes_nothing_and_offers_alternatives(
    client, manager, reception, day_with_bookings
):
    day, room, _other, (first, second, third) = day_with_bookings
    next_day = day + dt.timedelta(days=1)
    book_room(
        actor=reception,
        draft=draft(
            room, timezone.make_aware(dt.datetime.combine(next_day, dt.time(10))), title="Belegt"
        ),
    )
    client.force_login(manager)
    data = {
        "date": day.isoformat(),
        "kind": "other",
        "reason": "Streik",
        "checked_date": day.isoformat(),
        **_decisions(
            [first, second, third],
            **{
                str(first.pk): {
                    "action": "move",
                    "room": str(room.pk),
                    "date": next_day.isoformat(),
                    "start_time": "10:00",
                    "end_time": "12:00",
                },
                str(second.pk): {"action": "cancel"},
                str(third.pk): {"action": "keep"},  # no reason: refused as well
            },
        ),
    }

    page = client.post(URL, data)

    assert page.status_code == 200
    assert not ClosureDay.objects.exists()
    assert Booking.objects.get(pk=second.pk).state == Booking.State.CONFIRMED
    assert "Bitte geben Sie den Grund" in page.content.decode()
    data[f"booking-{third.pk}-reason"] = "Notdienst"
    page = client.post(URL, data)
    text = page.content.decode()
    assert "bereits von" in text
    assert "Diese Termine sind frei" in text
    assert not ClosureDay.objects.exists()
    assert Booking.objects.get(pk=second.pk).state == Booking.State.CONFIRMED


def test_a_day_without_bookings_closes_at_once_and_the_board_and_finder_show_it(client, manager):
    room = RoomFactory(name="Raum Eder")
    day = next_weekday_at(10, days_ahead=20).date()
    client.force_login(manager)
    response = client.post(
        URL, {"date": day.isoformat(), "kind": "other", "reason": "Betriebsausflug"}
    )
    assert response.status_code == 302
    assert ClosureDay.objects.filter(date=day, reason="Betriebsausflug").exists()

    board = client.get("/reception/", {"date": day.isoformat()}).content.decode()
    assert "Betriebsausflug" in board
    assert f"room={room.slug}&amp;date={day.isoformat()}" not in board  # no "frei" links
    finder = client.get(
        reverse("rooms:reception_finder"),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "duration": 120,
            "attendees": 5,
            "layout": "boardroom",
        },
    ).content.decode()
    assert "Betriebsausflug" in finder
    assert 'id="found-' not in finder  # no room offered on the closed day
    assert 'data-kind="time"' not in finder  # nor another time that day


def test_only_house_management_closes_the_house(client, reception):
    client.force_login(reception)
    assert client.get(URL).status_code == 403


def test_the_admin_leads_to_the_page_that_shows_the_bookings(client):
    from house.models import Role
    from tests.factories import staff_user

    admin = staff_user(Role.HOUSE_MANAGEMENT, is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get("/admin/house/closureday/add/")
    assert response.status_code == 302
    assert response["Location"] == URL


def test_close_day_refuses_an_undecided_booking(manager, day_with_bookings):
    day, _room, _other, _bookings = day_with_bookings
    with pytest.raises(closures.ClosureError):
        closures.close_day(
            actor=manager, date=day, reason="Wartung", kind="maintenance", decisions={}
        )
    assert not ClosureDay.objects.exists()
