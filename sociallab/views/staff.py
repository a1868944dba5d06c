"""The Social Lab team's pages: calls, ranking, decisions and their release."""

from __future__ import annotations

from functools import wraps
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.activity import describe
from house.locks import LockTimeoutError
from house.models import ActivityLog, User
from sociallab import queries
from sociallab.forms import CallForm, CommentForm, CriterionForm, DecisionForm, PhaseForm, TeamForm
from sociallab.models import Application, Call, Comment
from sociallab.services import SocialLabError, calls, decisions, review


def staff_only(view: Any) -> Any:
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("sociallab.manage_call"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@staff_only
@require_GET
def staff_home(request: HttpRequest) -> HttpResponse:
    all_calls = Call.objects.annotate(
        submitted=Count(
            "applications",
            filter=~Q(
                applications__status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN]
            ),
        ),
        drafts=Count("applications", filter=Q(applications__status=Application.Status.DRAFT)),
    ).order_by("-opens_at")
    return render(request, "sociallab/staff_home.html", {"calls": all_calls})


@staff_only
@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest) -> HttpResponse:
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if Call.objects.filter(slug__iexact=slugify(data["title"])[:80]).exists():
            form.add_error("title", _("A call with this title exists already."))
        else:
            call = calls.create_call(**data)
            messages.success(request, _("The call is created with the standard questions."))
            return redirect("sociallab:call_manage", call.pk)
    return render(request, "sociallab/call_form.html", {"form": form})


