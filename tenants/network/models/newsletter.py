"""The network's newsletter: double opt-in subscribers, issues, one delivery per recipient."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    """An address that asked for the newsletter, with the proof of its consent.

    The proof is what was agreed to (``consent_text``, as shown), when it was
    asked for, and when the confirmation link sent to the address was used.
    No tracking: nothing records opens or clicks.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8, default="de")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    consent_text = models.TextField(_("consent given"), editable=False)
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="network_subscriptions",
    )

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="confirmed") | Q(confirmed_at__isnull=False),
                name="network_subscriber_confirmed_has_time",
            )
        ]

    def __str__(self) -> str:
        return self.email

    def confirm_url(self) -> str:
        return settings.SITE_URL + reverse("network:newsletter_confirm", args=[self.token])

    def unsubscribe_url(self) -> str:
        return settings.SITE_URL + reverse("network:newsletter_unsubscribe", args=[self.token])


class Newsletter(models.Model):
    """One issue: drafted from the period's news, edited and sent by the coordination."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=20000)
    period_start = models.DateField(_("news from"))
    period_end = models.DateField(_("news until"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("drafted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("drafted"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="network_newsletter_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.subject


class NewsletterDelivery(models.Model):
    """One recipient of one issue: queued into the outbox once, batch by batch."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    queued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscriber"], name="network_delivery_once_per_subscriber"
            )
        ]
        indexes = [
            models.Index(fields=["newsletter", "queued_at"], name="network_delivery_pending")
        ]

    def __str__(self) -> str:
        return f"{self.newsletter_id} → {self.subscriber_id}"
