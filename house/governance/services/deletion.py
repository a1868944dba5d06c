"""Deleting meetings, agenda items and papers from the portal.

Nothing is removed from the database: the object is flagged ``deleted``, leaves
every page and list, and stays in the open data interface as a deleted object
(OParl 1.1: ``deleted: true``) with its ``modified`` time raised, so that
consumers asking for changes since their last visit learn of it. What was decided
is a record: items with votes and meetings with minutes are not deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import AgendaItem, Meeting, Minutes, Paper, PaperVersion, Vote
from house.locks import lock

from .errors import GovernanceError

if TYPE_CHECKING:
    import datetime as dt

    from house.models import User


def _delete_papers(papers, now: dt.datetime) -> None:
    ids = list(papers.filter(deleted=False).values_list("pk", flat=True))
    Paper.objects.filter(pk__in=ids).update(deleted=True, modified=now)
    PaperVersion.objects.filter(paper_id__in=ids).update(modified=now)


def delete_meeting(*, meeting: Meeting, actor: User, reason: str = "") -> Meeting:
    """Delete ``meeting`` from the portal with its agenda items and papers.

    Contract: a meeting in progress or one with minutes cannot be deleted. An upcoming
    meeting that members were invited to is cancelled first (calendar cancellations go
    out, the room is released); an uninvited one releases its room. Raises
    :class:`GovernanceError`. Side effects: activity entry ``governance.meeting.deleted``.
    """
    from rooms.models import Booking
    from rooms.services import cancel_booking, withdraw_booking

    from .meetings import cancel_meeting

    with transaction.atomic():
        lock("governance.agenda", meeting.pk)
        current = Meeting.objects.select_related("booking", "committee").get(pk=meeting.pk)
        if current.deleted:
            raise GovernanceError(_("This has already been deleted."))
        if current.state == Meeting.State.RUNNING:
            raise GovernanceError(_("A meeting in progress cannot be deleted."))
        if Minutes.objects.filter(meeting=current).exists():
            raise GovernanceError(
                _("A meeting with minutes stays on record; it cannot be deleted.")
            )
        if current.state in (Meeting.State.PLANNED, Meeting.State.INVITED):
            if current.invitation_sent_at is not None and current.end > timezone.now():
                current = cancel_meeting(meeting=current, actor=actor)
            elif current.booking is not None:
                if current.booking.state == Booking.State.CONFIRMED:
                    cancel_booking(
                        actor=actor, booking=current.booking, reason=_("The meeting was deleted.")
                    )
                elif current.booking.state == Booking.State.REQUESTED:
                    withdraw_booking(actor=actor, booking=current.booking)
        now = timezone.now()
        AgendaItem.objects.filter(meeting=current, deleted=False).update(deleted=True, modified=now)
        _delete_papers(Paper.objects.filter(meeting=current), now)
        Meeting.objects.filter(pk=current.pk).update(deleted=True, modified=now)
        log_activity(
            obj=current,
            action_type="governance.meeting.deleted",
            actor=actor,
            data={"title": current.title, "reason": reason.strip()[:300] or "–"},
        )
    current.refresh_from_db()
    return current


def delete_agenda_item(*, item: AgendaItem, actor: User, reason: str = "") -> AgendaItem:
    """Delete an agenda item (and its papers) from the portal; one that was voted on stays.

    Side effects: the meeting's ``modified`` is raised (its OParl agenda changes), activity
    entry ``governance.agenda_item.deleted`` on the meeting."""
    with transaction.atomic():
        lock("governance.agenda", item.meeting_id)
        current = AgendaItem.objects.select_related("meeting").get(pk=item.pk)
        if current.deleted:
            raise GovernanceError(_("This has already been deleted."))
        if Vote.objects.filter(agenda_item=current).exists() or current.resolutions.exists():
            raise GovernanceError(_("An item that was voted on stays on record."))
        now = timezone.now()
        AgendaItem.objects.filter(pk=current.pk).update(deleted=True, modified=now)
        _delete_papers(Paper.objects.filter(agenda_item=current), now)
        Meeting.objects.filter(pk=current.meeting_id).update(modified=now)
        log_activity(
            obj=current.meeting,
            action_type="governance.agenda_item.deleted",
            actor=actor,
            data={"title": current.title, "reason": reason.strip()[:300] or "–"},
        )
    current.refresh_from_db()
    return current


def delete_paper(*, paper: Paper, actor: User, reason: str = "") -> Paper:
    """Delete a paper with all its versions from the portal.

    Side effects: activity entry ``governance.paper.deleted`` on the paper's meeting (or the
    committee)."""
    with transaction.atomic():
        lock("governance.paper", paper.pk)
        current = Paper.objects.select_related("meeting", "committee").get(pk=paper.pk)
        if current.deleted:
            raise GovernanceError(_("This has already been deleted."))
        now = timezone.now()
        _delete_papers(Paper.objects.filter(pk=current.pk), now)
        if current.meeting_id:
            Meeting.objects.filter(pk=current.meeting_id).update(modified=now)
        log_activity(
            obj=current.meeting or current.committee,
            action_type="governance.paper.deleted",
            actor=actor,
            data={"title": current.title, "reason": reason.strip()[:300] or "–"},
        )
    current.refresh_from_db()
    return current
