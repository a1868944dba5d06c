"""Votes in a meeting: who may vote, delegated votes, and the secret or open ballots."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.governance.models.committees import Membership
from house.governance.models.meetings import AgendaItem, Meeting


class Choice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class Outcome(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


class Vote(models.Model):
    """A vote on an agenda item during a meeting."""

    class Visibility(models.TextChoices):
        NAMED = "named", _("Named (each member's choice is recorded in the minutes)")
        OPEN = "open", _("Open (counted openly, only the totals are recorded)")
        SECRET = "secret", _("Secret (nobody can link a ballot to its voter)")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="votes"
    )
    question = models.TextField(_("motion"))
    visibility = models.CharField(
        _("kind of vote"), max_length=8, choices=Visibility.choices, default=Visibility.OPEN
    )
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    deadline = models.DateTimeField(_("closes at"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    no = models.PositiveSmallIntegerField(_("no"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    entitled_count = models.PositiveSmallIntegerField(_("entitled to vote"), default=0)
    outcome = models.CharField(_("result"), max_length=8, choices=Outcome.choices, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ("agenda_item", "opened_at")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gt=models.F("opened_at")),
                name="governance_vote_deadline_after_open",
            ),
        ]

    def __str__(self) -> str:
        return self.question[:60]

    def accepts_ballots(self, now=None) -> bool:
        now = now or timezone.now()
        return self.state == self.State.OPEN and now < self.deadline


class VoteEntitlement(models.Model):
    """Who may vote in a vote, frozen when it opens, and whether they have voted.

    Holds no time and no choice, so that it cannot be joined to a secret ballot.
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="entitlements")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vote_entitlements"
    )
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="+")
    as_deputy = models.BooleanField(default=False)
    # Casts the ballot of this seat in place of the member, who then cannot vote.
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vote_delegations_held",
    )
    has_voted = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("entitlement to vote")
        verbose_name_plural = _("entitlements to vote")
        constraints = [
            models.UniqueConstraint(
                fields=("vote", "person"), name="governance_entitlement_once_per_vote"
            ),
            models.UniqueConstraint(
                fields=("vote", "membership"), name="governance_entitlement_once_per_seat"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.vote_id}"


class DelegationQuerySet(models.QuerySet["Delegation"]):
    def for_meeting(self, meeting: Meeting) -> DelegationQuerySet:
        return self.filter(meeting=meeting)


class Delegation(models.Model):
    """A voting member lets another member cast their vote, for one meeting or one vote.

    A delegation for a meeting applies to every vote opened in it while the delegation
    stands; one for a vote applies to that vote only. The delegate casts at most one
    ballot per delegator; the frozen list of the vote names the delegate. The delegation
    never counts anyone twice for the quorum: only people in the room count.
    """

    membership = models.ForeignKey(
        Membership,
        verbose_name=_("delegating member"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="vote_delegations_received",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    vote = models.ForeignKey(
        Vote,
        verbose_name=_("vote"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("vote delegation")
        verbose_name_plural = _("vote delegations")
        constraints = [
            models.CheckConstraint(
                condition=Q(meeting__isnull=False, vote__isnull=True)
                | Q(meeting__isnull=True, vote__isnull=False),
                name="governance_delegation_for_a_meeting_or_a_vote",
            ),
            models.UniqueConstraint(
                fields=("membership", "meeting"),
                condition=Q(meeting__isnull=False),
                name="governance_delegation_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=("membership", "vote"),
                condition=Q(vote__isnull=False),
                name="governance_delegation_once_per_vote",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} -> {self.delegate_id}"


class Ballot(models.Model):
    """One ballot. ``voter`` is set for named and open votes and always empty in a secret one.

    The key is random (no order to compare with anything) and there is no time stamp.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=8, choices=Choice.choices)
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=("vote", "voter"),
                condition=Q(voter__isnull=False),
                name="governance_ballot_once_per_named_voter",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Ballot"))
