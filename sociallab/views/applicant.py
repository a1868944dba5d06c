"""The founder's side: drafts that save as they type, co-applicants, the thread, the offer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from house.activity import describe
from house.models import ActivityLog, User
from sociallab.forms import ApplicationDraftForm, CommentForm, InviteForm, SubmitForm
from sociallab.models import Application, CoApplicant, Comment
from sociallab.services import SocialLabError
from sociallab.services import applications as services
from sociallab.services.decisions import answer_offer

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    class HtmxHttpRequest(HttpRequest):
        """A request that passed django-htmx's middleware (see house.settings)."""

        htmx: HtmxDetails


STEPS = (
    ("draft", _("Draft")),
    ("submitted", _("Submitted")),
    ("decided", _("Decision")),
    ("confirmed", _("Place confirmed")),
)


def _application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(
        Application.objects.visible_to(request.user).select_related("call", "form", "applicant"),
        pk=pk,
    )


def _step(application: Application) -> int:
    status = application.status
    if status == Application.Status.DRAFT:
        return 0
    if status in (Application.Status.SUBMITTED, Application.Status.WITHDRAWN):
        return 1
    if status in (Application.Status.CONFIRMED,):
        return 3
    return 2


@login_required
@require_http_methods(["GET"])
def my_applications(request: HttpRequest) -> HttpResponse:
    applications = list(
        Application.objects.of_person(request.user).select_related("call").order_by("-created_at")
    )
    # Someone who confirmed a new account in another browser finds the invitation here.
    invitations = list(
        CoApplicant.objects.open()
        .for_confirmed_addresses_of(request.user)
        .exclude(application__applicant=cast(User, request.user))
        .select_related("application__call")
    )
    return render(
        request,
        "sociallab/application_list.html",
        {"applications": applications, "invitations": invitations},
    )


