"""Who sits at a meeting, who came, and who declared a conflict of interest."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.governance.models.committees import Membership

from .agenda import AgendaItem, Meeting


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
