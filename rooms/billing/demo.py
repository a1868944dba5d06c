"""Demo invoices of the conference centre (seed 000): the house's tax identity and bank
account, and a handful of invoices for past bookings: paid, open, overdue, and one
corrected by a cancellation invoice. Idempotent: nothing is added once invoices exist."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from rooms.billing import services
from rooms.billing.models import BillingSettings, Invoice
from rooms.models import Booking

if TYPE_CHECKING:
    from house.models import User

DEMO_SETTINGS = {
    "legal_name": "Treppe 4 e.V.",
    "tax_number": "026 250 12345",
    "vat_id": "DE123456789",
    "iban": "DE02120300000000202051",
    "bic": "BYLADEM1001",
    "bank_name": "Kasseler Sparkasse",
    "payment_days": 14,
}


def seed(*, users: dict[str, User]) -> None:
    config = BillingSettings.current()
    if not config.has_tax_identity:
        services.update_settings(actor=None, **DEMO_SETTINGS)
    if Invoice.objects.exists():
        return
    manager = users.get("management")
    today = timezone.localdate()
    past = list(
        Booking.objects.filter(
            state=Booking.State.CONFIRMED,
            gross__gt=0,
            start__date__lt=today - dt.timedelta(days=3),
            start__date__gte=today - dt.timedelta(days=60),
        )
        .select_related("room", "organisation", "person")
        .order_by("start")[:6]
    )
    invoices = [
        services.issue_invoice(
            booking=booking,
            actor=manager,
            issued_on=timezone.localtime(booking.end).date() + dt.timedelta(days=1),
        )
        for booking in past
    ]
    for index, invoice in enumerate(invoices):
        issued_on = invoice.issued_on
        if index in (0, 1):  # paid in full by transfer
            services.record_payment(
                invoice=invoice,
                actor=manager,
                amount=invoice.gross,
                paid_on=min(today, issued_on + dt.timedelta(days=9)),
                reference=invoice.number,
            )
        elif index == 2:  # the wrong recipient was invoiced: cancelled and corrected
            services.correct_invoice(
                invoice=invoice, actor=manager, reason="Rechnung an die falsche Anschrift"
            )
        # The others stay open; those issued more than the payment period ago are overdue.
