"""A cancelled booking: its invoice is undone and its cancellation fee invoiced, gap-free."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.models import OutboxEmail
from rooms.billing.models import Invoice
from rooms.billing.services import issue_invoice
from rooms.models import Booking, CancellationTier
from rooms.services import cancel_booking, withdraw_or_cancel_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def terms(default_fee_rules):
    for rule in default_fee_rules:
        CancellationTier.objects.create(fee_rule=rule, days_before=13, percent=50)
        CancellationTier.objects.create(fee_rule=rule, days_before=3, percent=100)


def _in_days(booking: Booking, days: int) -> Booking:
    local = timezone.localtime(booking.start)
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=days), local.time())
    )
    Booking.objects.filter(pk=booking.pk).update(start=start, end=start + dt.timedelta(hours=2))
    booking.refresh_from_db()
    return booking


def test_a_late_cancellation_is_invoiced_with_its_fee(issuer, make_booking, terms):
    booking = _in_days(make_booking(days=30), 5)
    cancelled = withdraw_or_cancel_booking(actor=None, booking=booking)

    [invoice] = Invoice.objects.filter(booking=booking)
    assert invoice.kind == Invoice.Kind.INVOICE
    assert invoice.net == cancelled.cancellation_fee == (booking.net / 2).quantize(Decimal("0.01"))
    assert invoice.gross == cancelled.cancellation_fee_gross
    [line] = invoice.lines.all()
    assert line.description == "Stornogebühr: 50 % des Preises der Buchung"
    assert line.vat_rate == Decimal("19.00")
    assert OutboxEmail.objects.filter(ref=f"billing-invoice-{invoice.pk}").exists()


def test_an_invoiced_booking_gets_a_cancellation_invoice_then_the_fee_invoice(
    issuer, make_booking, terms, reception, manager
):
    booking = _in_days(make_booking(days=30), 2)
    original = issue_invoice(booking=booking, actor=manager)
    cancel_booking(actor=reception, booking=booking, charge_fee=True)

    invoices = list(Invoice.objects.filter(booking=booking).order_by("sequence"))
    assert [i.sequence for i in invoices] == [1, 2, 3]  # no gap
    _, storno, fee = invoices
    assert storno.kind == Invoice.Kind.CANCELLATION
    assert storno.cancels == original
    assert storno.gross == -original.gross
    assert fee.kind == Invoice.Kind.INVOICE
    assert fee.net == booking.net
    assert list(Invoice.objects.filter(booking=booking).active()) == [fee]


def test_free_or_waived_cancellations_are_not_invoiced(issuer, make_booking, terms, reception):
    early = _in_days(make_booking(days=30), 20)
    withdraw_or_cancel_booking(actor=None, booking=early)
    waived = _in_days(make_booking(days=30), 1)
    cancel_booking(actor=reception, booking=waived, charge_fee=True, waive_reason="Unwetter")

    assert not Invoice.objects.exists()
