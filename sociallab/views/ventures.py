"""Ventures: the phases, goals, milestones, mentors, sessions and funding of one initiative.
Mentors see only the ventures they are assigned to; founders only their own."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.activity import describe
from house.models import ActivityLog, User
from sociallab.forms import (
    ActionItemForm,
    FundingForm,
    FundingStatusForm,
    GoalsForm,
    GraduateForm,
    MentorForm,
    MilestoneForm,
    NotesForm,
    PhaseReviewForm,
    PrivateNotesForm,
    ReportForm,
    SlotForm,
)
from sociallab.models import (
    ActionItem,
    FundingApplication,
    FundingReport,
    MentorAssignment,
    MentoringSession,
    MentorSlot,
    Milestone,
    Phase,
    Venture,
)
from sociallab.services import SocialLabError, funding, mentoring, ventures


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
def venture_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.manage_venture")
    return _post(
        request,
        venture,
        MentorForm(request.POST),
        lambda d: ventures.assign_mentor(
            venture=venture,
            actor=cast(User, request.user),
            mentor=d["mentor"],
            hour_budget=d["hour_budget"],
        ),
        _("The mentor is assigned."),
    )


@login_required
@require_POST
def venture_book(request: HttpRequest, pk: int, slot_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.book_session")
    slot = get_object_or_404(MentorSlot.objects.for_venture(venture), pk=slot_pk)
    try:
        session = mentoring.book_session(
            actor=cast(User, request.user),
            venture=venture,
            slot=slot,
            topic=request.POST.get("topic", ""),
        )
    except SocialLabError as exc:
        messages.error(request, exc.message)
        return redirect(venture)
    messages.success(request, _("Your mentoring session is booked."))
    return redirect("sociallab:session", session.pk)


@login_required
@require_POST
def venture_funding(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    return _post(
        request,
        venture,
        FundingForm(request.POST),
        lambda d: funding.add_funding_application(
            venture=venture, actor=cast(User, request.user), source=d["source"], amount=d["amount"]
        ),
        _("The funding application is added."),
    )


@login_required
@require_POST
def funding_status(request: HttpRequest, pk: int, funding_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    item = get_object_or_404(FundingApplication, venture=venture, pk=funding_pk)
    return _post(
        request,
        venture,
        FundingStatusForm(request.POST),
        lambda d: funding.update_funding_status(
            funding=item, actor=cast(User, request.user), status=d["status"], granted=d["granted"]
        ),
        _("The funding application is updated."),
    )


@login_required
@require_POST
def funding_report(request: HttpRequest, pk: int, funding_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    item = get_object_or_404(FundingApplication, venture=venture, pk=funding_pk)
    return _post(
        request,
        venture,
        ReportForm(request.POST),
        lambda d: funding.add_report(
            funding=item, actor=cast(User, request.user), title=d["title"], due_on=d["due_on"]
        ),
        _("The report is added."),
    )


@login_required
@require_POST
def report_done(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    report = get_object_or_404(FundingReport, funding__venture=venture, pk=report_pk)
    approve = request.POST.get("approve") == "on" and request.user.has_perm(
        "sociallab.manage_venture", venture
    )
    funding.mark_report(
        report=report, actor=cast(User, request.user), submitted=True, approved=approve
    )
    return _done(request, venture, _("The report is marked."))


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


# --- sessions ---------------------------------------------------------------------


def _session(request: HttpRequest, pk: int) -> MentoringSession:
    session = get_object_or_404(
        MentoringSession.objects.visible_to(request.user).select_related("venture", "mentor"), pk=pk
    )
    if not request.user.has_perm("sociallab.view_session", session):
        raise PermissionDenied
    return session


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    is_mentor = request.user.has_perm("sociallab.write_private_notes", session)
    can_write = request.user.has_perm("sociallab.write_shared_notes", session)
    if request.method == "POST":
        if not can_write:
            raise PermissionDenied
        mentoring.save_notes(
            session=session,
            actor=cast(User, request.user),
            shared_notes=request.POST.get("shared_notes", session.shared_notes),
            private_notes=request.POST.get("private_notes") if is_mentor else None,
            held=(request.POST.get("held") == "on") if is_mentor else None,
        )
        messages.success(request, _("The notes are saved."))
        return redirect("sociallab:session", session.pk)
    return render(
        request,
        "sociallab/session_detail.html",
        {
            "session": session,
            "is_mentor": is_mentor,
            "can_write": can_write,
            "notes_form": NotesForm(initial={"shared_notes": session.shared_notes}),
            "private_form": PrivateNotesForm(initial={"private_notes": session.private_notes})
            if is_mentor
            else None,
            "action_form": ActionItemForm(),
            "items": session.action_items.all(),
        },
    )


@login_required
@require_POST
def session_action(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session(request, pk)
    if not request.user.has_perm("sociallab.write_shared_notes", session):
        raise PermissionDenied
    item_pk = request.POST.get("item")
    if item_pk:
        item = get_object_or_404(ActionItem, session=session, pk=item_pk)
        mentoring.complete_action_item(
            item=item, actor=cast(User, request.user), done=request.POST.get("done") == "on"
        )
        messages.success(request, _("The action item is updated."))
    else:
        form = ActionItemForm(request.POST)
        if form.is_valid():
            mentoring.add_action_item(
                session=session,
                actor=cast(User, request.user),
                text=form.cleaned_data["text"],
                due_on=form.cleaned_data["due_on"],
            )
            messages.success(request, _("The action item is added."))
        else:
            messages.error(request, _("Please say what is to be done."))
    return redirect("sociallab:session", session.pk)


# --- the mentor's desk --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def mentor_home(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("sociallab.publish_slots"):
        raise PermissionDenied
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mentoring.publish_slot(
                mentor=cast(User, request.user),
                start=data["start"],
                end=data["end"],
                room=data["room"],
                location=data["location"],
            )
        except SocialLabError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your free time is published for your ventures."))
            return redirect("sociallab:mentor_home")
    assignments = list(
        MentorAssignment.objects.filter(mentor=cast(User, request.user))
        .select_related("venture")
        .order_by("venture__name")
    )
    return render(
        request,
        "sociallab/mentor_home.html",
        {
            "form": form,
            "assignments": [(a, mentoring.hours_used(a)) for a in assignments],
            "slots": MentorSlot.objects.filter(
                mentor=cast(User, request.user), end__gte=_now()
            ).select_related("room", "session__venture"),
            "sessions": MentoringSession.objects.filter(
                mentor=cast(User, request.user)
            ).select_related("venture")[:20],
        },
    )


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()
