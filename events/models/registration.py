"""Registrations for an event, with their status, seats and personal link."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models.event import Event
from events.models.programme import _new_token

if TYPE_CHECKING:
    pass


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.Status.CONFIRMED)

    def pending(self) -> RegistrationQuerySet:
        """Registrations holding places until their registrant confirms them."""
        return self.filter(status=Registration.Status.PENDING)

    def overdue(self, now: dt.datetime | None = None) -> RegistrationQuerySet:
        """Holds whose time to confirm has run out: their places go to the waiting list."""
        return self.pending().filter(confirm_by__lte=now or timezone.now())

    def waiting(self) -> RegistrationQuerySet:
        """The waiting list in its fair order: first come, first served."""
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "pk")

    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A person (and the people they bring) registered for an event or waiting for places."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Places held, waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"), blank=True)
    seats = models.PositiveSmallIntegerField(_("places"), default=1)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    consent_at = models.DateTimeField(_("privacy consent given"), null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    language = models.CharField(_("language"), max_length=8, default="de")
    assisted = models.BooleanField(
        _("registered by staff"),
        default=False,
        help_text=_("Entered by the reception or the organiser for someone who called or came."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attended = models.BooleanField(_("attended"), default=False)
    anonymised = models.BooleanField(_("anonymised"), default=False)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    confirm_by = models.DateTimeField(
        _("to be confirmed by"),
        null=True,
        blank=True,
        help_text=_("Until then the places are held for a registration awaiting confirmation."),
    )
    hold_expired = models.BooleanField(
        _("not confirmed in time"),
        default=False,
        help_text=_("Cancelled because the registrant did not confirm before the deadline."),
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="registration_seats_positive"),
            models.CheckConstraint(
                condition=~Q(status="pending") | Q(confirm_by__isnull=False),
                name="registration_pending_has_deadline",
            ),
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="registration_one_per_email",
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status", "created_at"], name="registration_list_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.seats})"

    def get_absolute_url(self) -> str:
        return reverse("events:registration", kwargs={"token": self.token})

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def holds_places(self) -> bool:
        """Confirmed and pending registrations count against the capacity."""
        return self.status in (self.Status.CONFIRMED, self.Status.PENDING)

    @property
    def status_label(self) -> str:
        """The status as the registrant reads it (an expired hold is not "cancelled")."""
        if self.status == self.Status.CANCELLED and self.hold_expired:
            return str(_("Not confirmed in time"))
        return str(self.get_status_display())
