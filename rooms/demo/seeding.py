"""Seeding the conference centre of the demo house."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from rooms.demo.bookings import seed_bookings
from rooms.demo.catalogue import seed_rooms
from rooms.demo.fee_terms import seed_fee_terms
from rooms.models import Room

if TYPE_CHECKING:
    from house.models import User


@transaction.atomic
def seed(*, users: dict[str, User]) -> dict[str, Room]:
    rooms = seed_rooms()
    # Karin Schulz's years in the café (and so her private-celebration right) come from the
    # volunteer area's demo, which records her shifts in the hours ledger.
    seed_bookings(rooms, users)
    seed_fee_terms(rooms=rooms, users=users)
    return rooms
