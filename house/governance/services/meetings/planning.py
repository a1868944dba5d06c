"""Planning a meeting: scheduling with a room booking, carrying open items over, the
agenda, cancelling."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    Action,
    AgendaItem,
    Attendance,
    CircularDecision,
    Committee,
    Meeting,
    Minutes,
)
from house.governance.services.errors import GovernanceError
from house.locks import lock

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Room
from .invitations import _invite, seats


def _book_room(*, meeting: Meeting, room: Room, actor: User) -> None:
    """Hold the room through the booking service: the same double-booking guarantee as any
    booking (room lock and exclusion constraint). A taken slot refuses the meeting."""
    from house.permissions import can_use_reception
    from rooms.fees import BookerCategory, Purpose
    from rooms.services import BookingDraft, BookingError, book_room, request_booking

    seats = max(1, meeting.committee.memberships.current(timezone.localdate(meeting.start)).count())
    layouts = sorted(
        (int(cap), layout) for layout, cap in room.capacities.items() if int(cap) >= seats
    )
    if not layouts:
        raise GovernanceError(
            _("%(room)s holds at most %(capacity)s people; please choose a larger room.")
            % {"room": room.name, "capacity": room.max_capacity},
            field="room",
        )
    draft = BookingDraft(
        room=room,
        start=meeting.start,
        end=meeting.end,
        purpose=Purpose.NONPROFIT,
        attendees=seats,
        layout=layouts[0][1],
        title=meeting.title,
        stated_category=BookerCategory.PUBLIC_SECTOR,
        contact_name=actor.name,
        contact_email=actor.email,
    )
    try:
        if can_use_reception(actor):
            meeting.booking = book_room(actor=actor, draft=draft)
        else:
            meeting.booking = request_booking(actor=actor, draft=draft)
    except BookingError as exc:
        raise GovernanceError(exc.message, field="room") from exc


def _next_position(meeting: Meeting) -> int:
    return (meeting.agenda_items.aggregate(top=Max("position"))["top"] or 0) + 1


def _carry_over(meeting: Meeting) -> None:
    """Put what is due on the new meeting's agenda: approval of earlier minutes, open
    follow-up actions, and decisions without a meeting that a member moved to a meeting."""
    committee = meeting.committee
    for minutes in Minutes.objects.filter(
        meeting__committee=committee,
        meeting__start__lt=meeting.start,
        state__in=(Minutes.State.DRAFT, Minutes.State.CIRCULATED),
        approval_items__isnull=True,
    ).select_related("meeting"):
        AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            title=_("Approval of the minutes of %(date)s")
            % {"date": timezone.localtime(minutes.meeting.start).strftime("%d.%m.%Y")},
            approves_minutes=minutes,
        )
    for action in (
        Action.objects.open()
        .filter(committee=committee, agenda_items__isnull=True)
        .select_related("resolution", "owner")
    ):
        AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            title=_("Follow-up: %(action)s") % {"action": action.title},
            description=_("Responsible: %(owner)s, due %(due)s")
            % {
                "owner": action.owner.name if action.owner else "–",
                "due": action.due_on.strftime("%d.%m.%Y") if action.due_on else "–",
            },
            public=bool(action.resolution and action.resolution.public),
            carried_action=action,
        )
    for circular in CircularDecision.objects.filter(
        committee=committee, state=CircularDecision.State.MOVED, agenda_items__isnull=True
    ):
        AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            title=circular.title,
            proposal=circular.text,
            public=circular.public,
            from_circular=circular,
        )


def next_open_meeting(committee: Committee) -> Meeting | None:
    """The next meeting whose agenda can still grow (not yet opened)."""
    return (
        Meeting.objects.upcoming()
        .filter(committee=committee, state__in=(Meeting.State.PLANNED, Meeting.State.INVITED))
        .first()
    )


def carry_over_to_next_meeting(committee: Committee) -> Meeting | None:
    """Add what became due to the next meeting that has not started, if there is one."""
    meeting = next_open_meeting(committee)
    if meeting is not None:
        with transaction.atomic():
            lock("governance.agenda", meeting.pk)
            _carry_over(meeting)
    return meeting


def schedule_meeting(
    *,
    committee: Committee,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    actor: User,
    room: Room | None = None,
    location: str = "",
    repeat_of: Meeting | None = None,
    chair: User | None = None,
    minute_taker: User | None = None,
    agenda: list[dict] | None = None,
) -> Meeting:
    """Plan a meeting of ``committee``.

    Contract: ``start`` and ``end`` are aware; ``room`` (a room of the house) is booked
    through :func:`rooms.services.book_room` (or requested, for actors without the
    reception's rights), so the meeting never double-books a room; a taken slot raises
    :class:`GovernanceError` and nothing is saved. ``repeat_of`` marks a repeat meeting
    after a meeting without quorum. ``agenda`` is a list of dicts with ``title`` and
    optionally ``description``, ``public`` (default True) and ``proposal``. The agenda
    also receives by itself: approval of earlier unapproved minutes, open follow-up
    actions and decisions without a meeting moved to a meeting. No e-mail is sent
    until :func:`send_invitations`. Side effects: a booking, an activity entry.
    """
    if end <= start:
        raise GovernanceError(_("The meeting must end after it starts."), field="end")
    if not title.strip():
        raise GovernanceError(_("Please give the meeting a title."), field="title")
    if repeat_of is not None and repeat_of.committee_id != committee.pk:
        raise GovernanceError(
            _("A repeat meeting belongs to the same committee."), field="repeat_of"
        )
    with transaction.atomic():
        meeting = Meeting.objects.create(
            committee=committee,
            title=title.strip(),
            start=start,
            end=end,
            room=room,
            location=location,
            repeat_of=repeat_of,
            chair=chair,
            minute_taker=minute_taker,
        )
        if room is not None:
            _book_room(meeting=meeting, room=room, actor=actor)
            meeting.save(update_fields=["booking"])
        _carry_over(meeting)
        for entry in agenda or ():
            AgendaItem.objects.create(
                meeting=meeting,
                position=_next_position(meeting),
                title=entry["title"],
                description=entry.get("description", ""),
                public=entry.get("public", True),
                proposal=entry.get("proposal", ""),
            )
        log_activity(
            obj=meeting,
            action_type="governance.meeting.scheduled",
            actor=actor,
            data={"start": timezone.localtime(start).isoformat(timespec="minutes")},
        )
    return meeting


def add_agenda_item(
    *,
    meeting: Meeting,
    title: str,
    actor: User | None,
    description: str = "",
    public: bool = True,
    proposal: str = "",
) -> AgendaItem:
    """Append an item to the agenda of a meeting that has not ended."""
    if not title.strip():
        raise GovernanceError(_("Please give the item a title."), field="title")
    if meeting.state in (Meeting.State.HELD, Meeting.State.CANCELLED):
        raise GovernanceError(_("The agenda of a past or cancelled meeting cannot change."))
    with transaction.atomic():
        lock("governance.agenda", meeting.pk)
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=_next_position(meeting),
            title=title.strip(),
            description=description,
            public=public,
            proposal=proposal,
        )
        Meeting.objects.filter(pk=meeting.pk).update(modified=timezone.now())
    return item


def cancel_meeting(*, meeting: Meeting, actor: User) -> Meeting:
    """Cancel a meeting: its room is released and invitees get a calendar cancellation."""
    from rooms.services import cancel_booking

    if meeting.state in (Meeting.State.RUNNING, Meeting.State.HELD, Meeting.State.CANCELLED):
        raise GovernanceError(_("This meeting cannot be cancelled."))
    with transaction.atomic():
        was_invited = meeting.invitation_sent_at is not None
        meeting.state = Meeting.State.CANCELLED
        meeting.sequence += 1
        meeting.save()
        if meeting.booking is not None:
            cancel_booking(
                actor=actor, booking=meeting.booking, reason=_("The meeting was cancelled.")
            )
        if was_invited:
            for seat in seats(meeting):
                if seat.status != Attendance.Status.APOLOGISED:
                    _invite(meeting, seat.membership.person, as_deputy_for=None, actor=actor)
                elif seat.deputy_invited and seat.membership.deputy:
                    _invite(
                        meeting,
                        seat.membership.deputy,
                        as_deputy_for=seat.membership.person,
                        actor=actor,
                    )
        log_activity(obj=meeting, action_type="governance.meeting.cancelled", actor=actor)
    return meeting
