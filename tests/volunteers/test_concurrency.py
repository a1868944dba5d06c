"""Places on a shift under real concurrency: PostgreSQL, real threads, one connection each."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from house.volunteers.models import Assignment
from house.volunteers.services import VolunteerError, shifts
from tests.volunteers.factories import ShiftFactory, volunteer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 32


def test_thirty_two_simultaneous_sign_ups_for_three_places_give_exactly_three():
    shift = ShiftFactory(min_staff=2, max_staff=3)
    profiles = [volunteer() for _ in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)
    outcomes: list[str] = []
    guard = threading.Lock()

    def client(profile) -> None:
        try:
            barrier.wait()
            assignment = shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
            result = assignment.status
        except VolunteerError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            outcomes.append(result)

    threads = [threading.Thread(target=client, args=(p,)) for p in profiles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count(Assignment.Status.CONFIRMED) == 3
    assert shift.assignments.holding().count() == 3
    assert outcomes.count(Assignment.Status.WAITING) + outcomes.count("refused") == CLIENTS - 3


def test_two_stand_ins_accepting_at_once_leave_exactly_one_in_the_place():
    from house.volunteers.services import standins

    shift = ShiftFactory(min_staff=1, max_staff=1)
    holder = volunteer()
    for _ in range(4):
        volunteer()
    assignment = shifts.sign_up(shift=shift, profile=holder, actor=holder.user)
    offers = standins.request_stand_in(assignment=assignment, actor=holder.user)
    barrier = threading.Barrier(len(offers))
    outcomes: list[str] = []
    guard = threading.Lock()

    def accept(token: str) -> None:
        try:
            barrier.wait()
            standins.accept_stand_in(token=token)
            result = "taken"
        except VolunteerError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            outcomes.append(result)

    threads = [threading.Thread(target=accept, args=(o.token,)) for o in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["refused"] * (len(offers) - 1) + ["taken"]
    assert shift.assignments.holding().count() == 1
