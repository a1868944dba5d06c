"""One venture's page and its course: goals, reviews, milestones, graduation."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from house.activity import describe
from house.models import ActivityLog, User
from sociallab.forms import (
    FundingForm,
    FundingStatusForm,
    GoalsForm,
    GraduateForm,
    MentorForm,
    MilestoneForm,
    PhaseReviewForm,
    ReportForm,
)
from sociallab.models import (
    MentorAssignment,
    MentorSlot,
    Milestone,
    Phase,
    Venture,
)
from sociallab.services import SocialLabError, mentoring, ventures


def _venture(request: HttpRequest, pk: int, perm: str = "sociallab.view_venture") -> Venture:
    venture = get_object_or_404(Venture.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm(perm, venture):
        raise PermissionDenied
    return venture


def _done(request: HttpRequest, venture: Venture, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(venture)


@login_required
@require_GET
def venture_list(request: HttpRequest) -> HttpResponse:
    items = (
        Venture.objects.visible_to(request.user)
        .prefetch_related(
            "founders",
            Prefetch(
                "mentor_assignments", queryset=MentorAssignment.objects.select_related("mentor")
            ),
        )
        .order_by("name")
    )
    return render(request, "sociallab/venture_list.html", {"ventures": items})


@login_required
@require_GET
def venture_detail(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk)
    user = request.user
    is_staff = user.has_perm("sociallab.manage_venture", venture)
    assignments = list(venture.mentor_assignments.select_related("mentor"))
    budgets = [(a, mentoring.hours_used(a)) for a in assignments]
    records = {r.phase: r for r in venture.phase_records.all()}
    phases = [(value, label, records.get(value)) for value, label in Phase.choices]
    current = records.get(venture.phase)
    slots = []
    if user.has_perm("sociallab.book_session", venture):
        slots = list(
            MentorSlot.objects.free().for_venture(venture).select_related("mentor", "room")
        )
    return render(
        request,
        "sociallab/venture_detail.html",
        {
            "venture": venture,
            "is_staff": is_staff,
            "can_track": user.has_perm("sociallab.track_venture", venture),
            "can_book": user.has_perm("sociallab.book_session", venture),
            "phases": phases,
            "current": current,
            "milestones": venture.milestones.all(),
            "budgets": budgets,
            "slots": slots,
            "sessions": venture.sessions.select_related("mentor").prefetch_related("action_items"),
            "fundings": venture.funding_applications.select_related("source").prefetch_related(
                "reports"
            ),
            "history": [(e, describe(e)) for e in ActivityLog.objects.for_object(venture)[:30]],
            "goals_form": GoalsForm(initial={"goals": current.goals if current else ""}),
            "review_form": PhaseReviewForm(),
            "milestone_form": MilestoneForm(),
            "mentor_form": MentorForm() if is_staff else None,
            "funding_form": FundingForm(),
            "status_form": FundingStatusForm(),
            "report_form": ReportForm(),
            "graduate_form": GraduateForm(initial={"organisation_name": venture.name}),
        },
    )


def _post(
    request: HttpRequest, venture: Venture, form: Any, action: Any, success: str
) -> HttpResponse:
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect(venture)
    try:
        action(form.cleaned_data)
    except SocialLabError as exc:
        messages.error(request, exc.message)
        return redirect(venture)
    return _done(request, venture, success)


@login_required
@require_POST
def venture_goals(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.manage_venture")
    return _post(
        request,
        venture,
        GoalsForm(request.POST),
        lambda d: ventures.agree_goals(
            venture=venture,
            actor=cast(User, request.user),
            goals=d["goals"],
            review_on=d["review_on"],
        ),
        _("The goals are agreed."),
    )


@login_required
@require_POST
def venture_review(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.manage_venture")
    return _post(
        request,
        venture,
        PhaseReviewForm(request.POST),
        lambda d: ventures.review_phase(
            venture=venture, actor=cast(User, request.user), outcome=d["outcome"], notes=d["notes"]
        ),
        _("The phase review is recorded."),
    )


@login_required
@require_POST
def venture_milestone(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    return _post(
        request,
        venture,
        MilestoneForm(request.POST),
        lambda d: ventures.add_milestone(
            venture=venture, actor=cast(User, request.user), title=d["title"], due_on=d["due_on"]
        ),
        _("The milestone is added."),
    )


@login_required
@require_POST
def milestone_done(request: HttpRequest, pk: int, milestone_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    milestone = get_object_or_404(Milestone, venture=venture, pk=milestone_pk)
    ventures.reach_milestone(milestone=milestone, actor=cast(User, request.user))
    return _done(request, venture, _("Milestone reached – congratulations!"))


@login_required
@require_POST
def venture_graduate(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.manage_venture")
    return _post(
        request,
        venture,
        GraduateForm(request.POST),
        lambda d: ventures.graduate_venture(
            venture=venture,
            actor=cast(User, request.user),
            organisation_name=d["organisation_name"],
        ),
        _("The venture graduated and is now an organisation of the house."),
    )
