"""The cancellation terms of a quote or a booking, worded for the reader."""

from __future__ import annotations

from django import template
from django.utils import timezone

from rooms.fees import Quote, money
from rooms.fees.cancellation import CancellationTerms
from rooms.models import Booking, CancellationTier

register = template.Library()


@register.simple_tag
def cancellation_terms(source: Quote | Booking | None) -> list[str]:
    """``{% cancellation_terms quote as terms %}``: one line per span; empty without a rule."""
    quote = source.frozen_quote() if isinstance(source, Booking) else source
    if quote is None or quote.rule_id is None:
        return []
    return CancellationTier.objects.terms_of(quote.rule_id).describe()


@register.simple_tag(takes_context=True)
def cancellation_fee_now(context: template.Context, booking: Booking) -> dict[str, object] | None:
    """``{% cancellation_fee_now booking as fee %}``: what cancelling today would cost
    (``percent``, ``gross`` with VAT), or ``None`` when it costs nothing. The terms of
    each fee rule are read once per page, however many bookings a list shows."""
    from rooms.fees.cancellation import days_before_start, fee_share

    quote = booking.frozen_quote()
    if not booking.is_cancellable or quote is None or quote.rule_id is None:
        return None
    request = context.get("request")
    known: dict[int, CancellationTerms] = getattr(request, "_cancellation_terms", {})
    if quote.rule_id not in known:
        known[quote.rule_id] = CancellationTier.objects.terms_of(quote.rule_id)
        if request is not None:
            request._cancellation_terms = known
    percent = known[quote.rule_id].percent_for(days_before_start(booking.start, timezone.now()))
    net = fee_share(booking.net, percent)
    if not net:
        return None
    rate = quote.vat_rate
    return {"percent": percent, "gross": net + money(net * rate / 100)}
