"""Attendance, the hours ledger, tenure, allowances and the volunteer-card pre-check.

Tenure decisions (the rule itself is data, :class:`TenureRule`):

* The ledger counts attended shifts and approved manual entries.
* "Active since" is the first counted day. A person qualifies on a day when that
  first day lies more than ``min_months`` before it, and enough of the last
  ``window_months`` full months were active.
* The window ends with the last full month before the earlier of the day asked
  about and today: a celebration booked for next spring is judged on the months
  that have already happened.
* House management may decide otherwise, with a reason that is logged; the
  decision holds until its end date or until it is revoked.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.permissions import has_role
from house.roles import Role
from house.tenure import Tenure
from house.volunteers.models import (
    AllowanceLimit,
    AllowancePayment,
    Assignment,
    Certificate,
    HoursEntry,
    TenureOverride,
    TenureRule,
    VolunteerCardRule,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from house.models import User


# --- attendance and the ledger --------------------------------------------------------


def record_attendance(*, assignment: Assignment, attendance: str, actor: User) -> Assignment:
    """Record whether the volunteer came. "Came" writes the shift's time to the ledger
    (approved); any other answer removes it again."""
    if attendance not in Assignment.Attendance.values:
        raise VolunteerError(_("Choose came, missed or excused."), field="attendance")
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update()
            .select_related("shift", "profile")
            .get(pk=assignment.pk)
        )
        if assignment.status != Assignment.Status.CONFIRMED:
            raise VolunteerError(_("Attendance is recorded for people signed up only."))
        if assignment.shift.start > timezone.now():
            raise VolunteerError(_("Attendance can be recorded once the shift has begun."))
        assignment.attendance = attendance
        assignment.recorded_by = actor
        assignment.save(update_fields=["attendance", "recorded_by", "updated_at"])
        if attendance == Assignment.Attendance.CAME:
            HoursEntry.objects.update_or_create(
                assignment=assignment,
                defaults={
                    "profile": assignment.profile,
                    "day": timezone.localtime(assignment.shift.start).date(),
                    "minutes": assignment.shift.minutes,
                    "description": assignment.shift.title,
                    "approved_at": timezone.now(),
                    "approved_by": actor,
                },
            )
        else:
            HoursEntry.objects.filter(assignment=assignment).delete()
        log_activity(
            obj=assignment.shift,
            action_type="volunteers.shift.attendance",
            actor=actor,
            data={
                "name": assignment.profile.name,
                "attendance": str(Assignment.Attendance(attendance).label),
            },
        )
    return assignment


def record_manual_hours(
    *, profile: VolunteerProfile, day: dt.date, minutes: int, description: str, actor: User
) -> HoursEntry:
    """Time given outside shifts. Entered by the coordination it counts at once;
    entered by the volunteer it waits for approval."""
    if not 0 < minutes <= 24 * 60:
        raise VolunteerError(_("Enter between 1 minute and 24 hours."), field="minutes")
    if day > timezone.localdate():
        raise VolunteerError(_("Hours can be entered for past days only."), field="day")
    coordinator = has_role(actor, Role.VOLUNTEER_COORDINATION)
    with transaction.atomic():
        return HoursEntry.objects.create(
            profile=profile,
            day=day,
            minutes=minutes,
            description=description.strip()[:200] or _("Volunteering"),
            approved_at=timezone.now() if coordinator else None,
            approved_by=actor if coordinator else None,
        )


def approve_hours(*, entry: HoursEntry, actor: User) -> HoursEntry:
    with transaction.atomic():
        count = HoursEntry.objects.filter(pk=entry.pk, approved_at__isnull=True).update(
            approved_at=timezone.now(), approved_by=actor
        )
        entry.refresh_from_db()
        if count:
            log_activity(
                obj=entry.profile,
                action_type="volunteers.hours.approved",
                actor=actor,
                data={"minutes": entry.minutes, "day": date_format(entry.day, "SHORT_DATE_FORMAT")},
            )
    return entry


def total_minutes(*, profile: VolunteerProfile, start: dt.date, end: dt.date) -> int:
    result = (
        HoursEntry.objects.counted()
        .filter(profile=profile, day__gte=start, day__lte=end)
        .aggregate(total=Sum("minutes"))["total"]
    )
    return int(result or 0)


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


# --- allowances (Ehrenamtspauschale) ------------------------------------------------------


class AllowanceOverLimitError(VolunteerError):
    pass


@dataclass(frozen=True)
class AllowanceStatus:
    year: int
    paid: Decimal
    limit: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.limit is None else self.limit - self.paid


def allowance_status(*, profile: VolunteerProfile, year: int) -> AllowanceStatus:
    limit = AllowanceLimit.objects.in_force_on(dt.date(year, 12, 31))
    paid = profile.allowances.filter(paid_on__year=year).aggregate(total=Sum("amount"))["total"]
    return AllowanceStatus(
        year=year,
        paid=paid or Decimal("0.00"),
        limit=limit.yearly_amount if limit else None,  # type: ignore[attr-defined]
    )


def record_allowance(
    *,
    profile: VolunteerProfile,
    paid_on: dt.date,
    amount: Decimal,
    actor: User,
    note: str = "",
    accept_over_limit: bool = False,
) -> AllowancePayment:
    """Record an allowance paid. Raises :class:`AllowanceOverLimitError` (a warning the
    coordinator may accept) when the year's total would exceed the limit in force."""
    if amount <= 0:
        raise VolunteerError(_("Enter an amount above zero."), field="amount")
    with transaction.atomic():
        from house.locks import lock

        lock("volunteers.allowance", profile.pk)
        status = allowance_status(profile=profile, year=paid_on.year)
        if (
            status.limit is not None
            and status.paid + amount > status.limit
            and not accept_over_limit
        ):
            raise AllowanceOverLimitError(
                _(
                    "With this payment the allowances of %(year)s come to %(total)s €, above "
                    "the tax-free limit of %(limit)s €. Confirm to record it anyway."
                )
                % {"year": paid_on.year, "total": status.paid + amount, "limit": status.limit},
                field="amount",
            )
        payment = AllowancePayment.objects.create(
            profile=profile, paid_on=paid_on, amount=amount, note=note, recorded_by=actor
        )
        log_activity(
            obj=profile,
            action_type="volunteers.allowance.paid",
            actor=actor,
            data={"amount": str(amount)},
        )
    return payment


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


def months_summary(*, profile: VolunteerProfile, months: int = 12) -> list[tuple[dt.date, int]]:
    """Counted minutes per month for the last ``months`` months, oldest first."""
    today = timezone.localdate()
    first = _month(today) - relativedelta(months=months - 1)
    totals: dict[dt.date, int] = defaultdict(int)
    for day, mins in (
        HoursEntry.objects.counted()
        .filter(profile=profile, day__gte=first)
        .values_list("day", "minutes")
    ):
        totals[_month(day)] += mins
    return [
        (first + relativedelta(months=i), totals[first + relativedelta(months=i)])
        for i in range(months)
    ]
