"""Attendance at shifts and the hours ledger: recorded, manual and approved hours."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.permissions import has_role
from house.roles import Role
from house.volunteers.models import (
    Assignment,
    HoursEntry,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from house.models import User
from .tenure import _month

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
