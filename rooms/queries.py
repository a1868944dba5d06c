"""Reads of the conference centre that pages share."""

from __future__ import annotations

from house.caching import cached
from rooms import freshness
from rooms.models import Booking

#: Seconds the count of waiting requests lives at most; a booking change replaces it.
COUNT_SECONDS = 300


def pending_count() -> int:
    """How many requests wait for a decision: on the board and in the reception's menu."""
    return int(
        cached(
            "rooms:pending-count",
            lambda: Booking.objects.pending().count(),
            depends_on=[freshness.ALL_BOOKINGS],
            timeout=COUNT_SECONDS,
        )
    )
