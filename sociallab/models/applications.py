"""Applications to a call, their co-applicants and the two comment threads."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sociallab.models.calls import Call, FormVersion


def _token() -> str:
    return secrets.token_urlsafe(24)


#: How long an invitation to apply together can be accepted.
INVITATION_DAYS = 14


def _invitation_expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=INVITATION_DAYS)


class ApplicationQuerySet(models.QuerySet["Application"]):
    def of_person(self, user: Any) -> ApplicationQuerySet:
        """Applications ``user`` applies for, alone or as an accepted co-applicant."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(applicant=user)
            | Q(co_applicants__user=user, co_applicants__accepted_at__isnull=False)
        ).distinct()

    def visible_to(self, user: Any) -> ApplicationQuerySet:
        """Staff see every application; founders their own. Reviewers read applications
        through :meth:`sociallab.models.Review` pages, never through this method."""
        from house.permissions import has_role
        from house.roles import Role

        if has_role(user, Role.SOCIAL_LAB_STAFF):
            return self.all()
        return self.of_person(user)

    def submitted(self) -> ApplicationQuerySet:
        return self.exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])


class Application(models.Model):
    """A founder's application to a call: a draft until submitted, then frozen.

    The staff's decision is *held* (``decision``) until the call's decisions are
    released together; only then does ``status`` change and the applicant learn it.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, in review")
        ACCEPTED = "accepted", _("Accepted: please confirm")
        REJECTED = "rejected", _("Not accepted")
        CONFIRMED = "confirmed", _("Place confirmed")
        DECLINED = "declined", _("Place declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Decision(models.TextChoices):
        # With a context: other areas translate a bare "Accept" differently.
        ACCEPT = "accept", pgettext_lazy("decision on an application", "Accept")
        REJECT = "reject", pgettext_lazy("decision on an application", "Reject")

    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="applications")
    form = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_applications"
    )
    title = models.CharField(_("name of the idea"), max_length=200)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    consent_at = models.DateTimeField(_("consent to processing"), null=True, blank=True)
    keep_after_rejection = models.BooleanField(
        _("may be kept after a rejection"),
        default=False,
        help_text=_("The applicant agreed that the application may be kept for later calls."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    #: Staff-written copies for anonymous review: key → text without names.
    redacted_title = models.CharField(_("title for anonymous review"), max_length=200, blank=True)
    redacted_answers = models.JSONField(_("answers for anonymous review"), default=dict, blank=True)
    decision = models.CharField(
        _("decision (held)"), max_length=8, choices=Decision.choices, blank=True
    )
    decision_message = models.TextField(_("message to the applicant"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    released_at = models.DateTimeField(_("decision released"), null=True, blank=True)
    decision_email = models.ForeignKey(
        "house.OutboxEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirm_by = models.DateField(_("confirm by"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "applicant"], name="sociallab_one_application_per_call"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="sociallab_application_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=Q(released_at__isnull=True) | ~Q(decision=""),
                name="sociallab_released_has_decision",
            ),
        ]
        indexes = [models.Index(fields=["status", "released_at"], name="sociallab_app_status_idx")]

    def __str__(self) -> str:
        return self.title or str(_("Untitled application"))

    def get_absolute_url(self) -> str:
        return reverse("sociallab:application", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def action_required(self) -> bool:
        """The founder must answer: a place was offered and is not confirmed yet."""
        return self.status == self.Status.ACCEPTED and self.confirmed_at is None

    def answer_list(self, *, redacted: bool = False) -> list[tuple[dict[str, Any], Any]]:
        """(question, answer) pairs of the form version this application answers."""
        source = self.redacted_answers if redacted else self.answers
        return [(q, source.get(q["key"], "")) for q in self.form.questions]

    def rejected_expires_on(self) -> dt.date | None:
        if self.status != self.Status.REJECTED or self.keep_after_rejection or not self.released_at:
            return None
        return (self.released_at + dt.timedelta(days=self.call.retention_days)).date()


class CoApplicantQuerySet(models.QuerySet["CoApplicant"]):
    def open(self) -> CoApplicantQuerySet:
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())

    def for_confirmed_addresses_of(self, user: Any) -> CoApplicantQuerySet:
        """Invitations sent to an address ``user`` has confirmed (in any case)."""
        from allauth.account.models import EmailAddress

        addresses = (
            EmailAddress.objects.filter(user=user, verified=True)
            .annotate(lower=Lower("email"))
            .values("lower")
        )
        return self.filter(email__in=addresses)


class CoApplicant(models.Model):
    """A person invited by e-mail to apply together. The link in the e-mail joins, once and
    before it expires, the account that has confirmed the invited address."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="co_applicants"
    )
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sociallab_co_applications",
    )
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(
        pgettext_lazy("co-applicant", "joined"), null=True, blank=True
    )

    objects = CoApplicantQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-applicant")
        verbose_name_plural = _("co-applicants")
        ordering = ["invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "email"], name="sociallab_coapplicant_unique"
            )
        ]

    def __str__(self) -> str:
        return self.email

    def get_absolute_url(self) -> str:
        return reverse("sociallab:join", args=[self.token])

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class Comment(models.Model):
    """A message on an application: to and from the applicant, or among staff only."""

    class Audience(models.TextChoices):
        APPLICANT = "applicant", _("Thread with the applicant")
        STAFF = "staff", _("Staff only")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    audience = models.CharField(_("visible to"), max_length=10, choices=Audience.choices)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:50]
