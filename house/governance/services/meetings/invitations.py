"""Invitations to a meeting: the seats, the calendar entry and the invitation e-mail
to every member."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    Attendance,
    Meeting,
    Membership,
)
from house.governance.services.errors import GovernanceError
from house.locks import lock

if TYPE_CHECKING:
    from house.models import User


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
