"""The volunteer-card pre-check and issuing certificates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.volunteers.models import (
    Certificate,
    HoursEntry,
    VolunteerCardRule,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from house.models import User
from .ledger import total_minutes

# --- volunteer cards and certificates -----------------------------------------------------


@dataclass(frozen=True)
class CardCheck:
    rule: VolunteerCardRule
    hours_last_year: Decimal
    hours_per_week: Decimal
    met: bool


def volunteer_card_precheck(*, profile: VolunteerProfile, on: dt.date) -> list[CardCheck]:
    """For each federal state's card, whether the last twelve months' hours meet it."""
    start = on - relativedelta(years=1)
    minutes = total_minutes(profile=profile, start=start, end=on)
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    weekly = (hours / Decimal(52)).quantize(Decimal("0.1"))
    checks = []
    seen: set[str] = set()
    for rule in VolunteerCardRule.objects.filter(valid_from__lte=on).order_by(
        "federal_state", "-valid_from"
    ):
        if rule.federal_state in seen:
            continue
        seen.add(rule.federal_state)
        met = (rule.min_hours_per_week is not None and weekly >= rule.min_hours_per_week) or (
            rule.min_hours_per_year is not None and hours >= rule.min_hours_per_year
        )
        checks.append(CardCheck(rule=rule, hours_last_year=hours, hours_per_week=weekly, met=met))
    return checks


def issue_certificate(
    *, profile: VolunteerProfile, start: dt.date, end: dt.date, actor: User
) -> Certificate:
    """Issue a certificate of the counted hours between ``start`` and ``end``."""
    if end < start:
        raise VolunteerError(_("The end lies before the start."), field="end")
    with transaction.atomic():
        entries = HoursEntry.objects.counted().filter(profile=profile, day__gte=start, day__lte=end)
        minutes = entries.aggregate(total=Sum("minutes"))["total"] or 0
        if not minutes:
            raise VolunteerError(_("No hours are recorded in this period."))
        activities = sorted(set(entries.values_list("description", flat=True)))
        certificate = Certificate.objects.create(
            profile=profile,
            holder_name=profile.name,
            period_start=start,
            period_end=end,
            minutes=minutes,
            activities="\n".join(activities[:20]),
        )
        log_activity(
            obj=profile,
            action_type="volunteers.certificate.issued",
            actor=actor,
            data={"code": certificate.code},
        )
    return certificate
