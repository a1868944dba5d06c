"""The steps of one demo meeting: papers, minutes, a date poll, holding it, the next one."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from house.governance import services
from house.governance.models import Meeting

from .cast import _at


def _paper(meeting, item, manager, *, title, text, public):
    services.add_paper(
        committee=meeting.committee,
        meeting=meeting,
        agenda_item=item,
        title=title,
        actor=manager,
        public=public,
        upload=SimpleUploadedFile(f"{title[:40]}.txt", text.encode(), content_type="text/plain"),
    )


def _write_minutes(meeting, manager, notes):
    minutes = services.draft_minutes(meeting=meeting, actor=manager)
    for entry in minutes.entries.select_related("agenda_item"):
        note = notes.get(entry.agenda_item.title if entry.agenda_item else "")
        if note:
            services.update_minutes_entry(
                entry=entry, text=f"{note}\n\n{entry.text}".strip(), actor=manager
            )
    return minutes


def _date_poll(committee, manager, seats, *, after: Meeting) -> None:
    """An open date poll for the meeting after the next one, half answered; the curatorium
    login (the chair) has not answered yet."""
    from rooms.models import Room

    room = Room.objects.filter(slug="raum-eder").first()
    first = timezone.localdate(after.start) + dt.timedelta(days=56)
    starts = []
    for offset in (0, 2, 8):
        day = first + dt.timedelta(days=offset)
        starts.append(timezone.make_aware(dt.datetime.combine(day, dt.time(17, 0))))
    poll = services.open_date_poll(
        committee=committee,
        title="Sitzung im Frühjahr",
        slots=[(start, start + dt.timedelta(hours=2)) for start in starts],
        room=room,
        location="" if room else "Saal",
        note="Bitte tragen Sie bis Monatsende ein, welche Termine Ihnen passen.",
        actor=manager,
    )
    slots = list(poll.slots.order_by("start"))
    patterns = (("yes", "maybe", "no"), ("yes", "yes", "no"), ("no", "yes", "yes"))
    for seat, pattern in zip(seats[1:4], patterns, strict=True):
        services.answer_date_poll(
            poll=poll,
            person=seat.person,
            answers={slot.pk: answer for slot, answer in zip(slots, pattern, strict=True)},
        )


def _hold(meeting, manager, seats, *, apologised, decisions):
    for seat in seats:
        if seat.person.email == apologised:
            services.record_attendance(
                meeting=meeting,
                membership=seat,
                actor=manager,
                status="apologised",
                deputy_present=seat.deputy_id is not None,
            )
        else:
            services.record_attendance(
                meeting=meeting, membership=seat, actor=manager, status="present"
            )
    for item in meeting.agenda_items.order_by("position"):
        if item.title not in decisions:
            continue
        visibility, choices = decisions[item.title]
        vote = services.open_vote(
            item=item, question=item.proposal or item.title, actor=manager, visibility=visibility
        )
        entitled = list(vote.entitlements.select_related("person"))
        for entitlement, choice in zip(entitled, choices, strict=False):
            services.cast_ballot(vote=vote, person=entitlement.person, choice=choice)
        services.close_vote(vote=vote, actor=manager)


def _upcoming(committee, manager, chair) -> Meeting:
    from rooms.models import Room

    agenda = [
        {
            "title": "Haushalt des Hauses 2027",
            "proposal": "Das Kuratorium empfiehlt den Haushaltsentwurf 2027.",
            "public": True,
        },
        {"title": "Bericht der Hausverwaltung", "public": True},
        {"title": "Nachbesetzung eines Sitzes", "public": False},
    ]
    room = Room.objects.filter(slug="raum-eder").first()
    for days in (21, 28, 35, 42):
        start = _at(days, 17)
        try:
            return services.schedule_meeting(
                committee=committee,
                title="Sitzung im Winter",
                start=start,
                end=start + dt.timedelta(hours=2),
                actor=manager,
                room=room,
                chair=chair,
                minute_taker=manager,
                agenda=agenda,
            )
        except services.GovernanceError:
            continue
    start = _at(21, 17)
    return services.schedule_meeting(
        committee=committee,
        title="Sitzung im Winter",
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=manager,
        location="Saal Kassel",
        chair=chair,
        minute_taker=manager,
        agenda=agenda,
    )
