"""Plant a marker in every personal field the volunteer area keeps for a person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from house.volunteers.models import Opportunity
from house.volunteers.services import hours, people
from tests.volunteers.factories import coordinator, volunteer


def plant(*, user, marker: str) -> None:
    profile = volunteer(
        user,
        phone=marker[:50],
        interests=marker,
        skills=marker,
        languages=marker[:200],
        availability_note=marker[:200],
    )
    staff = coordinator()
    people.set_coordinator_notes(profile=profile, actor=staff, notes=marker)
    hours.record_manual_hours(
        profile=profile,
        day=timezone.localdate() - dt.timedelta(days=1),
        minutes=60,
        description=marker[:200],
        actor=user,
    )
    hours.record_allowance(
        profile=profile,
        paid_on=timezone.localdate(),
        amount=Decimal("10.00"),
        note=marker[:200],
        actor=staff,
    )
    opportunity, _ = Opportunity.objects.get_or_create(
        slug="canary-cafe", defaults={"title": "Café", "description": "Café"}
    )
    people.express_interest(
        opportunity=opportunity, name=marker[:150], email=user.email, phone="", message=marker
    )
