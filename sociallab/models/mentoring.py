"""Mentoring: mentors per venture with an hour budget, free times, sessions and their notes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sociallab.models.ventures import Venture


class MentorAssignment(models.Model):
    venture = models.ForeignKey(
        Venture, on_delete=models.CASCADE, related_name="mentor_assignments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_mentorships"
    )
    hour_budget = models.DecimalField(
        _("hour budget"), max_digits=5, decimal_places=1, default=Decimal("10.0")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("mentor of a venture")
        verbose_name_plural = _("mentors of ventures")
        constraints = [
            models.UniqueConstraint(fields=["venture", "mentor"], name="sociallab_mentor_once"),
            models.CheckConstraint(
                condition=Q(hour_budget__gte=0), name="sociallab_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} – {self.venture}"


class MentorSlotQuerySet(models.QuerySet["MentorSlot"]):
    def free(self) -> MentorSlotQuerySet:
        return self.filter(start__gt=timezone.now(), session__isnull=True)

    def for_venture(self, venture: Venture) -> MentorSlotQuerySet:
        return self.filter(mentor__sociallab_mentorships__venture=venture)


class MentorSlot(models.Model):
    """A free time a mentor offers; a founder books it as a session."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sociallab_slots"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        "rooms.Room",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("room in the house"),
        help_text=_("Leave empty for a call or a meeting elsewhere."),
    )
    location = models.CharField(_("where, if not in the house"), max_length=200, blank=True)

    objects = MentorSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("free time of a mentor")
        verbose_name_plural = _("free times of mentors")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="sociallab_slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} {self.start:%Y-%m-%d %H:%M}"


class SessionQuerySet(models.QuerySet["MentoringSession"]):
    def visible_to(self, user: Any) -> SessionQuerySet:
        return self.filter(venture__in=Venture.objects.visible_to(user))


class MentoringSession(models.Model):
    class Status(models.TextChoices):
        # With a context: the rooms' bookings say these words differently.
        BOOKED = "booked", pgettext_lazy("mentoring session", "Booked")
        HELD = "held", pgettext_lazy("mentoring session", "Held")
        CANCELLED = "cancelled", pgettext_lazy("mentoring session", "Cancelled")

    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="sessions")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="sociallab_sessions",
    )
    slot = models.OneToOneField(
        MentorSlot, null=True, blank=True, on_delete=models.SET_NULL, related_name="session"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    room_booking = models.ForeignKey(
        "rooms.Booking", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    location = models.CharField(_("where"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.BOOKED
    )
    shared_notes = models.TextField(_("shared notes"), blank=True)
    private_notes = models.TextField(
        _("private notes of the mentor"), blank=True, help_text=_("Only the mentor reads these.")
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="sociallab_session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.venture} {self.start:%Y-%m-%d}"

    @property
    def hours(self) -> Decimal:
        return Decimal((self.end - self.start).total_seconds() / 3600).quantize(Decimal("0.1"))


class ActionItem(models.Model):
    session = models.ForeignKey(
        MentoringSession, on_delete=models.CASCADE, related_name="action_items"
    )
    text = models.CharField(_("what to do"), max_length=300)
    due_on = models.DateField(pgettext_lazy("action item due", "by"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["done", "due_on", "pk"]

    def __str__(self) -> str:
        return self.text
