"""Founders' applications: drafts, co-applicants, the feedback thread, submission, retention."""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.models import ActivityLog
from house.permissions import has_role
from house.roles import Role
from house.services import queue_templated_email
from sociallab.models import Application, Call, CoApplicant, Comment, FormVersion
from sociallab.services import SocialLabError

if TYPE_CHECKING:
    from house.models import User

logger = logging.getLogger(__name__)

MAX_TEXT = 5000


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def start_application(*, call: Call, applicant: User) -> Application:
    """Open a draft for ``applicant`` (or return the one they already have for this call)."""
    existing = Application.objects.filter(call=call, applicant=applicant).first()
    if existing is not None:
        return existing
    if not call.is_open():
        raise SocialLabError(_("This call is not open for applications."))
    form = call.current_form()
    if form is None:
        raise SocialLabError(_("This call has no application form yet."))
    try:
        with transaction.atomic():
            application = Application.objects.create(call=call, form=form, applicant=applicant)
            log_activity(
                obj=application, action_type="sociallab.application.started", actor=applicant
            )
    except IntegrityError:
        # A second tab started the same draft a moment ago.
        return Application.objects.get(call=call, applicant=applicant)
    return application


def clean_answer(question: dict[str, Any], raw: Any) -> Any:
    """An answer in the shape the question asks for; raises ``ValidationError``."""
    kind = question["kind"]
    if raw is None or raw == "":
        return "" if kind in {"text", "textarea", "choice"} else None
    if kind == "yesno":
        if raw in (True, "yes", "true", "on", "1"):
            return True
        if raw in (False, "no", "false", "0"):
            return False
        raise ValidationError(_("Please answer yes or no."))
    if kind == "choice":
        if raw not in question.get("choices", []):
            raise ValidationError(_("Please choose one of the options."))
        return raw
    if kind == "number":
        try:
            return str(Decimal(str(raw).replace(",", ".")))
        except InvalidOperation as exc:
            raise ValidationError(_("Please enter a number.")) from exc
    text = str(raw).strip()
    limit = min(int(question.get("max_length", MAX_TEXT)), MAX_TEXT)
    if len(text) > limit:
        raise ValidationError(
            _("Please shorten this answer to %(limit)s characters.") % {"limit": limit}
        )
    return text


def save_draft(
    *, application: Application, actor: User, title: str, answers: dict[str, Any]
) -> tuple[Application, dict[str, str]]:
    """Save what the founder has typed so far. Returns the application and the errors per
    question key; valid answers are saved even when others are not (a draft is unfinished).

    A draft moves to the call's newest form version; answers to removed questions are kept
    aside in the answers dictionary (they never reach reviewers, who read the form's keys).
    """
    errors: dict[str, str] = {}
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if not locked.is_draft:
            raise SocialLabError(_("This application was submitted and can no longer be changed."))
        newest = locked.call.current_form()
        if newest is not None and newest.pk != locked.form_id:
            locked.form = newest
        merged = dict(locked.answers)
        for question in locked.form.questions:
            key = question["key"]
            if key not in answers:
                continue
            try:
                merged[key] = clean_answer(question, answers[key])
            except ValidationError as exc:
                errors[key] = exc.messages[0]
        locked.title = (title or "").strip()[:200]
        locked.answers = merged
        locked.save(update_fields=["title", "answers", "form", "updated_at"])
    return locked, errors


def missing_answers(application: Application) -> list[str]:
    return [
        q["key"]
        for q in application.form.questions
        if q.get("required") and application.answers.get(q["key"]) in (None, "")
    ]


