"""Meetings, their agenda, attendance and papers.

Agenda items and papers are public or closed. Closed items never appear on
public pages, in feeds or in the open data interface: every public read goes
through ``public()`` querysets, which also require the committee to be public.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.permissions import has_role
from house.roles import Role

from .committees import Committee, Membership

if TYPE_CHECKING:
    from .committees import AnyUser


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


class Attendance(models.Model):
    """A seat at one meeting: invited, apologised, present or absent, and its deputy.

    The member's personal deputy is invited when the member sends apologies and
    counts for the quorum only while the member is not present.
    """

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        APOLOGISED = "apologised", _("Sent apologies")
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    membership = models.ForeignKey(
        Membership,
        verbose_name=_("membership"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INVITED
    )
    apology_note = models.CharField(_("note with the apologies"), max_length=300, blank=True)
    apologised_at = models.DateTimeField(null=True, blank=True)
    deputy_invited = models.BooleanField(_("deputy invited"), default=False)
    deputy_present = models.BooleanField(_("deputy present"), default=False)
    modified = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=("meeting", "membership"), name="governance_attendance_one_per_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.meeting_id}"

    @property
    def seat_taken(self) -> bool:
        """The seat is filled: by the member, or by the deputy while the member is absent."""
        if self.status == self.Status.PRESENT:
            return True
        return self.deputy_present and self.status in (self.Status.APOLOGISED, self.Status.ABSENT)

    @property
    def sitting_person_id(self) -> int | None:
        if self.status == self.Status.PRESENT:
            return self.membership.person_id
        if self.seat_taken:
            return self.membership.deputy_id
        return None


class ConflictOfInterest(models.Model):
    """A member declared a conflict of interest on an item: out of its vote and its quorum."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("agenda item"),
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("membership")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=("agenda_item", "membership"), name="governance_conflict_once_per_item"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.agenda_item_id}"


class PaperQuerySet(models.QuerySet["Paper"]):
    def public(self) -> PaperQuerySet:
        """Public papers of public committees; a paper on an item follows the item."""
        return self.filter(
            public=True,
            deleted=False,
            committee__is_public=True,
            committee__deleted=False,
        ).filter(
            Q(agenda_item__isnull=True)
            | Q(
                agenda_item__public=True,
                agenda_item__deleted=False,
                agenda_item__meeting__deleted=False,
            )
        )

    def visible_to(self, user: AnyUser) -> PaperQuerySet:
        if has_role(user, Role.HOUSE_MANAGEMENT):
            return self.filter(deleted=False)
        internal = Q(committee__in=Committee.objects.visible_to(user))
        return self.filter(deleted=False).filter(internal | Q(pk__in=self.model.objects.public()))


class Paper(models.Model):
    """A paper of the committee (a proposal, a report), versioned (OParl ``Paper``)."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="papers"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
    )
    title = models.CharField(_("title"), max_length=250)
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    public = models.BooleanField(_("public"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)

    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ("-created",)

    def __str__(self) -> str:
        return self.title

    def latest_version(self) -> PaperVersion | None:
        versions = getattr(self, "prefetched_versions", None)
        if versions is not None:
            return versions[0] if versions else None
        return self.versions.order_by("-number").first()


def _paper_path(instance: PaperVersion, filename: str) -> str:
    return f"governance/papers/{instance.paper_id}/{secrets.token_hex(8)}/{filename}"


class PaperVersion(models.Model):
    """One uploaded version of a paper's file (OParl ``File``); versions are never replaced."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_paper_path)
    file_name = models.CharField(_("file name"), max_length=200)
    mime_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=250, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("paper version")
        verbose_name_plural = _("paper versions")
        ordering = ("paper", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("paper", "number"), name="governance_paper_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper} v{self.number}"
