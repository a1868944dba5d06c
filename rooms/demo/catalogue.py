"""Seeding the demo rooms and the English fee reasons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rooms.demo.data import COMBINED, FEE_REASONS_EN, OTHERS, ROOMS, TENANTS
from rooms.models import FeeRule, Room

if TYPE_CHECKING:
    from tenants.models import Organisation


def seed_fee_reasons_en() -> None:
    """Give the default tariff its English reasons where house management has written none."""
    for german, english in FEE_REASONS_EN.items():
        FeeRule.objects.filter(reason=german, reason_en="").update(reason_en=english)


def seed_rooms() -> dict[str, Room]:
    seed_fee_reasons_en()
    rooms: dict[str, Room] = {}
    for data in [*ROOMS, COMBINED]:
        values = dict(data)
        slug = str(values.pop("slug"))
        rooms[slug], _created = Room.objects.update_or_create(slug=slug, defaults=values)
    rooms["fulda-werra"].parts.set([rooms["raum-fulda"], rooms["raum-werra"]])
    return rooms


def _organisations() -> dict[str, Organisation]:
    try:
        from tenants.models import Organisation
    except ImportError:  # pragma: no cover - the tenants app is part of the project
        return {}
    return {o.slug: o for o in Organisation.objects.filter(slug__in=TENANTS + OTHERS)}
