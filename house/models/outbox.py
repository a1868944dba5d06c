"""The e-mail outbox: every e-mail is a row written with the change it reports."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class OutboxEmailQuerySet(models.QuerySet["OutboxEmail"]):
    def due(self, now: dt.datetime | None = None) -> OutboxEmailQuerySet:
        return self.filter(
            status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now or timezone.now()
        )

    def for_ref(self, ref: str) -> OutboxEmailQuerySet:
        return self.filter(ref=ref).order_by("-created_at")

    def past_retention(self, cutoff: dt.datetime) -> OutboxEmailQuerySet:
        """Sent or failed e-mails finished before ``cutoff`` whose content is still stored."""
        finished = models.Q(status=OutboxEmail.Status.SENT, sent_at__lt=cutoff) | models.Q(
            status=OutboxEmail.Status.FAILED, created_at__lt=cutoff
        )
        return self.filter(finished, purged_at__isnull=True)


class OutboxEmail(models.Model):
    """An e-mail written in the same transaction as the change it reports.

    A task sends it after commit; the row's status makes sending idempotent
    (the claim is a conditional UPDATE), and a periodic sweeper picks up what
    a lost broker message or a killed worker left behind.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    ref = models.CharField(
        _("refers to"), max_length=100, blank=True, help_text=_("For example rooms.booking:42.")
    )
    kind = models.CharField(_("kind"), max_length=50, blank=True)
    to = models.JSONField(_("recipients"), default=list)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    #: The subject in every language of the portal, so that staff read what an e-mail
    #: was about in their own language (the e-mail itself went out in ``language``).
    subjects = models.JSONField(_("subject per language"), default=dict, blank=True)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    claimed_at = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    #: When body, HTML, attachments and reply-to were erased and the recipients
    #: replaced by hashes (retention period over, registration anonymised, account
    #: deleted). Message-ID, status and times stay.
    purged_at = models.DateTimeField(_("content erased"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("triggered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due_idx"),
            models.Index(fields=["ref", "-created_at"], name="outbox_ref_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {', '.join(self.to)}"

    @property
    def reader_subject(self) -> str:
        """The subject in the reader's (active) language, as sent when it was not kept so."""
        language = (translation.get_language() or "").split("-")[0]
        return str(self.subjects.get(language) or self.subject)
