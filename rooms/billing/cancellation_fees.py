"""Invoicing a cancelled booking: its invoice is undone, its cancellation fee invoiced.

Connected to ``rooms.signals.booking_cancelled`` and run inside the cancelling
transaction, so a booking is never cancelled without its invoices following (and
the gap-free numbering holds: a rollback takes the number back with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from rooms.billing.models import Invoice, InvoiceLine
from rooms.billing.services import (
    BOOKING_LOCK,
    _amount,
    _create_invoice,
    _send,
    cancel_invoice,
)
from rooms.models import Booking

if TYPE_CHECKING:
    from house.models import User


def invoice_cancellation(*, booking: Booking, actor: User | None) -> Invoice | None:
    """Undo the booking's open invoice, then invoice its cancellation fee (if any)."""
    with transaction.atomic():
        lock(BOOKING_LOCK, booking.pk)
        for invoice in Invoice.objects.filter(booking=booking).active():
            with translation.override("de"):
                reason = _("The booking was cancelled.")
            cancel_invoice(invoice=invoice, actor=actor, reason=reason)
        if booking.cancellation_fee <= 0:
            return None
        quote = booking.frozen_quote()
        with translation.override("de"):
            line = InvoiceLine(
                description=(
                    _("Cancellation fee: %(percent)s %% of the booking's price")
                    % {"percent": booking.cancellation_percent}
                )[:300],
                note=(_("Agreed price %(net)s € net") % {"net": f"{booking.net:.2f}"})[:300],
                quantity=1,
                unit_price=booking.cancellation_fee,
                net=booking.cancellation_fee,
                vat_rate=quote.vat_rate if quote is not None else 0,
            )
        invoice = _create_invoice(
            booking=booking,
            kind=Invoice.Kind.INVOICE,
            lines=[line],
            actor=actor,
            issued_on=timezone.localdate(),
        )
        log_activity(
            obj=invoice,
            action_type="billing.invoice.issued",
            actor=actor,
            data={"number": invoice.number, "gross": _amount(invoice.gross)},
        )
        _send(invoice, actor=actor)
    return invoice


def on_booking_cancelled(
    sender: Any, *, booking: Booking, actor: User | None, **kwargs: Any
) -> None:
    invoice_cancellation(booking=booking, actor=actor)
