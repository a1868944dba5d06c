"""The register of resolutions and their follow-up actions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import Action, Committee, Outcome, Resolution
from house.locks import lock

from .errors import GovernanceError

if TYPE_CHECKING:
    from house.governance.models import AgendaItem, CircularDecision, Meeting, Vote
    from house.models import User


def record_resolution(
    *,
    committee: Committee,
    title: str,
    text: str,
    outcome: str,
    decided_on: dt.date,
    actor: User | None,
    yes: int = 0,
    no: int = 0,
    abstain: int = 0,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    vote: Vote | None = None,
    circular: CircularDecision | None = None,
    public: bool = True,
    published: bool = False,
) -> Resolution:
    """Enter a resolution in the register with the next number of its committee and year.

    Contract: numbers are gap-free per committee and year under concurrent writers (the
    committee's register is locked with ``house.locks``; a unique constraint is the last
    line). Resolutions of a meeting are ``published`` with its minutes; a public decision
    without a meeting is published at once. Side effects: an activity entry.
    """
    if outcome not in Outcome.values:
        raise GovernanceError(_("Please choose a result."), field="outcome")
    if not title.strip():
        raise GovernanceError(_("Please give the resolution a title."), field="title")
    with transaction.atomic():
        lock("governance.resolution_number", committee.pk)
        top = Resolution.objects.filter(committee=committee, year=decided_on.year).aggregate(
            top=Max("number")
        )
        resolution = Resolution.objects.create(
            committee=committee,
            year=decided_on.year,
            number=(top["top"] or 0) + 1,
            title=title.strip()[:250],
            text=text,
            outcome=outcome,
            yes=yes,
            no=no,
            abstain=abstain,
            decided_on=decided_on,
            meeting=meeting,
            agenda_item=agenda_item,
            vote=vote,
            circular=circular,
            public=public,
            published=published and public,
        )
        log_activity(
            obj=committee,
            action_type="governance.resolution.recorded",
            actor=actor,
            data={"reference": resolution.reference},
        )
    return resolution


def add_action(
    *,
    committee: Committee,
    title: str,
    actor: User | None,
    resolution: Resolution | None = None,
    owner: User | None = None,
    due_on: dt.date | None = None,
) -> Action:
    """Add a follow-up action. While it is open it appears on the agenda of the next meeting
    (added at once if a meeting is already planned, else when one is scheduled)."""
    from .meetings import carry_over_to_next_meeting

    if not title.strip():
        raise GovernanceError(_("Please say what is to be done."), field="title")
    if resolution is not None and resolution.committee_id != committee.pk:
        raise GovernanceError(_("The resolution belongs to another committee."), field="resolution")
    with transaction.atomic():
        action = Action.objects.create(
            committee=committee,
            resolution=resolution,
            title=title.strip(),
            owner=owner,
            due_on=due_on,
        )
        carry_over_to_next_meeting(committee)
    return action


def set_action_status(*, action: Action, status: str, actor: User) -> Action:
    if status not in Action.Status.values:
        raise GovernanceError(_("Please choose a status."), field="status")
    action.status = status
    action.save(update_fields=["status", "modified"])
    return action
