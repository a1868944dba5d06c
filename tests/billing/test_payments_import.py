"""Importing a statement books matching credits once, leaves the rest, and saves nothing
from a bad file."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.models import ActivityLog
from rooms.billing.models import Payment
from rooms.billing.operations.models import BankEntry, BankStatement
from rooms.billing.operations.payments import (
    import_statement,
    invoice_numbers_in,
    match_entry,
    set_aside,
)
from rooms.billing.services import BillingError, issue_invoice
from tests.billing.statements import camt, sparkasse_csv, volksbank_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoices(issuer, make_booking, manager):
    return [issue_invoice(booking=make_booking(days=d), actor=manager) for d in (3, 4, 5)]


def _day() -> dt.date:
    return timezone.localdate()


def test_credits_naming_an_invoice_with_its_amount_are_booked_the_rest_waits(invoices, manager):
    first, second, third = invoices
    content = volksbank_csv(
        [
            (_day(), first.gross, f"Rechnung {first.number} Danke", "Firma"),
            (_day(), second.gross - 1, f"{second.number}", "Firma"),  # too little
            (_day(), third.gross, "Raummiete November", "Firma"),  # no number
            (_day(), Decimal("500.00"), "Miete Büro 3", "Mieter"),
        ]
    )
    result = import_statement(content=content, filename="umsaetze.csv", actor=manager)

    assert (result.new, result.matched, result.unmatched) == (4, 1, 3)
    assert first.payments.get().amount == first.gross
    assert first.payments.get().paid_on == _day()
    assert not second.payments.exists()
    assert BankEntry.objects.unmatched().count() == 3
    assert ActivityLog.objects.filter(action_type="billing.statement.imported").count() == 1


def test_the_same_statement_twice_books_nothing_twice(invoices, manager):
    content = camt(
        [
            {
                "amount": f"{invoices[0].gross:.2f}",
                "reference": invoices[0].number,
                "day": _day().isoformat(),
            },
            {"amount": "12.00", "reference": "Spende", "day": _day().isoformat()},
        ]
    )
    import_statement(content=content, filename="a.xml", actor=manager)
    again = import_statement(content=content, filename="a.xml", actor=manager)

    assert again.statement is None
    assert (again.new, again.known) == (0, 2)
    assert Payment.objects.count() == 1
    assert BankEntry.objects.count() == 2
    assert BankStatement.objects.count() == 1


def test_an_overlapping_export_adds_only_its_new_credits(invoices, manager):
    yesterday = _day() - dt.timedelta(days=1)
    early = [(yesterday, invoices[0].gross, invoices[0].number, "Firma")]
    later = [*early, (_day(), invoices[1].gross, invoices[1].number, "Firma")]
    import_statement(content=sparkasse_csv(early), filename="1.csv", actor=manager)
    result = import_statement(content=sparkasse_csv(later), filename="2.csv", actor=manager)

    assert (result.new, result.known, result.matched) == (1, 1, 1)
    assert Payment.objects.count() == 2


def test_a_bad_file_saves_nothing(manager, invoices):
    with pytest.raises(BillingError):
        import_statement(
            content=b"Buchungstag;Verwendungszweck;Betrag\n01.01.2026;x;10,00\n02.01.2026;y;kaputt\n",
            filename="x.csv",
            actor=manager,
        )
    assert not BankStatement.objects.exists()
    assert not BankEntry.objects.exists()


def test_a_credit_is_matched_by_hand_in_part_and_cannot_be_matched_twice(invoices, manager):
    invoice = invoices[0]
    content = volksbank_csv([(_day(), Decimal("50.00"), "Teilzahlung", "Firma")])
    import_statement(content=content, filename="x.csv", actor=manager)
    entry = BankEntry.objects.get()

    match_entry(entry=entry, invoice=invoice, actor=manager, amount=Decimal("40.00"))

    entry.refresh_from_db()
    assert entry.state == BankEntry.State.MATCHED
    assert entry.payment.amount == Decimal("40.00")
    assert invoice.outstanding == invoice.gross - Decimal("40.00")
    with pytest.raises(BillingError):
        match_entry(entry=entry, invoice=invoices[1], actor=manager)


def test_more_than_the_credit_cannot_be_booked(invoices, manager):
    import_statement(
        content=volksbank_csv([(_day(), Decimal("5.00"), "x", "y")]), filename="x", actor=manager
    )
    with pytest.raises(BillingError):
        match_entry(
            entry=BankEntry.objects.get(), invoice=invoices[0], actor=manager, amount=Decimal("6")
        )
    assert not Payment.objects.exists()


def test_a_credit_that_is_no_invoice_payment_is_set_aside_with_a_note(manager, issuer):
    import_statement(
        content=volksbank_csv([(_day(), Decimal("500.00"), "Miete", "Mieter")]),
        filename="x",
        actor=manager,
    )
    entry = BankEntry.objects.get()
    with pytest.raises(BillingError):
        set_aside(entry=entry, actor=manager, note="  ")
    set_aside(entry=entry, actor=manager, note="Büromiete")

    entry.refresh_from_db()
    assert (entry.state, entry.note) == (BankEntry.State.IGNORED, "Büromiete")
    assert not BankEntry.objects.unmatched().exists()


def test_invoice_numbers_are_found_however_the_bank_spaced_them():
    text = "SVWZ+Rechnung RE-2026-0001 2 und re 2026 00013 EREF+NOTPROVIDED"
    assert invoice_numbers_in(text, "RE") == ["RE-2026-00012", "RE-2026-00013"]
