"""Demo cancellation terms (seed 000): free until 14 days before, then 50 %, from 3 days
before 100 %, on every fee rule with a price; one booking cancelled late by its booker
with the fee, one cancelled by the reception with the fee waived.

Runs after the demo invoices (``seed_demo`` orders it so): the cancellation fee is
invoiced as a cancellation happens, and the demo invoices are only written into an
empty ledger. Idempotent: nothing is cancelled once a booking carries a fee decision.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from rooms.fees import Pricing
from rooms.models import Booking, CancellationTier, FeeRule
from rooms.services import cancel_booking, withdraw_or_cancel_booking

if TYPE_CHECKING:
    from house.models import User

TIERS = ((13, 50), (3, 100))


def seed(*, users: dict[str, User]) -> None:
    for rule in FeeRule.objects.exclude(pricing=Pricing.FREE):
        for days, percent in TIERS:
            CancellationTier.objects.get_or_create(
                fee_rule=rule, days_before=days, defaults={"percent": percent}
            )
    if Booking.objects.filter(cancellation_percent__isnull=False).exists():
        return
    today = timezone.localdate()
    soon = (
        Booking.objects.filter(
            state=Booking.State.CONFIRMED,
            gross__gt=0,
            series__isnull=True,
            start__date__gte=today + dt.timedelta(days=2),
            start__date__lte=today + dt.timedelta(days=10),
        )
        .select_related("room", "organisation")
        .order_by("start")
    )
    late, waived = soon.first(), soon.last()
    if late is None or waived is None or late.pk == waived.pk:
        return
    withdraw_or_cancel_booking(
        actor=users.get("tenant_admin"), booking=late, reason="Referent kurzfristig abgesagt"
    )
    cancel_booking(
        actor=users.get("reception"),
        booking=waived,
        reason="Veranstaltung verschoben",
        charge_fee=True,
        waive_reason="Langjährige Nutzerin, erste Absage",
    )
