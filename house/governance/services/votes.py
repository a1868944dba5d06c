"""Votes during a meeting: yes, no, abstain; named, open or secret.

The entitled voters are frozen when the vote opens. Ballots are accepted only
while the vote is open and before its deadline, judged by the server's clock
while holding the vote's lock (``house.locks``), the same lock that closing
takes: no ballot is counted after the deadline or after the count.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Choice,
    Meeting,
    Outcome,
    Vote,
    VoteEntitlement,
)
from house.locks import lock

from .delegations import delegates_for
from .errors import GovernanceError
from .meetings import quorum, seats

if TYPE_CHECKING:
    from house.models import User


def open_vote(
    *,
    item: AgendaItem,
    question: str,
    actor: User,
    visibility: str = Vote.Visibility.OPEN,
    minutes: int = 10,
) -> Vote:
    """Open a vote on ``item`` of a running meeting, for ``minutes`` minutes.

    Contract: the meeting must have a quorum for the item (counting only people in the
    room: a delegation never counts twice). Entitled are the voting seats taken (the
    member, or their deputy while the member is absent) and the seats whose member
    delegated their vote for the meeting to someone in the room, minus members with a
    conflict of interest on the item; the list is frozen now and names each delegate. Raises
    :class:`GovernanceError`. Side effects: entitlement rows, an activity entry.
    """
    meeting = item.meeting
    if meeting.state != Meeting.State.RUNNING:
        raise GovernanceError(_("Votes are taken while the meeting is in progress."))
    if visibility not in Vote.Visibility.values:
        raise GovernanceError(_("Please choose the kind of vote."), field="visibility")
    if not question.strip():
        raise GovernanceError(_("Please state the motion."), field="question")
    if not 1 <= minutes <= 24 * 60:
        raise GovernanceError(
            _("A vote stays open between 1 minute and 24 hours."), field="minutes"
        )
    with transaction.atomic():
        lock("governance.agenda", meeting.pk)
        state = quorum(meeting, item=item)
        if not state["has_quorum"]:
            raise GovernanceError(
                _(
                    "The committee has no quorum for this item "
                    "(%(present)s of %(voting)s voting seats taken)."
                )
                % state
            )
        conflicted = set(item.conflicts.values_list("membership_id", flat=True))
        now = timezone.now()
        vote = Vote.objects.create(
            agenda_item=item,
            question=question.strip(),
            visibility=visibility,
            opened_at=now,
            deadline=now + dt.timedelta(minutes=minutes),
            opened_by=actor,
        )
        all_seats = seats(meeting)
        in_room = {
            s.sitting_person_id
            for s in all_seats
            if s.seat_taken and s.membership_id not in conflicted
        }
        delegated = {
            membership_id: delegate_id
            for membership_id, delegate_id in delegates_for(meeting).items()
            if delegate_id in in_room
        }
        entitled = []
        for seat in all_seats:
            if not seat.membership.voting_right or seat.membership_id in conflicted:
                continue
            delegate_id = delegated.get(seat.membership_id)
            if delegate_id is not None:
                # The member's delegate casts the seat's ballot, in the member's name.
                person_id: int | None = seat.membership.person_id
                as_deputy = False
            else:
                # A taken seat always has a sitting person (record_attendance() refuses a
                # deputy where there is none); the check narrows the type.
                person_id = seat.sitting_person_id if seat.seat_taken else None
                as_deputy = seat.status != Attendance.Status.PRESENT
            if person_id is None:
                continue
            entitled.append(
                VoteEntitlement(
                    vote=vote,
                    person_id=person_id,
                    membership=seat.membership,
                    as_deputy=as_deputy,
                    delegate_id=delegate_id,
                )
            )
        VoteEntitlement.objects.bulk_create(entitled)
        vote.entitled_count = len(entitled)
        vote.save(update_fields=["entitled_count"])
        log_activity(
            obj=meeting,
            action_type="governance.vote.opened",
            actor=actor,
            data={"question": vote.question[:80]},
        )
    return vote


def cast_ballot(*, vote: Vote, person: User, choice: str, for_member: User | None = None) -> None:
    """Cast ``person``'s ballot, or with ``for_member`` the ballot of a member who delegated
    their vote to ``person``. Returns nothing: a secret ballot is not handed back.

    Contract: the seat is in the frozen list and has not voted; a member who delegated
    cannot vote themselves, and a delegate casts at most one ballot per delegator. The
    vote is open and its deadline has not passed (server time, read under the vote's
    lock). Whether a seat voted is stored in its entitlement; the choice in a
    :class:`Ballot` that, in a secret vote, carries no voter, time or ordered key (in a
    named vote the voter is the member whose seat it is). Raises :class:`GovernanceError`.
    """
    if choice not in Choice.values:
        raise GovernanceError(_("Please choose yes, no or abstain."), field="choice")
    with transaction.atomic():
        lock("governance.vote", vote.pk)
        current = Vote.objects.get(pk=vote.pk)
        if not current.accepts_ballots(timezone.now()):
            raise GovernanceError(_("This vote has closed; no more ballots are accepted."))
        if for_member is None:
            seat = VoteEntitlement.objects.filter(vote=current, person=person, delegate=None)
        else:
            seat = VoteEntitlement.objects.filter(vote=current, person=for_member, delegate=person)
        claimed = seat.filter(has_voted=False).update(has_voted=True)
        if not claimed:
            if seat.exists() and for_member is None:
                raise GovernanceError(_("You have already voted."))
            if seat.exists() and for_member is not None:
                raise GovernanceError(
                    _("You have already voted for %(name)s.") % {"name": for_member.name}
                )
            if (
                for_member is None
                and VoteEntitlement.objects.filter(vote=current, person=person).exists()
            ):
                raise GovernanceError(_("You have delegated your vote in this vote."))
            raise GovernanceError(_("You are not entitled to vote in this vote."))
        secret = current.visibility == Vote.Visibility.SECRET
        voter = None if secret else (for_member or person)
        Ballot.objects.create(vote=current, choice=choice, voter=voter)


def close_vote(*, vote: Vote, actor: User, record: bool = True) -> Vote:
    """Count the ballots and close the vote; a simple majority of the votes cast decides
    (abstentions are not counted). With ``record`` the result enters the register of
    resolutions (published with the minutes if the item is public)."""
    from .resolutions import record_resolution

    with transaction.atomic():
        lock("governance.vote", vote.pk)
        vote = Vote.objects.select_related("agenda_item__meeting__committee").get(pk=vote.pk)
        if vote.state == Vote.State.CLOSED:
            raise GovernanceError(_("This vote is already closed."))
        counts = dict.fromkeys(Choice.values, 0)
        for choice in Ballot.objects.filter(vote=vote).values_list("choice", flat=True):
            counts[choice] += 1
        vote.yes, vote.no, vote.abstain = counts["yes"], counts["no"], counts["abstain"]
        vote.outcome = Outcome.ADOPTED if vote.yes > vote.no else Outcome.REJECTED
        vote.state = Vote.State.CLOSED
        vote.closed_at = timezone.now()
        vote.save()
        item = vote.agenda_item
        item.result = str(vote.get_outcome_display())
        if vote.outcome == Outcome.ADOPTED:
            item.resolution_text = item.proposal or vote.question
        item.save(update_fields=["result", "resolution_text", "modified"])
        if record:
            record_resolution(
                committee=item.meeting.committee,
                title=item.title,
                text=item.proposal or vote.question,
                outcome=vote.outcome,
                decided_on=timezone.localdate(item.meeting.start),
                actor=actor,
                yes=vote.yes,
                no=vote.no,
                abstain=vote.abstain,
                meeting=item.meeting,
                agenda_item=item,
                vote=vote,
                public=item.public,
            )
        log_activity(
            obj=item.meeting,
            action_type="governance.vote.closed",
            actor=actor,
            data={"yes": vote.yes, "no": vote.no, "abstain": vote.abstain},
        )
    return vote


def who_has_not_voted(vote: Vote) -> list[str]:
    """Names of the entitled who have not voted yet (visible to the chair in every kind of
    vote), with the delegate who casts a delegated ballot."""
    rows = (
        vote.entitlements.filter(has_voted=False)
        .order_by("person__name")
        .values_list("person__name", "delegate__name")
    )
    return [
        name
        if not delegate
        else _("%(name)s (through %(delegate)s)") % {"name": name, "delegate": delegate}
        for name, delegate in rows
    ]
