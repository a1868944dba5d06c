"""Vote delegation: a voting member lets another member of the committee cast their vote.

A delegation holds for a whole meeting (every vote opened while it stands) or for
one open vote. Only people in the room count for the quorum, so a delegation never
counts anyone twice; it only decides who casts the seat's ballot. There are no
chains: a member who delegated cannot receive delegations in the same meeting, and
the other way round. Delegations for a meeting are serialised with the opening of
votes by the meeting's agenda lock, delegations for a vote with its ballots by the
vote's lock (``house.locks``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import Delegation, Meeting, Membership, Vote, VoteEntitlement
from house.locks import lock

from .errors import GovernanceError
from .meetings import seats

if TYPE_CHECKING:
    from house.models import User


def _voting_seat(committee_id: int, person: User) -> Membership:
    seat = (
        Membership.objects.current()
        .filter(committee_id=committee_id, person=person, voting_right=True)
        .first()
    )
    if seat is None:
        raise GovernanceError(_("Only members with a vote can delegate it."))
    return seat


def _check_delegate(committee_id: int, person: User, delegate: User) -> None:
    if delegate.pk == person.pk:
        raise GovernanceError(_("Please choose another member."), field="delegate")
    if not (
        Membership.objects.current().filter(committee_id=committee_id, person=delegate).exists()
    ):
        raise GovernanceError(
            _("You can delegate your vote only to another member of the committee."),
            field="delegate",
        )


def delegates_for(meeting: Meeting) -> dict[int, int]:
    """Membership id → the delegate's person id, for the meeting's delegations."""
    return dict(
        Delegation.objects.filter(meeting=meeting).values_list("membership_id", "delegate_id")
    )


def delegate_vote(
    *,
    person: User,
    delegate: User,
    meeting: Meeting | None = None,
    vote: Vote | None = None,
) -> Delegation:
    """``person`` lets ``delegate`` vote for them in ``meeting`` or in ``vote`` (one of both).

    Contract: ``person`` holds a current voting seat, ``delegate`` another current seat of
    the same committee. For a meeting: it has not ended; votes already open keep their
    frozen list. For a vote: it is open, ``person`` is in its frozen list and has not voted,
    and ``delegate`` is in the room. While a delegation stands, only the delegate casts the
    seat's ballot, even if the member or their deputy is in the room (the member chose so
    and can take the vote back). Delegating again replaces the delegate. Raises
    :class:`GovernanceError`. Side effects: an activity entry on the meeting.
    """
    if (meeting is None) == (vote is None):
        raise GovernanceError(_("Please choose a meeting or a vote."))
    if vote is not None:
        return _delegate_in_vote(person=person, delegate=delegate, vote=vote)
    assert meeting is not None
    if meeting.state not in (Meeting.State.PLANNED, Meeting.State.INVITED, Meeting.State.RUNNING):
        raise GovernanceError(_("Votes of this meeting can no longer be delegated."))
    seat = _voting_seat(meeting.committee_id, person)
    _check_delegate(meeting.committee_id, person, delegate)
    with transaction.atomic():
        lock("governance.agenda", meeting.pk)
        if Delegation.objects.filter(meeting=meeting, membership__person=delegate).exists():
            raise GovernanceError(
                _("%(name)s has delegated their own vote in this meeting.")
                % {"name": delegate.name},
                field="delegate",
            )
        if Delegation.objects.filter(meeting=meeting, delegate=person).exists():
            raise GovernanceError(
                _("Members have delegated their votes to you; you cannot pass them on.")
            )
        delegation, _created = Delegation.objects.update_or_create(
            membership=seat, meeting=meeting, defaults={"delegate": delegate}
        )
        log_activity(
            obj=meeting,
            action_type="governance.delegation.given",
            actor=person,
            data={"person": person.name, "delegate": delegate.name},
        )
    return delegation


def _delegate_in_vote(*, person: User, delegate: User, vote: Vote) -> Delegation:
    meeting = vote.agenda_item.meeting
    seat = _voting_seat(meeting.committee_id, person)
    _check_delegate(meeting.committee_id, person, delegate)
    in_room = {s.sitting_person_id for s in seats(meeting) if s.seat_taken}
    if delegate.pk not in in_room:
        raise GovernanceError(
            _("%(name)s is not in the room.") % {"name": delegate.name}, field="delegate"
        )
    with transaction.atomic():
        lock("governance.vote", vote.pk)
        current = Vote.objects.get(pk=vote.pk)
        if not current.accepts_ballots():
            raise GovernanceError(_("This vote has closed; no more ballots are accepted."))
        mine = VoteEntitlement.objects.filter(vote=current, membership=seat).first()
        if mine is None:
            raise GovernanceError(_("You are not entitled to vote in this vote."))
        if mine.has_voted:
            raise GovernanceError(_("You have already voted."))
        if VoteEntitlement.objects.filter(vote=current, delegate=person).exists():
            raise GovernanceError(
                _("Members have delegated their votes to you; you cannot pass them on.")
            )
        theirs = VoteEntitlement.objects.filter(vote=current, person=delegate).first()
        if theirs is not None and theirs.delegate_id is not None:
            raise GovernanceError(
                _("%(name)s has delegated their own vote in this vote.") % {"name": delegate.name},
                field="delegate",
            )
        mine.delegate = delegate
        mine.save(update_fields=["delegate"])
        delegation, _created = Delegation.objects.update_or_create(
            membership=seat, vote=current, defaults={"delegate": delegate}
        )
        log_activity(
            obj=meeting,
            action_type="governance.delegation.given",
            actor=person,
            data={"person": person.name, "delegate": delegate.name},
        )
    return delegation


def revoke_delegation(*, delegation: Delegation, person: User) -> None:
    """The delegating member takes their vote back. For a meeting: votes opened from now on;
    for a vote: unless the delegate has already voted. Raises :class:`GovernanceError`."""
    membership = delegation.membership
    if membership.person_id != person.pk:
        raise GovernanceError(_("Only the delegating member can take the vote back."))
    vote = delegation.vote
    meeting = delegation.meeting or (vote.agenda_item.meeting if vote else None)
    with transaction.atomic():
        if vote is not None:
            lock("governance.vote", vote.pk)
            entitlement = VoteEntitlement.objects.filter(
                vote=vote, membership=membership, delegate=delegation.delegate
            ).first()
            if entitlement is not None:
                if entitlement.has_voted:
                    raise GovernanceError(_("Your delegate has already voted."))
                entitlement.delegate = None
                entitlement.save(update_fields=["delegate"])
        else:
            assert meeting is not None
            lock("governance.agenda", meeting.pk)
        Delegation.objects.filter(pk=delegation.pk).delete()
        if meeting is not None:
            log_activity(
                obj=meeting,
                action_type="governance.delegation.revoked",
                actor=person,
                data={"person": person.name},
            )
