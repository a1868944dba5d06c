"""Meetings: scheduling with a room booking, the agenda, invitations, apologies, attendance."""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    Action,
    AgendaItem,
    Attendance,
    CircularDecision,
    Committee,
    ConflictOfInterest,
    Meeting,
    Membership,
    Minutes,
    Paper,
    PaperVersion,
)
from house.locks import lock

from .errors import GovernanceError

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from house.models import User
    from rooms.models import Room

#: The largest paper file accepted (20 MB).
MAX_PAPER_BYTES = 20 * 1024 * 1024


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
            data={"start": timezone.localtime(start).strftime("%d.%m.%Y %H:%M")},
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


def seats(meeting: Meeting) -> list[Attendance]:
    """The seats at ``meeting``: one attendance row per membership current on its day,
    created on first use and kept afterwards (later membership changes do not alter it)."""
    day = timezone.localdate(meeting.start)
    current = meeting.committee.memberships.current(day)
    existing = set(meeting.attendances.values_list("membership_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, membership_id=m)
            for m in current.values_list("pk", flat=True)
            if m not in existing
        ],
        ignore_conflicts=True,
    )
    order = {role: index for index, role in enumerate(Membership.Role.values)}
    rows = meeting.attendances.select_related(
        "membership__person", "membership__deputy", "membership__organisation"
    )
    return sorted(rows, key=lambda s: (order[s.membership.role], s.membership.person.name))


def _uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "hausportal.invalid"


def meeting_invitation(meeting: Meeting, *, name: str, email: str) -> bytes:
    """The iTIP REQUEST for one invitee (stable UID per meeting, SEQUENCE raised on change)."""
    from house.context_processors import current_house
    from house.ical.entries import CalendarEntry
    from house.ical.render import build_invitation

    house = current_house()
    organizer_email = (house.email if house and house.email else "") or "portal@localhost"
    agenda = "\n".join(str(item) for item in meeting.agenda_items.filter(deleted=False))
    place = meeting.place()
    if house is not None and meeting.room_id:
        place = f"{place}, {house.name}, {house.street}, {house.postcode} {house.city}"
    entry = CalendarEntry(
        uid=f"meeting-{meeting.uid}@{_uid_domain()}",
        start=meeting.start,
        end=meeting.end,
        summary=f"{meeting.committee.name}: {meeting.title}",
        description=agenda,
        location=place,
        last_modified=meeting.modified or timezone.now(),
        sequence=meeting.sequence,
        url=settings.SITE_URL
        + reverse("governance:meeting", kwargs={"slug": meeting.committee.slug, "pk": meeting.pk}),
        organizer=(house.name if house else "Hausportal", organizer_email),
        attendees=[(name, email)],
        status="CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED",
    )
    return build_invitation(
        entry, method="CANCEL" if meeting.state == Meeting.State.CANCELLED else "REQUEST"
    )


def _invite(
    meeting: Meeting, person: User, *, as_deputy_for: User | None, actor: User | None
) -> None:
    from house.services import queue_templated_email

    with translation.override(person.language):
        content = meeting_invitation(meeting, name=person.name, email=person.email)
        items = list(meeting.agenda_items.filter(deleted=False))
    method = "CANCEL" if meeting.state == Meeting.State.CANCELLED else "REQUEST"
    queue_templated_email(
        template="governance/email/invitation",
        context={
            "meeting": meeting,
            "items": items,
            "person": person,
            "as_deputy_for": as_deputy_for,
            "url": settings.SITE_URL
            + reverse(
                "governance:meeting", kwargs={"slug": meeting.committee.slug, "pk": meeting.pk}
            ),
        },
        to=[person.email],
        language=person.language,
        attachments=[
            {
                "filename": "invite.ics" if method == "REQUEST" else "cancel.ics",
                "content": content.decode("utf-8"),
                "mimetype": f"text/calendar; charset=utf-8; method={method}",
            }
        ],
        kind="governance.invitation",
        ref=f"governance-meeting-{meeting.pk}",
        created_by=actor,
    )


def send_invitations(*, meeting: Meeting, actor: User, late_reason: str = "") -> int:
    """Invite every member (and the deputies of members who sent apologies) by e-mail,
    with the agenda and a calendar invitation; sending again sends an update.

    Contract: an invitation later than the committee's notice period is allowed but
    flagged on the meeting (``invitation_late``) and recorded with ``late_reason`` in
    the activity log. Returns the number of e-mails queued. Side effects: outbox rows,
    the meeting's state becomes *invited*.
    """
    if meeting.state in (Meeting.State.HELD, Meeting.State.CANCELLED):
        raise GovernanceError(_("This meeting can no longer be invited to."))
    now = timezone.now()
    late = now > meeting.start - dt.timedelta(days=meeting.committee.notice_days)
    with transaction.atomic():
        lock("governance.agenda", meeting.pk)
        if meeting.invitation_sent_at is not None:
            meeting.sequence += 1
        meeting.invitation_sent_at = now
        meeting.invitation_late = meeting.invitation_late or late
        if late:
            meeting.late_reason = late_reason.strip()
        if meeting.state == Meeting.State.PLANNED:
            meeting.state = Meeting.State.INVITED
        meeting.save()
        count = 0
        for seat in seats(meeting):
            member = seat.membership
            if seat.status != Attendance.Status.APOLOGISED:
                _invite(meeting, member.person, as_deputy_for=None, actor=actor)
                count += 1
            elif member.deputy is not None:
                _invite(meeting, member.deputy, as_deputy_for=member.person, actor=actor)
                if not seat.deputy_invited:
                    seat.deputy_invited = True
                    seat.save(update_fields=["deputy_invited", "modified"])
                count += 1
        log_activity(
            obj=meeting,
            action_type="governance.meeting.invited",
            actor=actor,
            data={"count": count},
        )
        if late:
            log_activity(
                obj=meeting,
                action_type="governance.meeting.invited_late",
                actor=actor,
                data={"reason": meeting.late_reason or "–"},
            )
    return count


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


def add_paper(
    *,
    committee: Committee,
    title: str,
    actor: User,
    upload: UploadedFile,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    public: bool = False,
    reference: str = "",
) -> Paper:
    """File a paper with its first version. A paper on a closed item is never public."""
    if not title.strip():
        raise GovernanceError(_("Please give the paper a title."), field="title")
    if agenda_item is not None:
        meeting = agenda_item.meeting
        public = public and agenda_item.public
    with transaction.atomic():
        paper = Paper.objects.create(
            committee=committee,
            meeting=meeting,
            agenda_item=agenda_item,
            title=title.strip(),
            public=public,
            reference=reference,
        )
        add_paper_version(paper=paper, actor=actor, upload=upload)
    return paper


def add_paper_version(
    *, paper: Paper, actor: User, upload: UploadedFile, note: str = ""
) -> PaperVersion:
    """Add a new version of a paper's file; earlier versions stay available."""
    if upload.size and upload.size > MAX_PAPER_BYTES:
        raise GovernanceError(_("The file is larger than 20 MB."), field="file")
    name = (upload.name or "paper").rsplit("/", 1)[-1][:200]
    with transaction.atomic():
        lock("governance.paper", paper.pk)
        number = (paper.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = PaperVersion(
            paper=paper,
            number=number,
            file_name=name,
            mime_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
            size=upload.size or 0,
            uploaded_by=actor,
            note=note[:250],
        )
        version.file.save(name, upload, save=False)
        version.save()
        Paper.objects.filter(pk=paper.pk).update(modified=timezone.now())
    return version
