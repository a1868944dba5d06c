"""Running a meeting: apologies, attendance, quorum, conflicts of interest, opening and closing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    AgendaItem,
    Attendance,
    ConflictOfInterest,
    Meeting,
    Membership,
)
from house.governance.services.errors import GovernanceError
from house.locks import lock

if TYPE_CHECKING:
    from house.models import User
from .invitations import _invite, seats


def send_apologies(*, meeting: Meeting, person: User, note: str = "") -> Attendance:
    """``person`` cannot come: their seat is marked apologised and, if the meeting has been
    invited to, their personal deputy is invited (once). Raises :class:`GovernanceError`
    if ``person`` has no seat or the meeting has begun. Side effects: e-mail to the deputy."""
    if meeting.state in (Meeting.State.RUNNING, Meeting.State.HELD, Meeting.State.CANCELLED):
        raise GovernanceError(_("Apologies are possible only before the meeting begins."))
    with transaction.atomic():
        lock("governance.agenda", meeting.pk)
        seat = next((s for s in seats(meeting) if s.membership.person_id == person.pk), None)
        if seat is None:
            raise GovernanceError(_("You have no seat at this meeting."))
        seat.status = Attendance.Status.APOLOGISED
        seat.apology_note = note.strip()[:300]
        seat.apologised_at = timezone.now()
        deputy = seat.membership.deputy
        if (
            deputy is not None
            and meeting.invitation_sent_at is not None
            and not seat.deputy_invited
        ):
            _invite(meeting, deputy, as_deputy_for=person, actor=person)
            seat.deputy_invited = True
        seat.save()
        log_activity(
            obj=meeting,
            action_type="governance.meeting.apologies",
            actor=person,
            data={"person": person.name},
        )
    return seat


def record_attendance(
    *,
    meeting: Meeting,
    membership: Membership,
    actor: User,
    status: str,
    deputy_present: bool = False,
) -> Attendance:
    """Record who is in the room, during or after the meeting (live quorum follows)."""
    if status not in Attendance.Status.values:
        raise GovernanceError(_("Please choose a status."), field="status")
    if deputy_present and membership.deputy_id is None:
        raise GovernanceError(_("This member has no deputy."), field="deputy_present")
    with transaction.atomic():
        seats(meeting)
        seat = Attendance.objects.select_for_update().get(meeting=meeting, membership=membership)
        seat.status = status
        seat.deputy_present = deputy_present and status != Attendance.Status.PRESENT
        seat.save()
    return seat


def quorum(meeting: Meeting, *, item: AgendaItem | None = None) -> dict:
    """The live quorum: voting seats, seats taken, and whether the committee has a quorum.
    A member with a conflict of interest on ``item`` is out of its quorum."""
    rows = [s for s in seats(meeting) if s.membership.voting_right]
    if item is not None:
        conflicted = set(item.conflicts.values_list("membership_id", flat=True))
        rows = [s for s in rows if s.membership_id not in conflicted]
    present = sum(1 for s in rows if s.seat_taken)
    voting = len(rows)
    has = meeting.quorum_regardless or meeting.committee.has_quorum(present=present, voting=voting)
    return {"voting": voting, "present": present, "has_quorum": has and (present > 0 or not voting)}


def declare_conflict(
    *, item: AgendaItem, membership: Membership, actor: User, note: str = ""
) -> ConflictOfInterest:
    """``membership`` declares a conflict of interest on ``item``: out of its votes and quorum."""
    if membership.committee_id != item.meeting.committee_id:
        raise GovernanceError(_("This person has no seat in this committee."))
    conflict, _created = ConflictOfInterest.objects.get_or_create(
        agenda_item=item, membership=membership, defaults={"note": note[:300]}
    )
    return conflict


def open_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """The chair opens the meeting: attendance and votes can be recorded."""
    if meeting.state not in (Meeting.State.PLANNED, Meeting.State.INVITED):
        raise GovernanceError(_("This meeting cannot be opened."))
    with transaction.atomic():
        seats(meeting)
        meeting.state = Meeting.State.RUNNING
        meeting.started_at = timezone.now()
        meeting.save(update_fields=["state", "started_at", "modified"])
        log_activity(obj=meeting, action_type="governance.meeting.opened", actor=actor)
    return meeting


def close_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """Close the meeting; it records whether it had a quorum (for a repeat meeting)."""
    from house.governance.models import Vote

    if meeting.state != Meeting.State.RUNNING:
        raise GovernanceError(_("Only a running meeting can be closed."))
    if Vote.objects.filter(agenda_item__meeting=meeting, state=Vote.State.OPEN).exists():
        raise GovernanceError(_("Please close the open votes first."))
    with transaction.atomic():
        meeting.had_quorum = quorum(meeting)["has_quorum"]
        meeting.state = Meeting.State.HELD
        meeting.ended_at = timezone.now()
        meeting.save(update_fields=["state", "ended_at", "had_quorum", "modified"])
        log_activity(obj=meeting, action_type="governance.meeting.closed", actor=actor)
    return meeting
