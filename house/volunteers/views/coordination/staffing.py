"""The week, the printable café plan, a shift's staffing and matches, attendance."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.ical import BERLIN
from house.models import User
from house.volunteers.forms import (
    AttendanceForm,
    SignUpOnBehalfForm,
    parse_week,
)
from house.volunteers.models import (
    Assignment,
    HoursEntry,
    Interest,
    Shift,
)
from house.volunteers.services import VolunteerError, hours, shifts
from house.volunteers.services.standins import best_matches

if TYPE_CHECKING:
    from house.volunteers.models.shifts import StaffedShift
from .access import coordinator_required


def _week_bounds(monday: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = dt.datetime.combine(monday, dt.time(0, 0), tzinfo=BERLIN)
    end = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0, 0), tzinfo=BERLIN)
    return start, end


def _week_shifts(request: HttpRequest, monday: dt.date) -> list[StaffedShift]:
    start, end = _week_bounds(monday)
    return list(
        Shift.objects.visible_to(cast(User, request.user))
        .filter(cancelled_at__isnull=True)
        .between(start, end)
        .with_staffing()
        .order_by("start")
    )


@coordinator_required
@require_GET
def week(request: HttpRequest) -> HttpResponse:
    """The week's shifts with their staffing; those below the minimum stand out."""
    monday = parse_week(request.GET.get("week"))
    week_shifts = _week_shifts(request, monday)
    days: dict[dt.date, list[Shift]] = defaultdict(list)
    for shift in week_shifts:
        days[timezone.localtime(shift.start).date()].append(shift)
    missing = [s for s in week_shifts if s.staffed < s.min_staff]
    pending_hours = HoursEntry.objects.filter(approved_at__isnull=True).count()
    new_interests = Interest.objects.filter(handled_at__isnull=True).count()
    return render(
        request,
        "volunteers/coordination_week.html",
        {
            "monday": monday,
            "days": sorted(days.items()),
            "missing": missing,
            "previous": monday - dt.timedelta(days=7),
            "next": monday + dt.timedelta(days=7),
            "pending_hours": pending_hours,
            "new_interests": new_interests,
        },
    )


@coordinator_required
@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    """The printable weekly café plan: who works when (names as each volunteer chose)."""
    monday = parse_week(request.GET.get("week"))
    start, end = _week_bounds(monday)
    week_shifts = (
        Shift.objects.visible_to(cast(User, request.user))
        .filter(cancelled_at__isnull=True)
        .between(start, end)
        .select_related("opportunity")
        .prefetch_related(
            "assignments__profile",
        )
        .order_by("start")
    )
    rows = []
    for shift in week_shifts:
        holders = [
            a.profile for a in shift.assignments.all() if a.status == Assignment.Status.CONFIRMED
        ]
        rows.append((shift, holders))
    return render(
        request,
        "volunteers/coordination_plan.html",
        {"monday": monday, "sunday": monday + dt.timedelta(days=6), "rows": rows},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def shift(request: HttpRequest, pk: int) -> HttpResponse:
    """One shift: who is on it, who waits, matches for open places, attendance."""
    shift: StaffedShift = get_object_or_404(
        Shift.objects.visible_to(cast(User, request.user))
        .with_staffing()
        .prefetch_related("required_qualifications"),
        pk=pk,
    )
    form = SignUpOnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = shifts.sign_up(
                shift=shift, profile=form.cleaned_data["profile"], actor=cast(User, request.user)
            )
        except VolunteerError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s is signed up.") % {"name": assignment.profile.name}
                if assignment.status == Assignment.Status.CONFIRMED
                else _("%(name)s is on the waiting list.") % {"name": assignment.profile.name},
            )
        return redirect("volunteers:coordination_shift", pk=shift.pk)
    assignments = (
        shift.assignments.filter(status__in=Assignment.ACTIVE)
        .select_related("profile")
        .order_by("status", "created_at")
    )
    open_places = max(0, shift.max_staff - shift.staffed)
    return render(
        request,
        "volunteers/coordination_shift.html",
        {
            "shift": shift,
            "assignments": assignments,
            "matches": best_matches(shift=shift, limit=8) if open_places else [],
            "open_places": open_places,
            "form": form,
            "attendance_form": AttendanceForm(),
            "started": shift.start <= timezone.now(),
            "log": shift_log(shift),
        },
    )


def shift_log(shift: Shift) -> list:
    from house.models import ActivityLog

    return list(ActivityLog.objects.for_object(shift)[:20])


@coordinator_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.visible_to(cast(User, request.user)), pk=pk)
    if not request.user.has_perm("volunteers.record_attendance", assignment):
        raise PermissionDenied
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose came, missed or excused."))
    else:
        try:
            hours.record_attendance(
                assignment=assignment,
                attendance=form.cleaned_data["attendance"],
                actor=cast(User, request.user),
            )
        except VolunteerError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Attendance recorded."))
    return redirect("volunteers:coordination_shift", pk=assignment.shift_id)
