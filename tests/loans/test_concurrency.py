"""One item is never lent twice at once: PostgreSQL, real threads, one connection each."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from house.models import Role
from rooms.loans.models import LendableItem, Loan
from rooms.loans.services import LoanError, lend_item, record_return
from tests.factories import staff_user
from tests.tenants.factories import OrganisationFactory

pytestmark = pytest.mark.postgres

CLIENTS = 12
ROUNDS = 20


def _soon(hours: int = 0) -> dt.datetime:
    return timezone.now().replace(microsecond=0) + dt.timedelta(days=2, hours=hours)


def test_the_exclusion_constraint_refuses_an_overlapping_loan_written_directly(db):
    bike = LendableItem.objects.create(name="Lastenrad")
    organisation = OrganisationFactory()
    lend_item(actor=None, item=bike, starts=_soon(), ends=_soon(4), organisation=organisation)

    with pytest.raises(IntegrityError, match="loan_no_overlap"), transaction.atomic():
        Loan.objects.create(item=bike, starts=_soon(2), ends=_soon(6), organisation=organisation)


def test_returned_and_cancelled_loans_hold_nothing_at_the_database(db):
    bike = LendableItem.objects.create(name="Lastenrad")
    organisation = OrganisationFactory()
    Loan.objects.create(
        item=bike, starts=_soon(), ends=_soon(4), organisation=organisation, state="cancelled"
    )
    Loan.objects.create(item=bike, starts=_soon(), ends=_soon(4), organisation=organisation)


@pytest.mark.django_db(transaction=True)
def test_twelve_clients_racing_for_the_cargo_bike_get_exactly_one_loan_per_round():
    reception = staff_user(Role.RECEPTION)
    bike = LendableItem.objects.create(name="Lastenrad")
    organisations = [OrganisationFactory() for _ in range(3)]
    outcomes: list[str] = []
    lock = threading.Lock()

    def client(round_no: int, index: int, barrier: threading.Barrier) -> None:
        # Overlapping spans of different lengths: every pair of a round collides.
        starts = _soon(round_no * 10) + dt.timedelta(minutes=index)
        ends = starts + dt.timedelta(hours=2 + index % 3)
        try:
            barrier.wait()
            lend_item(
                actor=reception,
                item=bike,
                starts=starts,
                ends=ends,
                organisation=organisations[index % 3],
            )
            result = "lent"
        except LoanError:
            result = "taken"
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

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("lent") == ROUNDS
    assert Loan.objects.count() == ROUNDS
    # An early return gives the rest of the span back.
    first = Loan.objects.order_by("starts").first()
    assert first is not None
    record_return(actor=reception, loan=first)
