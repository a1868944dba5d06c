"""Decisions without a meeting (circular resolutions) and the members' answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.governance.models.committees import Committee, Membership

if TYPE_CHECKING:
    from house.governance.models.committees import AnyUser
from .votes import Choice


class CircularDecisionQuerySet(models.QuerySet["CircularDecision"]):
    def visible_to(self, user: AnyUser) -> CircularDecisionQuerySet:
        return self.filter(committee__in=Committee.objects.visible_to(user))

    def open(self) -> CircularDecisionQuerySet:
        return self.filter(state=CircularDecision.State.OPEN)


class CircularDecision(models.Model):
    """A decision without a meeting (Umlaufbeschluss), answered in text form by every member.

    The members entitled to answer are frozen as :class:`CircularResponse` rows when it opens.
    No answer by the deadline counts as no.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ADOPTED = "adopted", _("Adopted")
        REJECTED = "rejected", _("Rejected")
        MOVED = "moved", _("Moved to a meeting")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="circulars"
    )
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("proposed resolution"))
    rule = models.CharField(
        _("rule"), max_length=16, choices=Committee.CircularRule.choices, editable=False
    )
    public = models.BooleanField(_("public once decided"), default=True)
    deadline = models.DateTimeField(_("answer by"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    meeting_demanded_by = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reminder_at = models.DateTimeField(null=True, blank=True)

    objects = CircularDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision without a meeting")
        verbose_name_plural = _("decisions without a meeting")
        ordering = ("-opened_at",)

    def __str__(self) -> str:
        return self.title


class CircularResponse(models.Model):
    """One member's answer to a decision without a meeting, in text form."""

    decision = models.ForeignKey(
        CircularDecision, on_delete=models.CASCADE, related_name="responses"
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="circular_responses"
    )
    choice = models.CharField(max_length=8, choices=Choice.choices, blank=True)
    statement = models.CharField(_("declaration in text form"), max_length=500, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=("decision", "membership"), name="governance_circular_response_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} @ {self.decision_id}"