@staff_only
@require_GET
def call_manage(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    order = request.GET.get("order", "mean")
    if order not in {"mean", "median", "disagreement"}:
        order = "mean"
    rows = queries.ranking(call, order=order)
    return render(
        request,
        "sociallab/call_manage.html",
        {
            "call": call,
            "rows": rows,
            "order": order,
            "undecided": decisions.undecided_count(call),
            "held": call.applications.filter(released_at__isnull=True).exclude(decision="").count(),
            "drafts": call.applications.filter(status=Application.Status.DRAFT).count(),
            "phase": queries.active_phase(call),
            "teams": call.reviewer_teams.prefetch_related("members"),
        },
    )


@staff_only
@require_POST
def call_release(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    try:
        sent = decisions.release_decisions(actor=cast(User, request.user), call=call)
    except SocialLabError as exc:
        messages.error(request, exc.message)
    except LockTimeoutError:
        messages.error(request, _("Somebody else is releasing the decisions right now."))
    else:
        messages.success(
            request, _("%(count)s decisions were released and sent.") % {"count": sent}
        )
    return redirect("sociallab:call_manage", call.pk)


@staff_only
@require_POST
def call_assign_bids(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    created = review.assign_from_bids(actor=cast(User, request.user), call=call)
    messages.success(request, _("%(count)s assignments made from the bids.") % {"count": created})
    return redirect("sociallab:call_manage", call.pk)


def _staff_application(pk: int) -> Application:
    return get_object_or_404(Application.objects.select_related("call", "form", "applicant"), pk=pk)


@staff_only
@require_GET
def staff_application(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(pk)
    reviewers = User.objects.filter(sociallab_reviewer_teams__call=application.call).distinct()
    counted = set(application.reviews.counted().values_list("pk", flat=True))
    return render(
        request,
        "sociallab/staff_application.html",
        {
            "application": application,
            "answers": application.answer_list(),
            "reviews": [
                (r, r.pk in counted)
                for r in application.reviews.select_related("reviewer").prefetch_related(
                    "scores__criterion"
                )
            ],
            "assignments": application.assignments.select_related("reviewer"),
            "conflicts": application.conflicts.select_related("reviewer"),
            "reviewers": reviewers,
            "thread": application.comments.filter(
                audience=Comment.Audience.APPLICANT
            ).select_related("author"),
            "internal": application.comments.filter(audience=Comment.Audience.STAFF).select_related(
                "author"
            ),
            "comment_form": CommentForm(),
            "decision_form": DecisionForm(
                initial={"decision": application.decision, "message": application.decision_message}
            ),
            "history": [(e, describe(e)) for e in ActivityLog.objects.for_object(application)],
        },
    )


@staff_only
@require_POST
def staff_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose accept or reject."))
    else:
        try:
            decisions.decide_application(
                actor=cast(User, request.user),
                application=application,
                decision=form.cleaned_data["decision"],
                message=form.cleaned_data["message"],
            )
        except SocialLabError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The decision is held until the decisions are released."))
    return redirect("sociallab:staff_application", application.pk)


@staff_only
@require_POST
def staff_assign(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(pk)
    reviewer = get_object_or_404(User, pk=request.POST.get("reviewer") or 0)
    try:
        review.assign_reviewer(
            actor=cast(User, request.user), application=application, reviewer=reviewer
        )
    except SocialLabError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The reviewer is assigned."))
    return redirect("sociallab:staff_application", application.pk)


@staff_only
@require_POST
def staff_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(pk)
    reviewer = get_object_or_404(User, pk=request.POST.get("reviewer") or 0)
    review.declare_conflict(
        actor=cast(User, request.user),
        application=application,
        reviewer=reviewer,
        reason=request.POST.get("reason", ""),
    )
    messages.success(request, _("The conflict of interest is recorded."))
    return redirect("sociallab:staff_application", application.pk)


@staff_only
@require_POST
def staff_redact(request: HttpRequest, pk: int) -> HttpResponse:
    application = _staff_application(pk)
    answers = {q["key"]: request.POST.get(f"r_{q['key']}", "") for q in application.form.questions}
    review.redact_application(
        actor=cast(User, request.user),
        application=application,
        title=request.POST.get("redacted_title", ""),
        answers=answers,
    )
    messages.success(request, _("The anonymous copy is saved."))
    return redirect("sociallab:staff_application", application.pk)


@staff_only
@require_http_methods(["GET", "POST"])
def call_setup(request: HttpRequest, pk: int) -> HttpResponse:
    """Criteria, review phases and juries of a call, and whether it is published."""
    call = get_object_or_404(Call, pk=pk)
    forms = {
        "criterion": CriterionForm(prefix="criterion"),
        "phase": PhaseForm(prefix="phase"),
        "team": TeamForm(prefix="team"),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "publish":
                calls.set_published(call=call, published=request.POST.get("published") == "on")
                messages.success(request, _("The call is saved."))
                return redirect("sociallab:call_setup", call.pk)
            if action == "activate":
                phase = call.review_phases.filter(pk=request.POST.get("phase") or 0).first()
                calls.activate_phase(call=call, phase=phase)
                messages.success(request, _("The active review phase is set."))
                return redirect("sociallab:call_setup", call.pk)
            if action in forms:
                form_class = {"criterion": CriterionForm, "phase": PhaseForm, "team": TeamForm}[
                    action
                ]
                form = form_class(request.POST, prefix=action)
                forms[action] = form
                if form.is_valid():
                    data = form.cleaned_data
                    if action == "criterion":
                        calls.add_criterion(call=call, **data)
                    elif action == "phase":
                        calls.add_review_phase(call=call, **data)
                    else:
                        calls.add_reviewer_team(
                            call=call,
                            name=data["name"],
                            may_see_names=data["may_see_names"],
                            emails=data["emails"].replace(",", "\n").splitlines(),
                        )
                    messages.success(request, _("Saved."))
                    return redirect("sociallab:call_setup", call.pk)
        except SocialLabError as exc:
            target = forms.get(action)
            if target is not None and exc.field in target.fields:
                target.add_error(exc.field, exc.message)
            else:
                messages.error(request, exc.message)
    return render(
        request,
        "sociallab/call_setup.html",
        {
            "call": call,
            "criteria": call.criteria.all(),
            "phases": call.review_phases.all(),
            "teams": call.reviewer_teams.prefetch_related("members"),
            "forms": forms,
        },
    )
