"""Booking services: validation, conflicts with buffers and combined rooms, states, audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.models import ClosureDay
from rooms.fees import Purpose
from rooms.models import Booking, Layout, Occupancy
from rooms.services import (
    BookingError,
    book_room,
    cancel_booking,
    confirm_booking,
    reject_booking,
    request_booking,
    withdraw_booking,
)
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, actions, draft, history, next_weekday_at
from tests.tenants.factories import OrganisationFactory
from tests.volunteers.history import regular_volunteer

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def test_book_room_confirms_and_occupies_the_room_with_buffers(reception):
    room = RoomFactory(setup_minutes=30, teardown_minutes=15)
    start = next_weekday_at(10)

    booking = book_room(actor=reception, draft=draft(room, start, hours=2))

    assert booking.state == Booking.State.CONFIRMED
    occupancy = Occupancy.objects.get(booking=booking)
    assert occupancy.blocked_from == start - dt.timedelta(minutes=30)
    assert occupancy.blocked_until == start + dt.timedelta(hours=2, minutes=15)
    assert actions(booking) == ["created", "confirmed"]
    assert history(booking)[0].actor == reception
    assert booking.quote["rule_name"]


def test_book_room_overlap_is_refused_naming_the_slot_and_alternatives(reception):
    room = RoomFactory(name="Saal")
    RoomFactory(name="Nebenraum")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start))

    with pytest.raises(BookingError) as error:
        book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=1)))

    assert "Saal" in error.value.message
    assert "09:30" in error.value.message  # the set-up buffer is part of the busy slot
    assert error.value.conflicts
    assert {slot.room.name for slot in error.value.alternatives} >= {"Nebenraum"}
    assert Booking.objects.count() == 1


def test_book_room_buffers_block_the_neighbouring_slot(reception):
    room = RoomFactory(setup_minutes=30, teardown_minutes=15)
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, hours=2))  # blocked 09:30–12:15

    with pytest.raises(BookingError):
        book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=2), hours=1))
    later = book_room(
        actor=reception, draft=draft(room, start + dt.timedelta(hours=2, minutes=45), hours=1)
    )

    assert later.state == Booking.State.CONFIRMED


def test_combined_room_occupies_every_part(reception):
    left, right = RoomFactory(), RoomFactory()
    combined = RoomFactory(parts=[left, right])

    booking = book_room(actor=reception, draft=draft(combined))

    assert set(booking.occupancies.values_list("room", flat=True)) == {left.pk, right.pk}


def test_booking_a_part_blocks_the_combination_and_back(reception):
    left, right = RoomFactory(), RoomFactory()
    combined = RoomFactory(parts=[left, right])
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(right, start))

    with pytest.raises(BookingError):
        book_room(actor=reception, draft=draft(combined, start))
    book_room(actor=reception, draft=draft(combined, start + dt.timedelta(days=1)))
    with pytest.raises(BookingError):
        book_room(actor=reception, draft=draft(left, start + dt.timedelta(days=1)))

    assert Booking.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"hours": -1}, "end"),
        ({"start": "past"}, "start"),
        ({"start": "early"}, "start"),
        ({"start": "far"}, "start"),
        ({"attendees": 21}, "attendees"),
        ({"layout": Layout.CLASSROOM}, "layout"),
        ({"purpose": Purpose.PRIVATE_CELEBRATION}, "purpose"),
    ],
)
def test_book_room_refuses_invalid_requests_and_saves_nothing(reception, change, field):
    room = RoomFactory(max_advance_days=100)
    start = {
        "past": timezone.now() - dt.timedelta(days=1),
        "early": next_weekday_at(6),
        "far": next_weekday_at(10, days_ahead=120),
    }.get(change.pop("start", None))

    with pytest.raises(BookingError) as error:
        book_room(actor=reception, draft=draft(room, start, **change))

    assert error.value.field == field
    assert error.value.message
    assert not Booking.objects.exists()
    assert not Occupancy.objects.exists()


def test_book_room_on_a_closure_day_is_refused(reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    ClosureDay.objects.create(date=timezone.localtime(start).date(), reason="Betriebsausflug")

    with pytest.raises(BookingError, match="Betriebsausflug"):
        book_room(actor=reception, draft=draft(room, start))


def test_book_room_in_the_past_needs_a_reason_from_staff(reception):
    room = RoomFactory()
    start = timezone.localtime(timezone.now() - dt.timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    while start.weekday() >= 5:
        start -= dt.timedelta(days=1)

    booking = book_room(
        actor=reception, draft=draft(room, start), past_reason="Nachtrag vom Empfang"
    )

    assert history(booking)[0].note == "Nachtrag vom Empfang"


def test_private_celebration_needs_an_eligible_volunteer_in_a_single_room(reception):
    room = RoomFactory()
    combined = RoomFactory(parts=[room, RoomFactory()])
    volunteer = regular_volunteer(days=500)
    newcomer = regular_volunteer(days=100)
    party = {"purpose": Purpose.PRIVATE_CELEBRATION, "hours": 5}

    with pytest.raises(BookingError) as not_eligible:
        book_room(actor=reception, draft=draft(room, person=newcomer, **party))
    with pytest.raises(BookingError) as combined_room:
        book_room(actor=reception, draft=draft(combined, person=volunteer, **party))
    booking = book_room(actor=reception, draft=draft(room, person=volunteer, **party))

    assert not_eligible.value.field == "purpose"
    assert combined_room.value.field == "room"
    assert booking.deposit > 0
    assert [line["amount"] for line in booking.quote["lines"]] == ["80.00", "60.00"]


def test_request_booking_by_a_tenant_is_confirmed_where_the_room_allows_it(reception):
    tenant = OrganisationFactory(kind="tenant")
    auto, manual = RoomFactory(auto_confirm_tenants=True), RoomFactory(auto_confirm_tenants=False)

    confirmed = request_booking(actor=None, draft=draft(auto, organisation=tenant))
    pending = request_booking(actor=None, draft=draft(manual, organisation=tenant))

    assert confirmed.state == Booking.State.CONFIRMED
    assert pending.state == Booking.State.REQUESTED


def test_request_by_an_external_holds_the_slot_until_rejected(reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    request = request_booking(actor=None, draft=draft(room, start, stated_category="commercial"))

    with pytest.raises(BookingError):
        book_room(actor=reception, draft=draft(room, start))
    reject_booking(actor=reception, booking=request, reason="Raum wird renoviert")
    replacement = book_room(actor=reception, draft=draft(room, start))

    request.refresh_from_db()
    assert request.state == Booking.State.REJECTED
    assert request.decision_reason == "Raum wird renoviert"
    assert replacement.state == Booking.State.CONFIRMED


def test_state_changes_follow_the_lifecycle_and_are_logged(reception):
    room = RoomFactory()
    first = request_booking(actor=None, draft=draft(room, next_weekday_at(9), hours=1))
    second = request_booking(actor=None, draft=draft(room, next_weekday_at(14), hours=1))

    confirm_booking(actor=reception, booking=first)
    cancel_booking(actor=reception, booking=first, reason="Krankheit")
    withdraw_booking(actor=None, booking=second)

    first.refresh_from_db()
    assert first.state == Booking.State.CANCELLED
    assert not first.occupancies.exists()
    assert actions(first) == [
        "created",
        "confirmed",
        "cancelled",
    ]
    with pytest.raises(BookingError):
        confirm_booking(actor=reception, booking=second)
    with pytest.raises(BookingError):
        reject_booking(actor=reception, booking=first, reason="zu spät")


def test_reject_booking_needs_a_reason(reception):
    request = request_booking(actor=None, draft=draft(RoomFactory()))

    with pytest.raises(BookingError):
        reject_booking(actor=reception, booking=request, reason=" ")

    request.refresh_from_db()
    assert request.state == Booking.State.REQUESTED


def test_book_room_requires_the_reception(db):
    with pytest.raises(PermissionError):
        book_room(actor=UserFactory(), draft=draft(RoomFactory()))


@pytest.mark.parametrize("count", [1, 3])
def test_suggest_alternatives_query_count_is_constant(reception, django_assert_num_queries, count):
    from rooms.availability import suggest_alternatives

    room = RoomFactory()
    RoomFactory(parts=[room, RoomFactory()])
    start = next_weekday_at(10)
    for i in range(count):
        book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=3 * i), hours=1))

    with django_assert_num_queries(5):  # rooms, parts, occupancies now, around, closure days
        slots = suggest_alternatives(
            room=room,
            start=start,
            end=start + dt.timedelta(hours=1),
            attendees=5,
            layout="boardroom",
        )

    assert slots
    assert all(slot.start != start or slot.room != room for slot in slots)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_visibly_taken_slot_is_refused_without_queueing_on_the_room_lock(reception, settings):
    """Writers of a room queue on its lock: a slot that is already taken must not join
    the queue, and its alternatives are searched without holding anything."""
    import threading
    import time

    from django.db import connections, transaction

    from house import locks

    settings.LOCK_TIMEOUT_MS = 10_000
    room = RoomFactory(name="Saal")
    RoomFactory(name="Nebenraum")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start))
    holding, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        try:
            with transaction.atomic():
                locks.lock_many("rooms.room", room.physical_room_ids())
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    writer = threading.Thread(target=other_writer)
    writer.start()
    try:
        assert holding.wait(10)
        began = time.monotonic()
        with pytest.raises(BookingError) as error:
            book_room(actor=reception, draft=draft(room, start))
        waited = time.monotonic() - began
    finally:
        release.set()
        writer.join()

    assert waited < 5  # answered while the other writer still held the room
    assert {slot.room.name for slot in error.value.alternatives} >= {"Nebenraum"}


def test_a_race_lost_under_the_lock_is_answered_with_alternatives_after_it(reception, monkeypatch):
    """The other writer committed between the first look and the lock: the check under
    the lock finds it, and the slot is named, with alternatives, once the locks are
    released."""
    from django.db import connection

    from rooms import availability, services
    from rooms.services import checks

    room = RoomFactory(name="Saal")
    RoomFactory(name="Nebenraum")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start))
    # The first look happened before the other booking was visible.
    monkeypatch.setattr(checks, "ensure_free", lambda *args, **kwargs: None)
    depth_of_test = len(connection.atomic_blocks)  # the test's own transaction
    depths: list[int] = []
    real_suggest = availability.suggest_alternatives

    def suggest_alternatives(**kwargs):
        depths.append(len(connection.atomic_blocks))
        return real_suggest(**kwargs)

    monkeypatch.setattr(availability, "suggest_alternatives", suggest_alternatives)

    with pytest.raises(services.SlotTakenError) as error:
        book_room(actor=reception, draft=draft(room, start))

    assert depths == [depth_of_test]  # the search ran after the booking's transaction
    assert error.value.message.startswith("Dieser Termin wurde gerade anderweitig gebucht.")
    assert [c.room.name for c in error.value.conflicts] == ["Saal"]
    assert {slot.room.name for slot in error.value.alternatives} >= {"Nebenraum"}
    assert Booking.objects.count() == 1


def test_monthly_quota_is_summed_by_the_database(reception, django_assert_num_queries):
    from rooms.fees import BookerCategory
    from rooms.services import _quota_used_minutes

    organisation = OrganisationFactory()
    room = RoomFactory()
    start = next_weekday_at(9)
    for offset, hours in ((0, 2), (1, 3)):
        Booking.objects.create(
            room=room,
            state=Booking.State.CONFIRMED,
            start=start + dt.timedelta(hours=offset * 4),
            end=start + dt.timedelta(hours=offset * 4 + hours),
            title="Quote",
            purpose=Purpose.NONPROFIT,
            booker_category=BookerCategory.TENANT,
            organisation=organisation,
            attendees=5,
            layout=Layout.BOARDROOM,
        )
    with django_assert_num_queries(1):
        used = _quota_used_minutes(organisation=organisation, start=start, exclude=None)
    assert used == 5 * 60
    assert _quota_used_minutes(organisation=None, start=start, exclude=None) == 0


def test_board_rooms_know_their_physical_rooms_from_two_queries(django_assert_num_queries):
    from rooms.models import Room

    fulda, werra = RoomFactory(name="Fulda"), RoomFactory(name="Werra")
    both = RoomFactory(name="Fulda + Werra")
    both.parts.set([fulda, werra])
    RoomFactory(name="Gesperrt", is_bookable=False)

    with django_assert_num_queries(2):  # the rooms, the table of parts
        rooms = {room.name: room for room in Room.objects.for_board()}
        ids = {name: room.physical_room_ids() for name, room in rooms.items()}
    assert ids == {
        "Fulda": [fulda.pk],
        "Werra": [werra.pk],
        "Fulda + Werra": sorted([fulda.pk, werra.pk]),
    }
    assert rooms["Fulda + Werra"].is_combined


def test_a_room_works_its_physical_rooms_out_anew_when_its_parts_change():
    fulda, werra = RoomFactory(), RoomFactory()
    both = RoomFactory()
    assert both.physical_room_ids() == [both.pk]
    both.parts.set([fulda, werra])
    assert both.physical_room_ids() == sorted([fulda.pk, werra.pk])
    both.parts.remove(werra)
    assert both.physical_room_ids() == [fulda.pk]


def test_alternatives_to_a_taken_slot_are_kept_until_a_booking_changes(
    reception, monkeypatch, django_capture_on_commit_callbacks
):
    from rooms import availability

    room = RoomFactory(name="Saal")
    other = RoomFactory(name="Nebenraum")
    start = next_weekday_at(10)
    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(room, start))
    searches: list[int] = []
    real_suggest = availability.suggest_alternatives

    def suggest_alternatives(**kwargs):
        searches.append(1)
        return real_suggest(**kwargs)

    monkeypatch.setattr(availability, "suggest_alternatives", suggest_alternatives)

    def refused() -> set[str]:
        with pytest.raises(BookingError) as error:
            book_room(actor=reception, draft=draft(room, start))
        return {slot.room.name for slot in error.value.alternatives}

    assert "Nebenraum" in refused()
    assert "Nebenraum" in refused()
    assert len(searches) == 1  # the second refusal reused the first search

    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(other, start))  # the other room is taken now
    assert "Nebenraum" not in refused()
    assert len(searches) == 2