def submit_application(*, application: Application, actor: User, consent: bool) -> Application:
    """Submit the draft: answers are frozen with the form version they answered.

    Refused (nothing changes) without consent, with unanswered required questions,
    with eligibility answers that rule the idea out, or after the call closed.
    """
    if not consent:
        raise SocialLabError(
            _("Please agree that the Social Lab may process your application."), field="consent"
        )
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call", "form")
            .get(pk=application.pk)
        )
        if not locked.is_draft:
            raise SocialLabError(_("This application was already submitted."))
        if not locked.call.is_open():
            raise SocialLabError(_("The call has closed; applications can no longer be submitted."))
        newest = locked.call.current_form()
        if newest is not None and newest.pk != locked.form_id:
            raise SocialLabError(
                _("The form of this call has changed. Please check your answers and save again.")
            )
        if not locked.title:
            raise SocialLabError(_("Please give your idea a name."), field="title")
        if missing_answers(locked):
            raise SocialLabError(_("Please answer every required question before submitting."))
        if not locked.form.is_eligible(locked.answers):
            raise SocialLabError(
                _(
                    "Your answers to the self-assessment show that this call is not meant for "
                    "your idea. Please ask the Social Lab team about other ways of support."
                )
            )
        now = timezone.now()
        locked.status = Application.Status.SUBMITTED
        locked.submitted_at = now
        locked.consent_at = now
        locked.save(update_fields=["status", "submitted_at", "consent_at", "updated_at"])
        log_activity(
            obj=locked,
            action_type="sociallab.application.submitted",
            actor=actor,
            data={"version": locked.form.version},
        )
        queue_templated_email(
            template="sociallab/email/application_submitted",
            context={"application": locked, "url": _site(locked.get_absolute_url())},
            to=[locked.applicant.email],
            language=locked.applicant.language,
            ref=f"sociallab.application:{locked.pk}",
            kind="sociallab.submitted",
        )
    return locked


def withdraw_application(*, application: Application, actor: User) -> Application:
    with transaction.atomic():
        updated = Application.objects.filter(
            pk=application.pk,
            status__in=[Application.Status.DRAFT, Application.Status.SUBMITTED],
            released_at__isnull=True,
        ).update(status=Application.Status.WITHDRAWN, submitted_at=timezone.now(), decision="")
        if not updated:
            raise SocialLabError(_("This application can no longer be withdrawn."))
        application.refresh_from_db()
        log_activity(obj=application, action_type="sociallab.application.withdrawn", actor=actor)
    return application


def set_keep_after_rejection(*, application: Application, actor: User, keep: bool) -> None:
    """The applicant agrees (or no longer agrees) that a rejected application may be kept."""
    with transaction.atomic():
        Application.objects.filter(pk=application.pk).update(keep_after_rejection=keep)
    application.keep_after_rejection = keep


def invite_co_applicant(*, application: Application, actor: User, email: str) -> CoApplicant:
    """Invite someone by e-mail to apply together. Inviting an address again whose
    invitation was not accepted sends a fresh link; the old one stops working."""
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise SocialLabError(_("Please enter a valid e-mail address."), field="email") from exc
    if email == application.applicant.email.lower():
        raise SocialLabError(_("You are already the applicant."), field="email")
    if not application.is_draft:
        raise SocialLabError(_("Co-applicants can be invited while the application is a draft."))
    try:
        with transaction.atomic():
            invitation = (
                CoApplicant.objects.select_for_update()
                .filter(application=application, email=email)
                .first()
            )
            if invitation is not None and invitation.accepted_at is not None:
                raise SocialLabError(_("This person is already a co-applicant."), field="email")
            if invitation is None:
                invitation = CoApplicant.objects.create(application=application, email=email)
            else:
                fresh = CoApplicant(application=application, email=email)
                invitation.token = fresh.token
                invitation.invited_at = fresh.invited_at
                invitation.expires_at = fresh.expires_at
                invitation.save(update_fields=["token", "invited_at", "expires_at"])
            log_activity(
                obj=application,
                action_type="sociallab.application.co_applicant_invited",
                actor=actor,
            )
            queue_templated_email(
                template="sociallab/email/co_applicant_invitation",
                context={
                    "application": application,
                    "inviter": actor.name or actor.email,
                    "url": _site(invitation.get_absolute_url()),
                    "expires_at": invitation.expires_at,
                    "email": email,
                },
                to=[email],
                ref=f"sociallab.application:{application.pk}",
                kind="sociallab.co_applicant",
            )
    except IntegrityError as exc:
        raise SocialLabError(_("This person is already invited."), field="email") from exc
    return invitation


