"""The curatorium's story, told in order through the services."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from house.governance import services
from house.governance.models import Committee, Meeting, Membership
from house.models import Role, User
from house.services import assign_role

from .cast import MEMBERS, SLUG, _at, _organisation, _person
from .sittings import _date_poll, _hold, _paper, _upcoming, _write_minutes


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
