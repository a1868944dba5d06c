"""The frame of the programme: categories, its settings and series of events."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    pass


class Category(models.TextChoices):
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health")
    CULTURE = "culture", _("Culture and leisure")
    COUNSELLING = "counselling", _("Counselling")
    CONFERENCE = "conference", _("Conference")
    NETWORK = "network", _("Network meeting")
    CAFE = "cafe", _("Café")


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class ProgrammeSettings(models.Model):
    """House-wide switches of the programme; there is one row (pk=1)."""

    review_required = models.BooleanField(
        _("review events of organisations before publishing"),
        default=False,
        help_text=_("When on, house management approves tenants' events before they go public."),
    )

    class Meta:
        verbose_name = _("programme settings")
        verbose_name_plural = _("programme settings")

    def __str__(self) -> str:
        return str(_("Programme settings"))

    @classmethod
    def current(cls) -> ProgrammeSettings:
        return cls.objects.get_or_create(pk=1)[0]


class EventSeries(models.Model):
    """A regular offer (the weekly café): an RRULE in Europe/Berlin wall-clock time.

    Its dates are stored as :class:`Event` rows, so each date can be cancelled,
    moved or given its own capacity; ``exceptions`` are dates left out.
    """

    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_series",
    )
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(
        _("recurrence rule"),
        max_length=300,
        help_text=_("An iCalendar RRULE, e.g. FREQ=WEEKLY;BYDAY=WE;COUNT=12."),
    )
    first_start = models.DateTimeField(_("first date"))
    duration = models.DurationField(_("duration"))
    exceptions = models.JSONField(_("dates left out"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
