"""The DATEV booking batch (EXTF 700, category 21) and the plain CSV of a period: header,
column header, amounts, debit and credit, accounts and tax keys per fee rule."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from rooms.billing.operations.accounting import set_revenue_account, update_accounting_settings
from rooms.billing.operations.datev import COLUMNS, datev_csv, plain_csv
from rooms.billing.services import cancel_invoice, issue_invoice, record_payment
from rooms.models import FeeRule

pytestmark = pytest.mark.django_db


def _german(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _read(content: bytes) -> list[list[str]]:
    text = content.decode("cp1252")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def period(issuer, make_booking, manager):
    booking = make_booking(title="Strategietag")
    invoice = issue_invoice(booking=booking, actor=manager)
    cancelled = issue_invoice(booking=make_booking(days=8), actor=manager)
    cancellation = cancel_invoice(invoice=cancelled, actor=manager, reason="Doppelt")
    payment = record_payment(
        invoice=invoice, actor=manager, amount=Decimal("100.00"), paid_on=timezone.localdate()
    )
    today = timezone.localdate()
    return {
        "invoice": invoice,
        "cancelled": cancelled,
        "cancellation": cancellation,
        "payment": payment,
        "start": today.replace(day=1),
        "end": today,
        "booking": booking,
    }


def test_the_header_line_names_the_format_the_client_and_the_period(period, manager):
    update_accounting_settings(actor=manager, consultant_number=29098, client_number=55003)
    header, columns, *_rows = _read(datev_csv(start=period["start"], end=period["end"]))

    assert len(header) == 31
    assert header[:5] == ["EXTF", "700", "21", "Buchungsstapel", "13"]
    assert len(header[5]) == 17
    assert header[5].isdigit()
    assert (header[10], header[11]) == ("29098", "55003")
    assert header[12] == f"{period['start'].year}0101"  # the fiscal year begins in January
    assert header[13] == "4"
    assert (header[14], header[15]) == (
        period["start"].strftime("%Y%m%d"),
        period["end"].strftime("%Y%m%d"),
    )
    assert header[18] == "1"  # financial accounting
    assert header[21] == "EUR"
    assert header[26] == "03"
    assert tuple(columns) == COLUMNS
    raw = datev_csv(start=period["start"], end=period["end"]).decode("cp1252")
    assert raw.startswith('"EXTF";700;21;"Buchungsstapel";13;')
    assert "Gegenkonto (ohne BU-Schlüssel)".encode("cp1252") in datev_csv(
        start=period["start"], end=period["end"]
    )


def test_invoices_cancellations_and_payments_are_booked_to_the_right_sides(period):
    _header, _columns, *rows = _read(datev_csv(start=period["start"], end=period["end"]))
    by_document = {}
    for row in rows:
        by_document.setdefault((row[10], row[1]), []).append(row)
    invoice, cancelled, cancellation = (
        period["invoice"],
        period["cancelled"],
        period["cancellation"],
    )

    [sale] = [row for row in by_document[(invoice.number, "S")] if row[6] == "10000"]
    assert sale[0] == _german(invoice.gross)
    assert (sale[2], sale[6], sale[7], sale[8]) == ("EUR", "10000", "8400", "")
    assert sale[9] == invoice.issued_on.strftime("%d%m")
    assert sale[13].startswith("Rechnung ")

    [undone] = by_document[(cancellation.number, "H")]
    assert undone[0] == _german(-cancellation.gross) == _german(cancelled.gross)
    assert (undone[6], undone[7]) == ("10000", "8400")
    assert cancelled.number in undone[13]

    assert (invoice.number, "H") not in by_document
    payments = [r for r in rows if r[13].startswith("Zahlung")]
    assert [(r[0], r[1], r[6], r[7], r[10]) for r in payments] == [
        ("100,00", "S", "1200", "10000", invoice.number)
    ]
    assert all("-" not in row[0] and "." not in row[0] for row in rows)


def test_revenue_account_and_tax_key_follow_the_fee_rule(period, manager):
    rule = FeeRule.objects.get(pk=period["booking"].frozen_quote().rule_id)
    set_revenue_account(fee_rule=rule, account="8401", tax_key="3", actor=manager)

    _header, _columns, *rows = _read(datev_csv(start=period["start"], end=period["end"]))
    sale = next(r for r in rows if r[10] == period["invoice"].number and r[6] == "10000")
    assert (sale[7], sale[8]) == ("8401", "3")


def test_the_period_limits_what_is_exported(period):
    before = period["start"] - dt.timedelta(days=40)
    _header, _columns, *rows = _read(
        datev_csv(start=before, end=period["start"] - dt.timedelta(days=1))
    )
    assert rows == []


def test_texts_are_windows_1252_and_cut_to_the_field_length(issuer, make_booking, manager):
    from tenants.models import Organisation
    from tests.tenants.factories import OrganisationFactory

    organisation = OrganisationFactory(
        name="Ärzte für Zusammenarbeit – " + "x" * 80,
        kind=Organisation.Kind.EXTERNAL,
        nonprofit_notice_date=None,
    )
    invoice = issue_invoice(booking=make_booking(organisation=organisation), actor=manager)
    content = datev_csv(start=invoice.issued_on, end=invoice.issued_on)

    _header, _columns, row = _read(content)
    assert row[13].startswith("Rechnung Ärzte für Zusammenarbeit –")
    assert len(row[13]) == 60


def test_the_plain_csv_lists_the_same_bookings_with_debit_and_credit(period):
    text = plain_csv(start=period["start"], end=period["end"]).decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text), delimiter=";"))

    assert header == [
        "date",
        "document",
        "kind",
        "text",
        "debit_account",
        "credit_account",
        "amount",
        "tax_key",
    ]
    kinds = sorted(row[2] for row in rows)
    assert kinds == ["cancellation", "invoice", "invoice", "payment"]
    cancellation = next(row for row in rows if row[2] == "cancellation")
    assert (cancellation[4], cancellation[5]) == ("8400", "10000")
    payment = next(row for row in rows if row[2] == "payment")
    assert (payment[4], payment[5], payment[6]) == ("1200", "10000", "100,00")
