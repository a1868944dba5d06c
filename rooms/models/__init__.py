"""Rooms of the conference centre, their fee rules, and bookings.

Double bookings are impossible by construction: every blocking booking
(states *requested* and *confirmed*) owns one :class:`Occupancy` row per
physical room it uses, spanning the event plus its set-up and tear-down
buffers. On PostgreSQL an exclusion constraint forbids two overlapping
occupancy rows of the same room. Rejected, withdrawn and cancelled bookings
have no occupancy rows, so they block nothing.
"""

from __future__ import annotations

from rooms.models.booker_categories import OrganisationCategory, OrganisationCategoryQuerySet
from rooms.models.bookings import Booking, BookingQuerySet, BookingSeries
from rooms.models.cancellation import CancellationTier, CancellationTierQuerySet
from rooms.models.fee_rules import FeeRule, FeeRuleQuerySet
from rooms.models.occupancy import Occupancy, OccupancyQuerySet, forget_physical_room_ids
from rooms.models.rooms import (
    MAX_BLOCK_SPAN,
    MAX_BUFFER_MINUTES,
    Equipment,
    Layout,
    Room,
    RoomPhoto,
    RoomQuerySet,
)
from rooms.models.surcharges import FeeSurcharge

# Secret calendar-feed tokens live in their own module.
from rooms.tokens import FeedToken

__all__ = [
    "MAX_BLOCK_SPAN",
    "MAX_BUFFER_MINUTES",
    "Booking",
    "BookingQuerySet",
    "BookingSeries",
    "CancellationTier",
    "CancellationTierQuerySet",
    "Equipment",
    "FeeRule",
    "FeeRuleQuerySet",
    "FeeSurcharge",
    "FeedToken",
    "Layout",
    "Occupancy",
    "OccupancyQuerySet",
    "OrganisationCategory",
    "OrganisationCategoryQuerySet",
    "Room",
    "RoomPhoto",
    "RoomQuerySet",
    "forget_physical_room_ids",
]
