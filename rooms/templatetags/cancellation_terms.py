"""The cancellation terms of a quote or a booking, worded for the reader."""

from __future__ import annotations

from decimal import Decimal

from django import template

from rooms.fees import Quote, money
from rooms.models import Booking, CancellationTier

register = template.Library()


@register.simple_tag
def cancellation_terms(source: Quote | Booking | None) -> list[str]:
    """``{% cancellation_terms quote as terms %}``: one line per span; empty without a rule."""
    quote = source.frozen_quote() if isinstance(source, Booking) else source
    if quote is None or quote.rule_id is None:
        return []
    return CancellationTier.objects.terms_of(quote.rule_id).describe()


@register.simple_tag
def cancellation_fee_now(booking: Booking) -> dict[str, object] | None:
    """``{% cancellation_fee_now booking as fee %}``: what cancelling today would cost
    (``percent``, ``gross`` with VAT), or ``None`` when it costs nothing."""
    from rooms.services import cancellation_fee

    if not booking.is_cancellable:
        return None
    percent, net = cancellation_fee(booking)
    if not net:
        return None
    quote = booking.frozen_quote()
    rate = quote.vat_rate if quote is not None else Decimal(0)
    return {"percent": percent, "gross": net + money(net * rate / 100)}
