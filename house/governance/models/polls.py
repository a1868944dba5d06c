"""Date polls: finding the date of a meeting among a few candidate slots.

Each member answers yes, if need be or no per slot; the organiser sees who has
not answered yet, picks a slot, and the meeting is planned (its room booked
through the booking service) and invited to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .committees import Committee, Membership
from .meetings import Meeting

if TYPE_CHECKING:
    from .committees import AnyUser


class DatePollQuerySet(models.QuerySet["DatePoll"]):
    def open(self) -> DatePollQuerySet:
        return self.filter(state=DatePoll.State.OPEN)

    def visible_to(self, user: AnyUser) -> DatePollQuerySet:
        return self.filter(committee__in=Committee.objects.visible_to(user))


class DatePoll(models.Model):
    """A poll among candidate slots for one meeting of a committee."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Date fixed")
        CANCELLED = "cancelled", _("Cancelled")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="date_polls"
    )
    title = models.CharField(_("title of the meeting"), max_length=200)
    note = models.TextField(_("note to the members"), blank=True)
    room = models.ForeignKey(
        "rooms.Room",
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_date_polls",
    )
    location = models.CharField(_("place"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="date_poll",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True)

    objects = DatePollQuerySet.as_manager()

    class Meta:
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")
        ordering = ("-created",)

    def __str__(self) -> str:
        return self.title


class DatePollSlot(models.Model):
    """One candidate date and time of a date poll."""

    poll = models.ForeignKey(DatePoll, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))

    class Meta:
        verbose_name = _("candidate date")
        verbose_name_plural = _("candidate dates")
        ordering = ("start",)
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="governance_poll_slot_ends_after_start"
            ),
            models.UniqueConstraint(fields=("poll", "start"), name="governance_poll_slot_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.poll_id}: {self.start:%Y-%m-%d %H:%M}"


class DatePollAnswer(models.Model):
    """A member's answer for one slot: yes, if need be, or no."""

    class Answer(models.TextChoices):
        YES = "yes", _("Yes")
        MAYBE = "maybe", _("If need be")
        NO = "no", _("No")

    slot = models.ForeignKey(DatePollSlot, on_delete=models.CASCADE, related_name="answers")
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="date_poll_answers"
    )
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("answer to a date poll")
        verbose_name_plural = _("answers to date polls")
        constraints = [
            models.UniqueConstraint(
                fields=("slot", "membership"), name="governance_poll_answer_once_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.slot_id}: {self.answer}"