@login_required
@require_http_methods(["GET"])
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not request.user.has_perm("sociallab.view_application", application):
        raise PermissionDenied
    is_applicant = request.user.has_perm("sociallab.comment_application", application) and (
        application.applicant_id == request.user.pk
        or application.co_applicants.filter(user=cast(User, request.user)).exists()
    )
    thread = application.comments.filter(audience=Comment.Audience.APPLICANT).select_related(
        "author"
    )
    feedback = []
    if application.released_at:
        feedback = [
            r.comment_for_applicant
            for r in application.reviews.counted()
            if r.comment_for_applicant
        ]
    history = [
        (entry, describe(entry))
        for entry in ActivityLog.objects.for_object(application).exclude(
            action_type__in=["sociallab.application.decided", "sociallab.application.redecided"]
        )
    ]
    return render(
        request,
        "sociallab/application_detail.html",
        {
            "application": application,
            "is_applicant": is_applicant,
            "steps": STEPS,
            "step": _step(application),
            "thread": thread,
            "comment_form": CommentForm(),
            "submit_form": SubmitForm(),
            "invite_form": InviteForm(),
            "co_applicants": application.co_applicants.select_related("user"),
            "feedback": feedback,
            "history": history,
            "answers": application.answer_list(),
            "missing": services.missing_answers(application) if application.is_draft else [],
            "can_submit": request.user.has_perm("sociallab.submit_application", application),
            "can_answer": application.action_required
            and request.user.has_perm("sociallab.answer_offer", application),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request: HtmxHttpRequest, pk: int) -> HttpResponse:  # noqa: PLR0911 - htmx and plain posts answer differently  # noqa: PLR0911 - htmx and plain answers
    application = _application(request, pk)
    if not request.user.has_perm("sociallab.change_application", application):
        if application.is_draft:
            raise PermissionDenied
        messages.info(request, _("This application was submitted and can no longer be changed."))
        return redirect(application)
    current_form = application.call.current_form()
    questions = current_form.questions if current_form else []
    if request.method == "POST":
        form = ApplicationDraftForm(request.POST, questions=questions)
        try:
            application, errors = services.save_draft(
                application=application,
                actor=cast(User, request.user),
                title=request.POST.get("title", ""),
                answers=form.raw_answers(),
            )
        except SocialLabError as exc:
            if request.htmx:
                return render(request, "sociallab/_autosave_status.html", {"error": exc.message})
            messages.error(request, exc.message)
            return redirect(application)
        if request.htmx:
            return render(
                request,
                "sociallab/_autosave_status.html",
                {"application": application, "errors": errors},
            )
        for key, message in errors.items():
            form.add_error(f"q_{key}", message)
        if not errors:
            messages.success(request, _("Your draft is saved."))
            if "to_overview" in request.POST:
                return redirect(application)
            return redirect("sociallab:application_edit", application.pk)
    else:
        form = ApplicationDraftForm(
            initial=ApplicationDraftForm.initial_for(application), questions=questions
        )
    sections = [
        ("self_assessment", _("Self-assessment")),
        ("questions", _("Your idea")),
    ]
    grouped = [
        (
            label,
            [form[f"q_{q['key']}"] for q in questions if q.get("section", "questions") == key],
        )
        for key, label in sections
    ]
    return render(
        request,
        "sociallab/application_form.html",
        {"application": application, "form": form, "grouped": grouped},
    )


def _act_on_application(
    request: HttpRequest,
    pk: int,
    *,
    permission: str,
    act: Callable[[Application, User], object],
    done: str,
) -> Application:
    """One founder's action on an application from its page: allowed by ``permission``,
    done by the service in ``act``, and said in a message either way."""
    application = _application(request, pk)
    if not request.user.has_perm(permission, application):
        raise PermissionDenied
    try:
        act(application, cast(User, request.user))
    except SocialLabError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return application


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    consent = request.POST.get("consent") == "on"
    application = _act_on_application(
        request,
        pk,
        permission="sociallab.submit_application",
        act=lambda application, user: services.submit_application(
            application=application, actor=user, consent=consent
        ),
        done=_("Your application is submitted. We will let you know."),
    )
    return redirect(application)


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = _act_on_application(
        request,
        pk,
        permission="sociallab.withdraw_application",
        act=lambda application, user: services.withdraw_application(
            application=application, actor=user
        ),
        done=_("Your application is withdrawn."),
    )
    return redirect(application)


@login_required
@require_POST
def application_invite(request: HttpRequest, pk: int) -> HttpResponse:
    email = request.POST.get("email", "")
    application = _act_on_application(
        request,
        pk,
        permission="sociallab.submit_application",
        act=lambda application, user: services.invite_co_applicant(
            application=application, actor=user, email=email
        ),
        done=_("The invitation is on its way."),
    )
    return redirect(application)


@login_required
@require_POST
def application_comment(request: HttpRequest, pk: int) -> HttpResponse:
    body = request.POST.get("body", "")
    audience = request.POST.get("audience") or Comment.Audience.APPLICANT
    application = _act_on_application(
        request,
        pk,
        permission="sociallab.comment_application",
        act=lambda application, user: services.post_comment(
            application=application, author=user, body=body, audience=audience
        ),
        done=_("Your message is sent."),
    )
    if request.POST.get("next") == "staff":
        return redirect("sociallab:staff_application", application.pk)
    return redirect(application)


@login_required
@require_POST
def application_keep(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if application.applicant_id != request.user.pk:
        raise PermissionDenied
    keep = request.POST.get("keep") == "on"
    services.set_keep_after_rejection(application=application, actor=request.user, keep=keep)
    messages.success(
        request,
        _("Your application will be kept for later calls.")
        if keep
        else _("Your application will be deleted after the period stated in the call."),
    )
    return redirect(application)


@login_required
@require_POST
def application_answer(request: HttpRequest, pk: int) -> HttpResponse:
    application = _application(request, pk)
    if not request.user.has_perm("sociallab.answer_offer", application):
        raise PermissionDenied
    accept = request.POST.get("answer") == "accept"
    try:
        answer_offer(application=application, actor=cast(User, request.user), accept=accept)
    except SocialLabError as exc:
        messages.error(request, exc.message)
        return redirect(application)
    if accept:
        messages.success(request, _("Welcome to the Social Lab! Your venture has started."))
        return redirect(application.venture)
    messages.info(request, _("You declined the place. Thank you for telling us."))
    return redirect(application)


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail. Visitors not signed in sign in, or create an
    account with the invited address filled in, and come back here."""
    invitation = get_object_or_404(
        CoApplicant.objects.select_related("application__call"), token=token
    )
    if not request.user.is_authenticated:
        return render(request, "sociallab/join.html", {"invitation": invitation})
    if request.method == "POST":
        try:
            application = services.join_as_co_applicant(token=token, user=cast(User, request.user))
        except SocialLabError as exc:
            messages.error(request, exc.message)
            return redirect(invitation)
        messages.success(request, _("You are now a co-applicant."))
        return redirect(application)
    return render(
        request,
        "sociallab/join.html",
        {
            "invitation": invitation,
            "joined": invitation.user_id == request.user.pk,
        },
    )
