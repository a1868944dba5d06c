"""The demo curatorium, modelled on the Stadthaus Laatzen (seed 002).

Eight members from the associations of the house, with deputies and terms (one
ending soon); three past meetings, the first two with approved and published
minutes and resolutions, the last one's minutes circulated for approval; one
upcoming meeting with its agenda and room; an open decision without a meeting.
The demo login "curatorium" (Dr. Helmut Fischer) chairs it; house management
("management") runs the meetings.

Built through the services, like real use: its invitations and requests go through
the outbox like any other (``seed_demo`` keeps the demo's e-mails out of the
terminal). Idempotent: an existing curatorium is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from house.governance import services
from house.governance.models import Committee, Meeting, Membership
from house.models import Role, User
from house.services import assign_role

SLUG = "kuratorium"

#: (name, e-mail, organisation slug, role, deputy name or "", shown publicly)
MEMBERS = (
    (
        "Gisela Brandt",
        "g.brandt@paritaet-demo.example",
        "paritaetische-nordhessen",
        "deputy_chair",
        "Jörg Albers",
        True,
    ),
    (
        "Ahmet Yıldız",
        "a.yildiz@beratung-demo.example",
        "beratungszentrum",
        "member",
        "Selin Kaya",
        True,
    ),
    ("Renate Vogt", "r.vogt@jugendhilfe-demo.example", "jugendhilfe-kassel", "member", "", True),
    ("Bernd Kowalski", "b.kowalski@kiss-demo.example", "kiss-kassel", "member", "Ute Meier", True),
    (
        "Hannah Schäfer",
        "h.schaefer@freiwillig-demo.example",
        "freiwillig-in-kassel",
        "member",
        "",
        False,
    ),
    ("Klaus Dietrich", "k.dietrich@akgg-demo.example", "akgg", "member", "Mira Lenz", True),
    ("Sabine Otto", "s.otto@stadt-demo.example", "stadt-kassel-sozialamt", "advisory", "", True),
)


def _person(name: str, email: str) -> User:
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, name=name)
    return user


def _organisation(slug: str):
    from tenants.models import Organisation

    return Organisation.objects.filter(slug=slug).first()


def _at(days: int, hour: int) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    while day.weekday() != 2:  # the curatorium meets on Wednesdays
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


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


@transaction.atomic
def seed(*, users: dict[str, User]) -> Committee | None:
    if Committee.objects.filter(slug=SLUG).exists():
        return None
    manager = users["management"]
    chair = users["curatorium"]
    today = timezone.localdate()
    committee = services.create_committee(
        name="Kuratorium",
        slug=SLUG,
        kind=Committee.Kind.CURATORIUM,
        actor=manager,
        description=(
            "Das Kuratorium berät das Haus und seine Trägergemeinschaft. Ihm gehören "
            "Vertreterinnen und Vertreter der Vereine und Einrichtungen des Hauses an."
        ),
        notice_days=14,
        term_months=36,
    )
    seats = [
        services.add_membership(
            committee=committee,
            person=chair,
            actor=manager,
            organisation=_organisation("stadtteilinitiative-nord-holland"),
            role=Membership.Role.CHAIR,
            deputy=_person("Lothar Pieper", "l.pieper@nordholland-demo.example"),
            start_date=today - dt.timedelta(days=400),
            public_consent=True,
        )
    ]
    for index, (name, email, org, role, deputy, public) in enumerate(MEMBERS):
        person = _person(name, email)
        assign_role(user=person, role=Role.CURATORIUM_MEMBER)
        deputy_user = None
        if deputy:
            deputy_email = (
                deputy.lower().replace(" ", ".").replace("ö", "oe").replace("ü", "ue")
                + "@demo.example"
            )
            deputy_user = _person(deputy, deputy_email)
        start = today - dt.timedelta(days=300 + 20 * index)
        # One term ends soon: house management is reminded 60 days ahead.
        end = today + dt.timedelta(days=40) if index == 2 else None
        seats.append(
            services.add_membership(
                committee=committee,
                person=person,
                actor=manager,
                organisation=_organisation(org),
                role=role,
                deputy=deputy_user,
                start_date=start,
                end_date=end,
                public_consent=public,
            )
        )

    past = [
        (
            _at(-245, 17),
            "Konstituierende Sitzung",
            [
                (
                    "Wahl der Vorsitzenden",
                    "Dr. Helmut Fischer wird zum Vorsitzenden gewählt.",
                    True,
                ),
                (
                    "Geschäftsordnung des Kuratoriums",
                    "Das Kuratorium beschließt die vorgelegte Geschäftsordnung.",
                    True,
                ),
                (
                    "Mietangelegenheit eines Vereins",
                    "Die Hausverwaltung wird beauftragt, eine Ratenzahlung anzubieten.",
                    False,
                ),
            ],
            {
                "Wahl der Vorsitzenden": ("secret", ["yes"] * 6 + ["abstain"]),
                "Geschäftsordnung des Kuratoriums": ("open", ["yes"] * 7),
                "Mietangelegenheit eines Vereins": (
                    "named",
                    ["yes", "yes", "no", "yes", "yes", "yes", "abstain"],
                ),
            },
            "h.schaefer@freiwillig-demo.example",
        ),
        (
            _at(-120, 17),
            "Sitzung im Frühjahr",
            [
                (
                    "Raumvergabe für Ehrenamtsgruppen",
                    "Ehrenamtsgruppen nutzen Raum Eder an Wochenenden kostenfrei.",
                    True,
                ),
                (
                    "Sommerfest des Hauses",
                    "Das Kuratorium unterstützt das Sommerfest mit 800 Euro.",
                    True,
                ),
            ],
            {
                "Raumvergabe für Ehrenamtsgruppen": ("open", ["yes"] * 6 + ["no"]),
                "Sommerfest des Hauses": ("open", ["yes"] * 7),
            },
            "k.dietrich@akgg-demo.example",
        ),
        (
            _at(-35, 17),
            "Sitzung im Herbst",
            [
                (
                    "Barrierefreier Zugang zum Saal",
                    "Die Hausverwaltung holt zwei Angebote für eine Rampe ein.",
                    True,
                ),
                ("Jahresplanung des Programms", "", True),
            ],
            {"Barrierefreier Zugang zum Saal": ("open", ["yes"] * 7)},
            "a.yildiz@beratung-demo.example",
        ),
    ]
    notes = {
        "Wahl der Vorsitzenden": "Herr Dr. Fischer stellt sich vor; weitere Vorschläge gibt es nicht.",
        "Geschäftsordnung des Kuratoriums": "Die Geschäftsordnung lag allen Mitgliedern mit der Einladung vor.",
        "Raumvergabe für Ehrenamtsgruppen": "Frau Schäfer berichtet von der Nachfrage der Gruppen.",
        "Sommerfest des Hauses": "Das Fest findet am letzten Samstag im Juni statt.",
        "Barrierefreier Zugang zum Saal": "Der Zugang über den Hof ist für Rollstühle nicht nutzbar.",
        "Jahresplanung des Programms": "Die Einrichtungen stellen ihre Vorhaben für das kommende Jahr vor.",
    }
    previous_minutes = None
    for start, title, items, decisions, apologised in past:
        meeting = services.schedule_meeting(
            committee=committee,
            title=title,
            start=start,
            end=start + dt.timedelta(hours=2),
            actor=manager,
            location="Saal Kassel",
            chair=chair,
            minute_taker=manager,
            agenda=[{"title": t, "proposal": p, "public": public} for t, p, public in items],
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            invitation_sent_at=start - dt.timedelta(days=16)
        )
        services.open_meeting(meeting=meeting, actor=manager)
        if previous_minutes is not None:
            services.approve_minutes(minutes=previous_minutes, at_meeting=meeting, actor=manager)
            services.publish_minutes(minutes=previous_minutes, actor=manager)
        _hold(meeting, manager, seats, apologised=apologised, decisions=decisions)
        services.close_meeting(meeting=meeting, actor=manager)
        minutes = _write_minutes(meeting, manager, notes)
        services.circulate_minutes(minutes=minutes, actor=manager)
        previous_minutes = minutes

    ramp = committee.resolutions.filter(title="Barrierefreier Zugang zum Saal").first()
    services.add_action(
        committee=committee,
        resolution=ramp,
        title="Zwei Angebote für eine Rampe am Hofeingang einholen",
        owner=manager,
        due_on=today + dt.timedelta(days=10),
        actor=manager,
    )
    summer = committee.resolutions.filter(title="Sommerfest des Hauses").first()
    services.add_action(
        committee=committee,
        resolution=summer,
        title="Abrechnung des Sommerfests vorlegen",
        owner=seats[1].person,
        due_on=today - dt.timedelta(days=20),
        actor=manager,
    )

    upcoming = _upcoming(committee, manager, chair)
    _paper(
        upcoming,
        upcoming.agenda_items.filter(title="Haushalt des Hauses 2027").first(),
        manager,
        title="Entwurf Haushalt 2027",
        text="Entwurf des Haushalts 2027 der Trägergemeinschaft (Demo).",
        public=True,
    )
    _paper(
        upcoming,
        upcoming.agenda_items.filter(public=False).first(),
        manager,
        title="Vermerk zur Nachbesetzung",
        text="Vertraulicher Vermerk der Hausverwaltung (Demo).",
        public=False,
    )
    services.send_invitations(meeting=upcoming, actor=manager)

    decision = services.open_circular(
        committee=committee,
        title="Zuschuss für das Nachbarschaftscafé",
        text="Das Kuratorium gewährt dem Nachbarschaftscafé einen Zuschuss von 300 Euro für neues Geschirr.",
        deadline=timezone.now() + dt.timedelta(days=9),
        actor=manager,
    )
    for seat in seats[1:4]:
        services.answer_circular(decision=decision, person=seat.person, choice="yes")

    # One voting member cannot come to the winter meeting and lets another vote for them.
    voting = [seat for seat in seats[1:] if seat.voting_right]
    services.delegate_vote(person=voting[-1].person, delegate=voting[0].person, meeting=upcoming)
    _date_poll(committee, manager, seats, after=upcoming)

    return committee


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
