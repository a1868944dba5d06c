"""Planning a series: every date checked against closures and the occupancies of its rooms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from house.models import ClosureDay
from rooms.services import (
    Recurrence,
    book_room,
    plan_series,
)
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _plan_queries(room, first: dt.datetime, count: int, reception) -> tuple[int, list]:
    recurrence = Recurrence(freq="weekly", weekdays=(first.weekday(),), count=count)
    with CaptureQueriesContext(connection) as queries:
        plan = plan_series(draft(room, first), recurrence, actor=reception)
    return len(queries), plan


def test_plan_series_query_count_is_the_same_for_5_and_50_dates(reception):
    room = RoomFactory(max_advance_days=800)
    first = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, first + dt.timedelta(days=7)))  # 2nd date
    book_room(actor=reception, draft=draft(room, first + dt.timedelta(days=70)))  # 11th date
    ClosureDay.objects.create(date=(first + dt.timedelta(days=14)).date(), reason="Betriebsausflug")

    few, short_plan = _plan_queries(room, first, 5, reception)
    many, long_plan = _plan_queries(room, first, 50, reception)

    # Closure days and occupancies; the room has worked out its parts when it was booked.
    assert few == many == 2
    assert len(long_plan) == 50
    problems = [o.problem for o in long_plan]
    assert "ist bereits von" in problems[1]
    assert "Betriebsausflug" in problems[2]
    assert problems[10]
    assert sum(1 for p in problems if p) == 3
    assert [o.problem for o in short_plan] == problems[:5]


def test_plan_series_ignores_occupancies_of_other_rooms(reception):
    room, other = RoomFactory(), RoomFactory()
    first = next_weekday_at(10)
    book_room(actor=reception, draft=draft(other, first))

    plan = plan_series(
        draft(room, first),
        Recurrence(freq="weekly", weekdays=(first.weekday(),), count=3),
        actor=reception,
    )

    assert [o.problem for o in plan] == ["", "", ""]


def test_plan_series_of_a_combined_room_sees_bookings_of_its_parts(reception):
    left, right = RoomFactory(), RoomFactory()
    combined = RoomFactory(parts=[left, right])
    first = next_weekday_at(10)
    book_room(actor=reception, draft=draft(right, first + dt.timedelta(days=7)))

    plan = plan_series(
        draft(combined, first),
        Recurrence(freq="weekly", weekdays=(first.weekday(),), count=3),
        actor=reception,
    )

    assert [bool(o.problem) for o in plan] == [False, True, False]
    assert right.name in plan[1].problem
