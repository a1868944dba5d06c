"""Gap-free invoice numbers under concurrency: PostgreSQL, real threads, one connection each."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from rooms.billing.models import Invoice
from rooms.billing.services import BillingError, issue_invoice

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

CLIENTS = 12


def _run_at_once(targets) -> list[str]:
    barrier = threading.Barrier(len(targets))
    outcomes: list[str] = []
    guard = threading.Lock()

    def client(target) -> None:
        try:
            barrier.wait()
            result = target()
        except BillingError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error fails the test
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            outcomes.append(result)

    threads = [threading.Thread(target=client, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_invoices_issued_at_the_same_instant_get_consecutive_numbers(issuer, make_booking, manager):
    bookings = [make_booking(hour=8 + index % 10, days=7 + index) for index in range(CLIENTS)]

    outcomes = _run_at_once(
        [(lambda b=b: issue_invoice(booking=b, actor=manager).number) for b in bookings]
    )

    assert [o for o in outcomes if o.startswith("error") or o == "refused"] == []
    sequences = sorted(Invoice.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, CLIENTS + 1))
    assert sorted(outcomes) == sorted(Invoice.objects.values_list("number", flat=True))


def test_one_booking_invoiced_twice_at_once_gets_one_invoice(issuer, booking, manager):
    outcomes = _run_at_once(
        [lambda: issue_invoice(booking=booking, actor=manager).number for _ in range(6)]
    )

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("refused") == 5
    assert Invoice.objects.filter(booking=booking).count() == 1
    assert Invoice.objects.get().sequence == 1
