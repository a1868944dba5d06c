"""Recurring bookings: wall-clock time across daylight-saving changes, skipped dates, cancelling."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.models import ClosureDay
from rooms.models import Booking
from rooms.services import Recurrence, book_room, book_series, cancel_series, plan_series
from tests.rooms.factories import RoomFactory, actions, draft

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def next_october_change() -> dt.date:
    """The last Sunday of October (clocks go back) that is still ahead."""
    year = timezone.localdate().year
    while True:
        day = dt.date(year, 10, 31)
        while day.weekday() != 6:
            day -= dt.timedelta(days=1)
        if day > timezone.localdate() + dt.timedelta(days=21):
            return day
        year += 1


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_weekly_series_keeps_wall_clock_time_across_the_october_change(reception):
    room = RoomFactory(max_advance_days=800)
    change = next_october_change()
    first = change - dt.timedelta(days=20)  # a Monday three weeks before
    recurrence = Recurrence(freq="weekly", weekdays=(0,), count=6)

    _series, bookings = book_series(
        actor=reception, draft=draft(room, at(first, 10), hours=2), recurrence=recurrence
    )

    local_starts = [timezone.localtime(b.start) for b in bookings]
    assert len(bookings) == 6
    assert {(s.hour, s.minute) for s in local_starts} == {(10, 0)}
    assert {s.utcoffset() for s in local_starts} == {dt.timedelta(hours=2), dt.timedelta(hours=1)}


def test_series_every_second_week_on_two_weekdays(reception):
    room = RoomFactory()
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    recurrence = Recurrence(freq="weekly", weekdays=(0, 3), interval=2, count=4)

    plan = plan_series(draft(room, at(monday, 18), hours=1), recurrence, actor=reception)

    assert [timezone.localtime(o.start).date() - monday for o in plan] == [
        dt.timedelta(days=d) for d in (0, 3, 14, 17)
    ]


def test_monthly_fifth_weekday_means_the_last(reception):
    room = RoomFactory()
    start = timezone.localdate() + dt.timedelta(days=40)
    recurrence = Recurrence(freq="monthly", weekdays=(2,), nth=5, count=3)

    plan = plan_series(draft(room, at(start, 9), hours=1), recurrence, actor=reception)

    for occurrence in plan:
        day = timezone.localtime(occurrence.start).date()
        assert day.weekday() == 2
        assert (day + dt.timedelta(days=7)).month != day.month


def test_series_lists_conflicts_and_records_skipped_dates(reception):
    room = RoomFactory()
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    book_room(actor=reception, draft=draft(room, at(monday + dt.timedelta(days=7), 10)))
    ClosureDay.objects.create(date=monday + dt.timedelta(days=14), reason="Betriebsversammlung")
    recurrence = Recurrence(freq="weekly", weekdays=(0,), count=4)

    plan = plan_series(draft(room, at(monday, 10)), recurrence, actor=reception)
    series, bookings = book_series(
        actor=reception, draft=draft(room, at(monday, 10)), recurrence=recurrence, skip_reason="OK"
    )

    assert [bool(o.problem) for o in plan] == [False, True, True, False]
    assert len(bookings) == 2
    assert [s["date"] for s in series.skipped] == [
        (monday + dt.timedelta(days=7)).isoformat(),
        (monday + dt.timedelta(days=14)).isoformat(),
    ]
    assert "Betriebsversammlung" in series.skipped_dates[1].reason


def test_cancel_series_from_a_date_keeps_earlier_occurrences(reception):
    room = RoomFactory()
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    series, _bookings = book_series(
        actor=reception,
        draft=draft(room, at(monday, 10)),
        recurrence=Recurrence(freq="weekly", weekdays=(0,), count=5),
    )

    cancelled = cancel_series(
        actor=reception,
        series=series,
        from_date=monday + dt.timedelta(days=14),
        until_date=monday + dt.timedelta(days=21),
    )

    states = list(series.bookings.order_by("start").values_list("state", flat=True))
    assert cancelled == 2
    assert states == ["confirmed", "confirmed", "cancelled", "cancelled", "confirmed"]
    assert Booking.objects.filter(occupancies__isnull=False).distinct().count() == 3


def test_move_one_occurrence_keeps_quote_and_logs_the_change(reception):
    from rooms.services import move_booking

    room = RoomFactory()
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    _series, bookings = book_series(
        actor=reception,
        draft=draft(room, at(monday, 10)),
        recurrence=Recurrence(freq="weekly", weekdays=(0,), count=2),
    )
    quote = bookings[1].quote

    moved = move_booking(
        actor=reception,
        booking=bookings[1],
        start=at(monday + dt.timedelta(days=8), 14),
        end=at(monday + dt.timedelta(days=8), 16),
    )

    assert moved.quote == quote
    assert moved.occupancies.get().blocked_from == at(
        monday + dt.timedelta(days=8), 14
    ) - dt.timedelta(minutes=30)
    assert actions(moved)[-1] == "changed"


def test_move_series_changes_this_and_following_dates(reception):
    from rooms.services import move_series

    room = RoomFactory()
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    series, _bookings = book_series(
        actor=reception,
        draft=draft(room, at(monday, 10)),
        recurrence=Recurrence(freq="weekly", weekdays=(0,), count=3),
    )

    moved = move_series(
        actor=reception,
        series=series,
        from_date=monday + dt.timedelta(days=7),
        start_time=dt.time(16),
        end_time=dt.time(18),
    )

    hours = [timezone.localtime(b.start).hour for b in series.bookings.order_by("start")]
    assert moved == 2
    assert hours == [10, 16, 16]


def test_move_series_is_all_or_nothing(reception):
    from rooms.services import BookingError, move_series

    room = RoomFactory()
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    series, _bookings = book_series(
        actor=reception,
        draft=draft(room, at(monday, 10)),
        recurrence=Recurrence(freq="weekly", weekdays=(0,), count=3),
    )
    book_room(actor=reception, draft=draft(room, at(monday + dt.timedelta(days=14), 16)))

    with pytest.raises(BookingError):
        move_series(
            actor=reception,
            series=series,
            from_date=monday,
            start_time=dt.time(16),
            end_time=dt.time(17),
        )

    hours = [timezone.localtime(b.start).hour for b in series.bookings.order_by("start")]
    assert hours == [10, 10, 10]
