"""Votes, decisions without a meeting, the register of resolutions and follow-up actions.

A secret ballot is never linkable to its voter: who voted is kept in
:class:`VoteEntitlement` (without time or choice), the choice in
:class:`Ballot` (without voter, time or an ordered key). Entitlements are
frozen when a vote opens; later membership changes do not alter them.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .committees import Committee, Membership
from .meetings import AgendaItem, Meeting

if TYPE_CHECKING:
    from .committees import AnyUser


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


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def visible_to(self, user: AnyUser) -> ResolutionQuerySet:
        return self.filter(
            Q(committee__in=Committee.objects.visible_to(user))
            | Q(pk__in=self.model.objects.published())
        )

    def published(self) -> ResolutionQuerySet:
        return self.filter(
            published=True, public=True, committee__is_public=True, committee__deleted=False
        )

    def search(self, text: str) -> ResolutionQuerySet:
        text = text.strip()
        if not text:
            return self
        condition = Q(title__icontains=text) | Q(text__icontains=text)
        if "/" in text:
            year, _sep, number = text.partition("/")
            if year.isdigit() and number.isdigit():
                condition |= Q(year=int(year), number=int(number))
        return self.filter(condition)


class Resolution(models.Model):
    """An entry in the committee's register of resolutions: numbered without gaps per year."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="resolutions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text"))
    outcome = models.CharField(_("result"), max_length=8, choices=Outcome.choices)
    yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    no = models.PositiveSmallIntegerField(_("no"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    decided_on = models.DateField(_("date"))
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions"
    )
    vote = models.OneToOneField(
        Vote, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolution"
    )
    circular = models.OneToOneField(
        CircularDecision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolution",
    )
    public = models.BooleanField(_("public"), default=True)
    published = models.BooleanField(_("published"), default=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ("-year", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("committee", "year", "number"), name="governance_resolution_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="governance_resolution_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.year}/{self.number}"


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status=Action.Status.OPEN)

    def visible_to(self, user: AnyUser) -> ActionQuerySet:
        return self.filter(committee__in=Committee.objects.visible_to(user))


class Action(models.Model):
    """A follow-up of a resolution: owner, due date, status. Open actions return to the agenda."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="actions")
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("what is to be done"), max_length=250)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_actions",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return self.title