def join_as_co_applicant(*, token: str, user: User) -> Application:
    """Join the application as co-applicant through the link of an invitation.

    The invitation joins one account, once, before it expires, and only an account
    that has confirmed the invited address (in any spelling of upper and lower case).
    """
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        invitation = (
            CoApplicant.objects.select_for_update()
            .select_related("application")
            .filter(token=token)
            .first()
        )
        if invitation is None:
            raise SocialLabError(_("This invitation is not valid (any more)."))
        if invitation.accepted_at is not None:
            if invitation.user_id == user.pk:
                return invitation.application
            raise SocialLabError(_("This invitation was already used by someone else."))
        if not invitation.is_open:
            raise SocialLabError(
                _("This invitation has expired. Please ask the applicant to invite you again.")
            )
        if invitation.application.applicant_id == user.pk:
            raise SocialLabError(_("You are already the applicant."))
        confirmed = EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
        if not confirmed:
            raise SocialLabError(
                _(
                    "This invitation was sent to %(email)s. Please sign in with that address, "
                    "or add and confirm it under your e-mail addresses, and open the link again."
                )
                % {"email": invitation.email}
            )
        invitation.user = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["user", "accepted_at"])
        log_activity(
            obj=invitation.application,
            action_type="sociallab.application.co_applicant_joined",
            actor=user,
        )
    return invitation.application


def post_comment(*, application: Application, author: User, body: str, audience: str) -> Comment:
    """Write on an application's thread. Applicants write only in the thread with them;
    a staff message there is announced to the applicant by e-mail."""
    body = (body or "").strip()
    if not body:
        raise SocialLabError(_("Please write a message."), field="body")
    if len(body) > MAX_TEXT:
        raise SocialLabError(_("Please keep the message under 5000 characters."), field="body")
    is_staff = has_role(author, Role.SOCIAL_LAB_STAFF)
    if audience not in Comment.Audience.values or (
        audience == Comment.Audience.STAFF and not is_staff
    ):
        audience = Comment.Audience.APPLICANT
    with transaction.atomic():
        comment = Comment.objects.create(
            application=application, author=author, body=body, audience=audience
        )
        if is_staff and audience == Comment.Audience.APPLICANT:
            queue_templated_email(
                template="sociallab/email/feedback",
                context={"application": application, "url": _site(application.get_absolute_url())},
                to=[application.applicant.email],
                language=application.applicant.language,
                ref=f"sociallab.application:{application.pk}",
                kind="sociallab.feedback",
            )
    return comment


def delete_expired_rejections(*, now: dt.datetime | None = None) -> int:
    """Delete rejected applications whose retention period ended, unless the applicant
    agreed to keep them; their history goes with them. Returns how many were deleted."""
    now = now or timezone.now()
    deleted = 0
    for call in Call.objects.filter(applications__status=Application.Status.REJECTED).distinct():
        expired = Application.objects.filter(
            call=call,
            status=Application.Status.REJECTED,
            keep_after_rejection=False,
            released_at__lt=now - dt.timedelta(days=call.retention_days),
        )
        ids = list(expired.values_list("pk", flat=True))
        if not ids:
            continue
        with transaction.atomic():
            ActivityLog.objects.for_objects(Application, ids).delete()
            Application.objects.filter(pk__in=ids).delete()
            deleted += len(ids)
    logger.info("Deleted %d expired rejected applications", deleted)
    return deleted


__all__ = [
    "FormVersion",
    "clean_answer",
    "delete_expired_rejections",
    "invite_co_applicant",
    "join_as_co_applicant",
    "missing_answers",
    "post_comment",
    "save_draft",
    "set_keep_after_rejection",
    "start_application",
    "submit_application",
    "withdraw_application",
]
