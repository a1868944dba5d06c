"""Meetings of a committee and the items on their agenda."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.governance.models.committees import Committee

if TYPE_CHECKING:
    from house.governance.models.committees import AnyUser


def _uid() -> str:
    return secrets.token_hex(12)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def active(self) -> MeetingQuerySet:
        return self.filter(deleted=False)

    def upcoming(self) -> MeetingQuerySet:
        return (
            self.active()
            .exclude(state=Meeting.State.CANCELLED)
            .filter(end__gte=timezone.now())
            .order_by("start")
        )

    def past(self) -> MeetingQuerySet:
        return self.active().filter(end__lt=timezone.now()).order_by("-start")

    def public(self) -> MeetingQuerySet:
        return self.active().filter(committee__is_public=True, committee__deleted=False)

    def visible_to(self, user: AnyUser) -> MeetingQuerySet:
        return self.active().filter(committee__in=Committee.objects.visible_to(user))


class Meeting(models.Model):
    """One meeting of a committee (OParl ``Meeting``)."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        INVITED = "invited", _("Invited")
        RUNNING = "running", _("In progress")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="meetings"
    )
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(
        "rooms.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_meetings",
    )
    booking = models.OneToOneField(
        "rooms.Booking",
        verbose_name=_("room booking"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_meeting",
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PLANNED
    )
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("repeat of the meeting without quorum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="repeats",
    )
    invitation_sent_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    invitation_late = models.BooleanField(_("invited later than the notice period"), default=False)
    late_reason = models.TextField(_("reason for the short notice"), blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minute_taker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minute-taker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("opened"), null=True, blank=True)
    ended_at = models.DateTimeField(_("closed"), null=True, blank=True)
    had_quorum = models.BooleanField(_("had a quorum"), null=True, blank=True)
    uid = models.CharField(max_length=32, default=_uid, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ("-start",)
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="governance_meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_repeat(self) -> bool:
        return self.repeat_of_id is not None

    @property
    def quorum_regardless(self) -> bool:
        """A repeat meeting decides with whoever comes, where the rules say so."""
        return self.is_repeat and self.committee.repeat_meeting_has_quorum

    def place(self) -> str:
        return self.room.name if self.room_id and self.room else self.location


class AgendaItemQuerySet(models.QuerySet["AgendaItem"]):
    def public(self) -> AgendaItemQuerySet:
        """Public items of public, not deleted meetings and committees: what anyone may see."""
        return self.filter(
            public=True,
            deleted=False,
            meeting__deleted=False,
            meeting__committee__is_public=True,
            meeting__committee__deleted=False,
        )

    def visible_to(self, user: AnyUser) -> AgendaItemQuerySet:
        return self.filter(deleted=False, meeting__in=Meeting.objects.visible_to(user))


class AgendaItem(models.Model):
    """One item of a meeting's agenda (OParl ``AgendaItem``)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    public = models.BooleanField(
        _("public"), default=True, help_text=_("Closed items never appear on public pages.")
    )
    proposal = models.TextField(_("proposed resolution"), blank=True)
    result = models.CharField(_("result"), max_length=250, blank=True)
    resolution_text = models.TextField(_("resolution text"), blank=True)
    carried_action = models.ForeignKey(
        "governance.Action",
        verbose_name=_("follow-up action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    from_circular = models.ForeignKey(
        "governance.CircularDecision",
        verbose_name=_("decision without a meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    approves_minutes = models.ForeignKey(
        "governance.Minutes",
        verbose_name=_("minutes to approve"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="approval_items",
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ("meeting", "position")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "position"), name="governance_agenda_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"
