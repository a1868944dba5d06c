"""Moves into another room under real concurrency: PostgreSQL, real threads."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connections

from house.models import Role
from rooms.models import Booking
from rooms.services import BookingError, move_booking
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.postgres

CLIENTS = 8
ROUNDS = 5


@pytest.mark.django_db(transaction=True)
def test_bookings_moved_into_one_room_at_once_take_it_exactly_once(default_fee_rules):
    from rooms.services import book_room

    reception = staff_user(Role.RECEPTION)
    target = RoomFactory(name="Ziel")
    sources = [RoomFactory() for _ in range(CLIENTS)]
    first = next_weekday_at(8, days_ahead=14)
    outcomes: list[str] = []
    lock = threading.Lock()

    for round_no in range(ROUNDS):
        day = first + dt.timedelta(days=7 * round_no)
        bookings = [
            book_room(actor=reception, draft=draft(room, day, hours=1, title=f"R{round_no}"))
            for room in sources
        ]
        barrier = threading.Barrier(CLIENTS)

        def client(booking: Booking, start: dt.datetime, barrier: threading.Barrier) -> None:
            try:
                barrier.wait()
                move_booking(
                    actor=reception,
                    booking=Booking.objects.select_related("room").get(pk=booking.pk),
                    start=start,
                    end=start + dt.timedelta(hours=1),
                    room=target,
                )
                result = "moved"
            except BookingError:
                result = "refused"
            except Exception as exc:  # noqa: BLE001 - any other error fails the test below
                result = f"error: {exc!r}"
            finally:
                connections.close_all()
            with lock:
                outcomes.append(result)

        start = day + dt.timedelta(hours=4)
        threads = [
            threading.Thread(target=client, args=(booking, start, barrier)) for booking in bookings
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("moved") == ROUNDS
    assert Booking.objects.filter(room=target).count() == ROUNDS
    assert target.occupancies.count() == ROUNDS
