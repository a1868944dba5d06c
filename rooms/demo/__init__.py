"""Demo data of the conference centre of Treppe 4 (seed 000): four rooms of 35–90 m², two of
them combinable, and a realistic year of bookings around today.

Called by ``seed_demo`` with the persona users. Idempotent: rooms are updated
in place, and the year of bookings is only generated when the rooms have none.
Bookings are written with ``bulk_create`` (a few thousand rows in well under
a second) and never overlap, buffers included, so the PostgreSQL exclusion
constraint holds for the demo data too.
"""

from __future__ import annotations

from rooms.demo.bookings import seed_bookings
from rooms.demo.catalogue import seed_fee_reasons_en, seed_rooms
from rooms.demo.data import COMBINED, FEE_REASONS_EN, OTHERS, ROOMS, SLOTS, TENANTS, TITLES
from rooms.demo.seeding import seed

__all__ = [
    "COMBINED",
    "FEE_REASONS_EN",
    "OTHERS",
    "ROOMS",
    "SLOTS",
    "TENANTS",
    "TITLES",
    "seed",
    "seed_bookings",
    "seed_fee_reasons_en",
    "seed_rooms",
]
