"""Kept pages of the conference centre: a booking makes stale only what shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rooms import freshness
from rooms.services import book_room, move_booking
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _week(start: dt.datetime, weeks: int = 0) -> str:
    return (timezone.localtime(start).date() + dt.timedelta(weeks=weeks)).isoformat()


def _book(reception, room, start, title, capture):
    with capture(execute=True):
        return book_room(
            actor=reception,
            draft=draft(room, start, hours=1, title=title, show_title_publicly=True),
        )


def test_a_booking_leaves_other_rooms_and_weeks_in_the_cache(
    client, reception, django_assert_num_queries, django_capture_on_commit_callbacks
):
    eder, kassel = RoomFactory(name="Raum Eder"), RoomFactory(name="Saal Kassel")
    start = next_weekday_at(10)
    pages = [
        reverse("rooms:detail", args=[kassel.slug]) + f"?week={_week(start)}",
        reverse("rooms:detail", args=[eder.slug]) + f"?week={_week(start, 1)}",
    ]
    for page in pages:
        client.get(page)

    _book(reception, eder, start, "Vorstandssitzung", django_capture_on_commit_callbacks)

    for page in pages:
        with django_assert_num_queries(0):
            assert client.get(page).status_code == 200
    shown = client.get(reverse("rooms:detail", args=[eder.slug]) + f"?week={_week(start)}")
    assert "Vorstandssitzung" in shown.text


def test_a_booking_of_a_part_refreshes_the_combined_room_and_the_board_of_its_week(
    client, reception, django_capture_on_commit_callbacks
):
    part = RoomFactory(name="Raum Eder")
    combined = RoomFactory(name="Eder und Fulda", parts=[part, RoomFactory(name="Raum Fulda")])
    start = next_weekday_at(10)
    combined_page = reverse("rooms:detail", args=[combined.slug]) + f"?week={_week(start)}"
    board = reverse("rooms:reception") + f"?date={_week(start)}&view=week"
    client.get(combined_page)
    client.force_login(reception)
    client.get(board)
    client.logout()

    _book(reception, part, start, "Kassenprüfung", django_capture_on_commit_callbacks)

    assert "Kassenprüfung" in client.get(combined_page).text
    client.force_login(reception)
    assert "Kassenprüfung" in client.get(board).text


def test_a_moved_booking_leaves_its_old_week(client, reception, django_capture_on_commit_callbacks):
    room = RoomFactory(name="Raum Eder")
    start = next_weekday_at(10)
    booking = _book(reception, room, start, "Vorstandssitzung", django_capture_on_commit_callbacks)
    old_week = reverse("rooms:detail", args=[room.slug]) + f"?week={_week(start)}"
    assert "Vorstandssitzung" in client.get(old_week).text

    later = start + dt.timedelta(weeks=2)
    with django_capture_on_commit_callbacks(execute=True):
        move_booking(
            actor=reception, booking=booking, start=later, end=later + dt.timedelta(hours=1)
        )

    assert "Vorstandssitzung" not in client.get(old_week).text
    new_week = reverse("rooms:detail", args=[room.slug]) + f"?week={_week(later)}"
    assert "Vorstandssitzung" in client.get(new_week).text


def test_unknown_rooms_and_far_weeks_leave_nothing_in_the_cache(client):
    from house.caching import current_versions

    room = RoomFactory()
    monday = freshness.monday_of(timezone.localdate())
    far = monday + dt.timedelta(weeks=400)

    assert client.get(reverse("rooms:detail", args=["gibt-es-nicht"])).status_code == 404
    assert client.get(reverse("rooms:detail", args=[room.slug]), {"week": far}).status_code == 200

    assert not freshness.keeps_week(far)
    assert current_versions(
        [freshness.room_week("gibt-es-nicht", monday), freshness.room_week(room.slug, far)]
    ) == (None, None)


def test_room_feed_answers_304_without_a_query(client, reception, django_assert_num_queries):
    room = RoomFactory()
    book_room(actor=reception, draft=draft(room, next_weekday_at(10)))
    url = reverse("rooms:room_feed", args=[room.slug])
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert again.content == b""


def test_a_booking_leaves_the_list_of_rooms_and_other_weeks_boards_in_the_cache(
    client, reception, django_assert_num_queries, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    room = RoomFactory(name="Raum Eder")
    start = next_weekday_at(10)
    other_week = reverse("rooms:reception") + f"?date={_week(start, 1)}&view=week"
    client.get(reverse("rooms:list"))
    client.force_login(reception)
    client.get(other_week)
    with CaptureQueriesContext(connection) as warm:
        client.get(other_week)

    _book(reception, room, start, "Vorstandssitzung", django_capture_on_commit_callbacks)

    # The board of the other week is not rendered again: besides the signed-in person,
    # only the count of open requests (any booking changes it) is asked anew.
    with django_assert_num_queries(len(warm.captured_queries) + 1):
        client.get(other_week)
    client.logout()
    with django_assert_num_queries(0):
        assert "Raum Eder" in client.get(reverse("rooms:list")).text


def test_the_list_of_rooms_is_kept_until_a_room_changes(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    room = RoomFactory(name="Raum Eder")
    client.get(reverse("rooms:list"))
    with django_assert_num_queries(0):
        client.get(reverse("rooms:list"))

    with django_capture_on_commit_callbacks(execute=True):
        room.name = "Raum Edersee"
        room.save()

    # rooms with their parts and photos
    with django_assert_num_queries(3):
        assert "Raum Edersee" in client.get(reverse("rooms:list")).text
