"""Dates from URLs and forms outside any sensible range: a page or a message, never a 500."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from rooms.models import Booking
from tests.rooms.factories import RoomFactory, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")

EXTREME_DATES = ["9999-12-31", "0001-01-01", "9998-12-31", "1000-02-29"]


@pytest.mark.parametrize("value", EXTREME_DATES)
def test_public_room_week_answers_with_this_week_for_a_date_out_of_range(client, value):
    room = RoomFactory()

    response = client.get(room.get_absolute_url(), {"week": value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", EXTREME_DATES)
@pytest.mark.parametrize(
    ("name", "extra"),
    [
        ("rooms:reception", {}),
        ("rooms:reception", {"view": "week"}),
        ("rooms:reception_day_sheet", {}),
        ("rooms:reception_book", {}),
    ],
)
def test_reception_pages_answer_for_a_date_out_of_range(client, reception, name, extra, value):
    RoomFactory()
    client.force_login(reception)

    response = client.get(reverse(name), {"date": value, **extra})

    assert response.status_code == 200


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_finder_says_which_dates_it_accepts(client, reception, value):
    RoomFactory()
    client.force_login(reception)

    response = client.get(
        reverse("rooms:reception_finder"),
        {
            "date": value,
            "start_time": "10:00",
            "duration": 120,
            "attendees": 5,
            "layout": "boardroom",
        },
    )

    assert response.status_code == 200
    assert "Bitte geben Sie ein Datum zwischen" in response.text


def _booking_data(room, **extra):
    return {
        "room": room.pk,
        "date": next_weekday_at(10).date().isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "title": "Mitgliederversammlung",
        "purpose": "nonprofit",
        "attendees": 12,
        "layout": "boardroom",
        "contact_name": "Gruppe",
        **extra,
    }


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_reception_booking_dated_out_of_range_is_refused_with_a_message(client, reception, value):
    room = RoomFactory()
    client.force_login(reception)

    response = client.post(
        reverse("rooms:reception_book"), _booking_data(room, date=value, action="book")
    )

    assert response.status_code == 200
    assert "Bitte geben Sie ein Datum zwischen" in response.text
    assert not Booking.objects.exists()


@pytest.mark.parametrize("until", ["9999-12-31", "9998-12-31"])
def test_series_until_the_end_of_time_is_refused_fast(client, reception, until):
    room = RoomFactory()
    client.force_login(reception)
    data = _booking_data(room, repeat="weekly", interval=1, until=until, action="quote")

    began = time.perf_counter()
    response = client.post(reverse("rooms:reception_book"), data)
    elapsed = time.perf_counter() - began

    assert response.status_code == 200
    assert "Bitte geben Sie ein Datum zwischen" in response.text
    assert elapsed < 2.0


def test_series_plan_is_read_lazily_and_stops_at_the_latest_date():
    import datetime as dt

    from django.utils import timezone

    from house.dates import latest_date
    from rooms.services import Recurrence

    start = timezone.make_aware(dt.datetime(2026, 12, 1, 10))  # noqa: DTZ001 - wall-clock time
    endless = Recurrence(freq="weekly", weekdays=(1,), until=dt.date(9998, 12, 31))

    began = time.perf_counter()
    rule = endless.rule(start)
    last = list(rule)[-1]
    elapsed = time.perf_counter() - began

    assert last.date() <= latest_date()
    assert elapsed < 0.5
