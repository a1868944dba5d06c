"""The deposit of a booking and its history, for the pages that show it to the booker."""

from __future__ import annotations

from typing import Any

from django import template

from house.models import ActivityLog
from rooms.billing.operations.models import Deposit

register = template.Library()


@register.simple_tag
def deposit_of(booking: Any) -> dict[str, Any] | None:
    """``None`` when the booking asks for no deposit; else the record (if any) and history."""
    if booking is None or not booking.deposit:
        return None
    record = Deposit.objects.filter(booking=booking).first()
    return {
        "booking": booking,
        "record": record,
        "history": list(ActivityLog.objects.for_object(record)) if record is not None else [],
    }
