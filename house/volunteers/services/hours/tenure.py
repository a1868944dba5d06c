"""Tenure: the facts of each month, the rule in force, overrides and the explanation."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.permissions import has_role
from house.roles import Role
from house.tenure import Tenure
from house.volunteers.models import (
    HoursEntry,
    TenureOverride,
    TenureRule,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from house.models import User


# --- tenure -----------------------------------------------------------------------------


def rule_on(day: dt.date) -> TenureRule:
    """The tenure rule in force on ``day`` (the built-in defaults if none is entered)."""
    return TenureRule.objects.in_force_on(day) or TenureRule(valid_from=dt.date(2000, 1, 1))  # type: ignore[return-value]


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


@dataclass(frozen=True)
class TenureFacts:
    active_since: dt.date | None
    active_months: int
    window_months: int
    qualifies: bool


def _is_active_month(rule: TenureRule, shifts: int, minutes: int) -> bool:
    by_shifts = rule.min_shifts_per_month > 0 and shifts >= rule.min_shifts_per_month
    return by_shifts or minutes >= rule.min_minutes_per_month


def tenure_facts(*, profile: VolunteerProfile, on: dt.date, rule: TenureRule) -> TenureFacts:
    reference = min(on, timezone.localdate())
    window_end = _month(reference)  # exclusive: the month of the reference is not full
    window_start = window_end - relativedelta(months=rule.window_months)
    entries = HoursEntry.objects.counted().filter(profile=profile, day__lt=on)
    first = entries.order_by("day").values_list("day", flat=True).first()
    minutes: dict[dt.date, int] = defaultdict(int)
    shifts: dict[dt.date, int] = defaultdict(int)
    for day, mins, assignment_id in entries.filter(
        day__gte=window_start, day__lt=window_end
    ).values_list("day", "minutes", "assignment_id"):
        minutes[_month(day)] += mins
        if assignment_id:
            shifts[_month(day)] += 1
    active = sum(
        1 for month in set(minutes) if _is_active_month(rule, shifts[month], minutes[month])
    )
    long_enough = first is not None and first + relativedelta(months=rule.min_months) < on
    return TenureFacts(
        active_since=first,
        active_months=active,
        window_months=rule.window_months,
        qualifies=long_enough and active >= rule.required_active_months,
    )


def explain(facts: TenureFacts, rule: TenureRule) -> str:
    if facts.active_since is None:
        return _("No volunteer hours are recorded in the house yet.")
    return _(
        "Active since %(since)s, in %(active)s of the last %(window)s months. "
        "Needed: active for more than %(min_months)s months, in at least %(required)s of the "
        "last %(window)s months."
    ) % {
        "since": date_format(facts.active_since, "YEAR_MONTH_FORMAT"),
        "active": facts.active_months,
        "window": facts.window_months,
        "min_months": rule.min_months,
        "required": rule.required_active_months,
    }


def current_override(profile: VolunteerProfile, on: dt.date) -> TenureOverride | None:
    return (
        profile.tenure_overrides.filter(revoked_at__isnull=True)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on))
        .first()
    )


def compute_tenure(*, profile: VolunteerProfile, on: dt.date) -> Tenure:
    rule = rule_on(on)
    facts = tenure_facts(profile=profile, on=on, rule=rule)
    explanation = explain(facts, rule)
    qualifies = facts.qualifies
    override = current_override(profile, on)
    if override is not None:
        qualifies = override.qualifies
        explanation = "{} {}".format(
            explanation,
            _("House management decided: %(decision)s (%(reason)s).")
            % {
                "decision": _("counts as regular") if qualifies else _("does not count as regular"),
                "reason": override.reason,
            },
        )
    return Tenure(qualifies=qualifies, explanation=explanation, active_since=facts.active_since)


def tenure_for_user(*, user: User, on: dt.date) -> Tenure:
    """The provider ``house.tenure`` asks (registered in the app's ``ready``)."""
    profile = VolunteerProfile.objects.filter(user=user, is_active=True).first()
    if profile is None:
        return Tenure(False, _("Not registered as a volunteer of the house."))
    return compute_tenure(profile=profile, on=on)


def override_tenure(
    *,
    profile: VolunteerProfile,
    qualifies: bool,
    reason: str,
    actor: User,
    valid_until: dt.date | None = None,
) -> TenureOverride:
    """House management decides a person's tenure by hand; the reason is required and logged."""
    if not has_role(actor, Role.HOUSE_MANAGEMENT):
        raise VolunteerError(_("Only house management may decide this."))
    if not reason.strip():
        raise VolunteerError(_("Please give a reason."), field="reason")
    with transaction.atomic():
        profile.tenure_overrides.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        override = TenureOverride.objects.create(
            profile=profile,
            qualifies=qualifies,
            reason=reason.strip(),
            valid_until=valid_until,
            decided_by=actor,
        )
        log_activity(
            obj=profile,
            action_type="volunteers.tenure.overridden",
            actor=actor,
            data={"reason": override.reason, "qualifies": qualifies},
        )
    return override
