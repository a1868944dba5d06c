"""Conflict safety under real concurrency: PostgreSQL, real threads, one connection each."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, connections, transaction

from house.models import Role
from rooms.models import Booking, Occupancy
from rooms.services import BookingError, SlotTakenError, book_room
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.postgres

CLIENTS = 16
ROUNDS = 50


def test_exclusion_constraint_refuses_overlapping_rows_written_directly(default_fee_rules):
    reception = staff_user(Role.RECEPTION)
    room = RoomFactory()
    booking = book_room(actor=reception, draft=draft(room))
    other = book_room(actor=reception, draft=draft(RoomFactory()))

    with pytest.raises(IntegrityError, match="occupancy_no_overlap"), transaction.atomic():
        Occupancy.objects.create(
            booking=other,
            room=room,
            blocked_from=booking.start,
            blocked_until=booking.end,
        )


@pytest.mark.django_db(transaction=True)
def test_sixteen_clients_racing_for_one_slot_get_exactly_one_booking_per_round(default_fee_rules):
    reception = staff_user(Role.RECEPTION)
    left, right = RoomFactory(), RoomFactory()
    combined = RoomFactory(parts=[left, right])
    rooms = [left, combined]  # a part and its combination compete for the same space
    first = next_weekday_at(8)
    outcomes: list[str] = []
    lock = threading.Lock()

    def client(round_no: int, index: int, barrier: threading.Barrier) -> None:
        room = rooms[index % 2]
        day = first + dt.timedelta(days=7 * (round_no // 5))
        start = day + dt.timedelta(hours=2 * (round_no % 5))
        try:
            barrier.wait()
            book_room(actor=reception, draft=draft(room, start, hours=1))
            result = "booked"
        except SlotTakenError:
            result = "taken"
        except BookingError:
            result = "conflict"
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    for round_no in range(ROUNDS):
        barrier = threading.Barrier(CLIENTS)
        threads = [
            threading.Thread(target=client, args=(round_no, i, barrier)) for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    errors = [o for o in outcomes if o.startswith("error")]
    assert errors == []
    assert outcomes.count("booked") == ROUNDS
    assert Booking.objects.count() == ROUNDS
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM rooms_occupancy a JOIN rooms_occupancy b
               ON a.room_id = b.room_id AND a.id < b.id
               AND a.blocked_from < b.blocked_until AND b.blocked_from < a.blocked_until"""
        )
        assert cursor.fetchone()[0] == 0


def test_exclusion_violation_reaches_the_user_as_slot_taken(default_fee_rules, monkeypatch):
    from rooms.services import checks

    reception = staff_user(Role.RECEPTION)
    room = RoomFactory()
    book_room(actor=reception, draft=draft(room))
    monkeypatch.setattr(checks, "ensure_free", lambda *args, **kwargs: None)  # lose the race

    with pytest.raises(SlotTakenError):
        book_room(actor=reception, draft=draft(room))

    assert Booking.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_events_over_two_days_and_single_bookings_racing_never_share_a_day(default_fee_rules):
    """Half the clients book a two-day event, half a single booking on its second day:
    per round exactly one wins the second day, and an event is booked whole or not at all."""
    from rooms.models import BookingSeries
    from rooms.services import book_event

    reception = staff_user(Role.RECEPTION)
    room = RoomFactory()
    first = next_weekday_at(9)
    while first.weekday() > 3:  # two weekdays in a row
        first += dt.timedelta(days=1)
    rounds, clients = 10, 8
    outcomes: list[str] = []
    lock = threading.Lock()

    def client(round_no: int, index: int, barrier: threading.Barrier) -> None:
        day = first + dt.timedelta(days=7 * round_no)
        try:
            barrier.wait()
            if index % 2:
                book_event(actor=reception, draft=draft(room, day, hours=3), days=2)
                result = "event"
            else:
                book_room(actor=reception, draft=draft(room, day + dt.timedelta(days=1), hours=3))
                result = "single"
        except (SlotTakenError, BookingError):
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    for round_no in range(rounds):
        barrier = threading.Barrier(clients)
        threads = [
            threading.Thread(target=client, args=(round_no, i, barrier)) for i in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("event") + outcomes.count("single") == rounds
    for series in BookingSeries.objects.filter(is_event=True):
        assert series.bookings.count() == 2
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT count(*) FROM rooms_occupancy a JOIN rooms_occupancy b
               ON a.room_id = b.room_id AND a.id < b.id
               AND a.blocked_from < b.blocked_until AND b.blocked_from < a.blocked_until"""
        )
        assert cursor.fetchone()[0] == 0
