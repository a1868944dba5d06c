"""Minutes: drafted from the meeting, corrected by attendees, approved, published.

Approved minutes are never edited: later corrections are :class:`Corrigendum`
rows. Only entries of public agenda items are published.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .committees import Committee
from .meetings import AgendaItem, Meeting

if TYPE_CHECKING:
    from .committees import AnyUser


class MinutesQuerySet(models.QuerySet["Minutes"]):
    def published(self) -> MinutesQuerySet:
        return self.filter(
            state=Minutes.State.PUBLISHED,
            meeting__deleted=False,
            meeting__committee__is_public=True,
            meeting__committee__deleted=False,
        )

    def visible_to(self, user: AnyUser) -> MinutesQuerySet:
        internal = Q(meeting__committee__in=Committee.objects.visible_to(user))
        return self.filter(internal | Q(pk__in=self.model.objects.published()))


class Minutes(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CIRCULATED = "circulated", _("Circulated for corrections")
        APPROVED = "approved", _("Approved")
        PUBLISHED = "published", _("Published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    attendance_text = models.TextField(_("attendance"), blank=True)
    chair_name = models.CharField(_("chair"), max_length=150, blank=True)
    minute_taker_name = models.CharField(_("minute-taker"), max_length=150, blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    corrections_until = models.DateField(_("corrections until"), null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_in = models.ForeignKey(
        Meeting,
        verbose_name=_("approved in the meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approved_minutes",
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        ordering = ("-meeting__start",)

    def __str__(self) -> str:
        return str(_("Minutes of %(meeting)s") % {"meeting": self.meeting})

    @property
    def is_final(self) -> bool:
        return self.state in (self.State.APPROVED, self.State.PUBLISHED)


class MinutesEntry(models.Model):
    """The minutes of one agenda item: the discussion and the results of its votes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="minutes_entries"
    )
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=250)
    text = models.TextField(_("text"), blank=True)
    public = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("minutes entry")
        verbose_name_plural = _("minutes entries")
        ordering = ("minutes", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("minutes", "position"), name="governance_minutes_entry_position"
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class MinutesCorrection(models.Model):
    """An attendee's correction to circulated minutes, accepted or declined by the minute-taker."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrections")
    entry = models.ForeignKey(
        MinutesEntry, null=True, blank=True, on_delete=models.SET_NULL, related_name="corrections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="minutes_corrections",
    )
    text = models.TextField(_("correction"))
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ("created",)

    def __str__(self) -> str:
        return self.text[:60]


class Corrigendum(models.Model):
    """A correction added to approved minutes; the minutes themselves stay as approved."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="corrigenda")
    text = models.TextField(_("corrigendum"))
    public = models.BooleanField(_("public"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("corrigendum")
        verbose_name_plural = _("corrigenda")
        ordering = ("created",)

    def __str__(self) -> str:
        return self.text[:60]
