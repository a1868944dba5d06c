"""The Social Lab's story, told in order through the services; its e-mails are dropped before
commit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from house.models import OutboxEmail, User
from sociallab.models import (
    ActionItem,
    Application,
    Call,
    FundingSource,
    MentoringSession,
    Phase,
    PhaseRecord,
    ReviewerTeam,
    ReviewPhase,
    Venture,
)
from sociallab.services import applications, decisions, funding, mentoring, review, ventures
from sociallab.services.calls import create_call

from .cast import CLOSED_SLUG, FOUNDERS, JURORS, OPEN_SLUG, PROGRAMME, _person
from .steps import _apply, _criteria, _move_call_to_past, _review


def seed(*, users: dict[str, User]) -> None:
    if Call.objects.filter(slug=OPEN_SLUG).exists():
        return
    with transaction.atomic():
        first_mail = OutboxEmail.objects.aggregate(last=Max("pk"))["last"] or 0
        _seed(users)
        # Demo addresses must get no e-mail: drop what the services queued (before commit,
        # so the dispatch after commit finds nothing to send).
        OutboxEmail.objects.filter(pk__gt=first_mail, ref__startswith="sociallab.").delete()


def _seed(users: dict[str, User]) -> None:  # noqa: PLR0915 - one story, told in order
    now = timezone.now()
    staff, mentor, lea = users["sociallab_staff"], users["mentor"], users["founder"]
    people = [_person(name, email) for name, email in FOUNDERS]
    jurors = [_person(name, email) for name, email in JURORS]

    # --- the closed, decided call -------------------------------------------------------
    closed = create_call(
        title="Soziale Ideen für Nordhessen 2026",
        slug=CLOSED_SLUG,
        summary="Die erste Runde des Social Lab: Ideen für mehr Miteinander in Nordhessen.",
        programme=PROGRAMME,
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=1),
        decisions_by=(now + dt.timedelta(days=2)).date(),
        is_published=True,
    )
    criteria = _criteria(closed)
    spring = ReviewerTeam.objects.create(call=closed, name="Jury Frühjahr")
    spring.members.add(mentor, *jurors)
    ReviewPhase.objects.create(
        call=closed,
        name="Jurysitzung",
        is_active=True,
        scope=ReviewPhase.Scope.ALL,
        other_reviews=ReviewPhase.OtherReviews.AFTER_OWN,
    )
    mittagstisch = _apply(closed, lea, "mittagstisch")
    repair = _apply(closed, people[0], "repair")
    lernpaten = _apply(closed, people[1], "lernpaten")
    fahrrad = _apply(closed, people[2], "fahrrad")
    kultur = _apply(closed, people[3], "kultur")
    garten = _apply(closed, people[4], "garten")
    budget = _apply(closed, people[5], "schuldner")
    scores = {
        mittagstisch: [(5, 4, 4, 5), (4, 4, 5, 4), (5, 3, 4, 5)],
        repair: [(4, 5, 4, 3), (4, 4, 4, 2), (5, 5, 4, 3)],
        lernpaten: [(5, 3, 3, 2), (2, 3, 3, 1), (5, 4, 4, 2)],
        fahrrad: [(3, 2, 3, 1), (2, 2, 2, 1), (3, 3, 2, 2)],
        kultur: [(3, 3, 2, 1), (2, 3, 3, 3), (3, 2, 2, 2)],
        garten: [(4, 4, 3, 2), (4, 3, 3, 2), (4, 4, 4, 3)],
        budget: [(4, 3, 3, 2), (3, 3, 4, 2), (4, 4, 3, 2)],
    }
    # Each juror says something of their own to the applicants.
    for_applicants = (
        "Eine klare Idee mit Bezug zum Quartier.",
        "Der Bedarf ist gut belegt; planen Sie früh, wer die Arbeit auf Dauer trägt.",
        "Überzeugendes Team. Die Finanzierung nach dem ersten Jahr ist noch offen.",
    )
    for application, rows in scores.items():
        for reviewer, values, for_applicant in zip(
            [mentor, *jurors], rows, for_applicants, strict=True
        ):
            _review(
                reviewer,
                application,
                criteria,
                values,
                "Überzeugend begründet." if values[0] >= 4 else "Noch vage.",
                for_applicant=for_applicant,
            )
    for application in (mittagstisch, repair, lernpaten, garten, budget):
        decisions.decide_application(
            actor=staff,
            application=application,
            decision="accept",
            message="Wir freuen uns auf die gemeinsamen Monate im Social Lab.",
        )
    for application in (fahrrad, kultur):
        decisions.decide_application(
            actor=staff,
            application=application,
            decision="reject",
            message="Die Idee passt besser zu einem späteren Aufruf; bewerben Sie sich gern wieder.",
        )
    decisions.release_decisions(actor=staff, call=closed)
    applications.set_keep_after_rejection(application=kultur, actor=people[3], keep=True)
    ventures_by_app = {}
    for application in (mittagstisch, repair, lernpaten):
        application.refresh_from_db()
        decisions.answer_offer(application=application, actor=application.applicant, accept=True)
        ventures_by_app[application.pk] = Venture.objects.get(application=application)
    garten.refresh_from_db()
    decisions.answer_offer(application=garten, actor=people[4], accept=False)
    # "budget" stays accepted and waits for the founder's confirmation.
    _move_call_to_past(closed, now)
    Application.objects.filter(call=closed).update(
        submitted_at=now - dt.timedelta(days=160), released_at=now - dt.timedelta(days=128)
    )
    Call.objects.filter(pk=closed.pk).update(decisions_released_at=now - dt.timedelta(days=128))
    Application.objects.filter(pk=budget.pk).update(confirm_by=(now + dt.timedelta(days=2)).date())
    ReviewPhase.objects.filter(call=closed).update(is_active=False)

    # --- three ventures in different phases -------------------------------------------
    sources = [
        FundingSource.objects.create(
            name="Aktion Mensch – Förderprogramm Inklusion",
            funder="Aktion Mensch e.V.",
            url="https://www.aktion-mensch.de/",
            next_deadline=(now + dt.timedelta(days=5)).date(),
            notes="Projekte für Inklusion und Teilhabe.",
        ),
        FundingSource.objects.create(
            name="Quartiersfonds Kassel",
            funder="Stadt Kassel",
            next_deadline=(now + dt.timedelta(days=40)).date(),
            notes="Kleinprojekte im Stadtteil.",
        ),
        FundingSource.objects.create(
            name="Mikroförderung Engagement",
            funder="Deutsche Stiftung für Engagement und Ehrenamt",
            next_deadline=(now + dt.timedelta(days=75)).date(),
            notes="Bis 5.000 Euro für Ehrenamtsprojekte.",
        ),
    ]
    lea_venture = ventures_by_app[mittagstisch.pk]
    repair_venture = ventures_by_app[repair.pk]
    lern_venture = ventures_by_app[lernpaten.pk]
    Venture.objects.filter(pk__in=[v.pk for v in ventures_by_app.values()]).update(
        started_at=now - dt.timedelta(days=120)
    )
    PhaseRecord.objects.filter(venture__in=ventures_by_app.values()).update(
        entered_at=now - dt.timedelta(days=120)
    )

    ventures.assign_mentor(
        venture=lea_venture, actor=staff, mentor=mentor, hour_budget=Decimal("12")
    )
    ventures.assign_mentor(
        venture=repair_venture, actor=staff, mentor=mentor, hour_budget=Decimal("10")
    )
    ventures.assign_mentor(
        venture=lern_venture, actor=staff, mentor=staff, hour_budget=Decimal("8")
    )

    # Lea's Mittagstisch: idea reviewed, now in concretisation.
    ventures.agree_goals(
        venture=lea_venture,
        actor=staff,
        goals="Zielgruppe befragen; drei Kochteams finden.",
        review_on=(now - dt.timedelta(days=60)).date(),
    )
    ventures.review_phase(
        venture=lea_venture,
        actor=staff,
        outcome="next",
        notes="Befragung mit 40 Antworten, zwei Kochteams stehen.",
    )
    PhaseRecord.objects.filter(venture=lea_venture, phase=Phase.CONCRETISATION).update(
        entered_at=now - dt.timedelta(days=58)
    )
    lea_venture.refresh_from_db()
    ventures.agree_goals(
        venture=lea_venture,
        actor=staff,
        goals="Raum und Hygienekonzept klären; Finanzplan für ein Jahr.",
        review_on=(now + dt.timedelta(days=30)).date(),
    )
    done = ventures.add_milestone(
        venture=lea_venture,
        actor=lea,
        title="Befragung im Quartier",
        due_on=(now - dt.timedelta(days=70)).date(),
    )
    ventures.reach_milestone(milestone=done, actor=lea)
    ventures.add_milestone(
        venture=lea_venture,
        actor=lea,
        title="Hygieneschulung der Kochteams",
        due_on=(now - dt.timedelta(days=3)).date(),
    )
    ventures.add_milestone(
        venture=lea_venture,
        actor=lea,
        title="Erster Probe-Mittagstisch",
        due_on=(now + dt.timedelta(days=21)).date(),
    )
    aktion = funding.add_funding_application(
        venture=lea_venture, actor=lea, source=sources[0], amount="8500"
    )
    quartier = funding.add_funding_application(
        venture=lea_venture, actor=lea, source=sources[1], amount="2000"
    )
    funding.update_funding_status(funding=quartier, actor=staff, status="granted", granted="1800")
    funding.add_report(
        funding=quartier,
        actor=staff,
        title="Zwischenbericht",
        due_on=(now + dt.timedelta(days=6)).date(),
    )
    del aktion

    # The Repair-Café: through to the funding phase.
    for phase_goal in (
        "Standort und Werkzeug klären.",
        "Erstes Repair-Café durchführen.",
        "Drei Monate regelmäßig öffnen.",
    ):
        ventures.agree_goals(venture=repair_venture, actor=staff, goals=phase_goal, review_on=None)
        ventures.review_phase(venture=repair_venture, actor=staff, outcome="next")
        repair_venture.refresh_from_db()
    for offset, phase in (
        (90, Phase.CONCRETISATION),
        (60, Phase.IMPLEMENTATION),
        (20, Phase.FUNDING),
    ):
        PhaseRecord.objects.filter(venture=repair_venture, phase=phase).update(
            entered_at=now - dt.timedelta(days=offset)
        )
    ventures.agree_goals(
        venture=repair_venture,
        actor=staff,
        goals="Finanzierung für zwei Jahre sichern.",
        review_on=(now + dt.timedelta(days=45)).date(),
    )
    micro = funding.add_funding_application(
        venture=repair_venture, actor=people[0], source=sources[2], amount="5000"
    )
    funding.update_funding_status(funding=micro, actor=staff, status="submitted")
    ventures.add_milestone(
        venture=repair_venture,
        actor=people[0],
        title="Förderantrag Quartiersfonds",
        due_on=(now + dt.timedelta(days=30)).date(),
    )

    # Lernpatenschaften: still in the idea phase.
    ventures.agree_goals(
        venture=lern_venture,
        actor=staff,
        goals="Zwei Schulen als Partner gewinnen.",
        review_on=(now + dt.timedelta(days=14)).date(),
    )
    ventures.add_milestone(
        venture=lern_venture,
        actor=people[1],
        title="Gespräch mit der Schulsozialarbeit",
        due_on=(now + dt.timedelta(days=7)).date(),
    )

    # Past sessions with notes and action items (history: booked before this demo began).
    for venture, who, days, topic in (
        (lea_venture, mentor, 50, "Finanzplan"),
        (lea_venture, mentor, 20, "Raumsuche"),
        (repair_venture, mentor, 30, "Förderanträge"),
        (lern_venture, staff, 10, "Partnerschulen"),
    ):
        start = (now - dt.timedelta(days=days)).replace(hour=14, minute=0, second=0, microsecond=0)
        session = MentoringSession.objects.create(
            venture=venture,
            mentor=who,
            booked_by=venture.founders.first(),
            start=start,
            end=start + dt.timedelta(hours=1, minutes=30),
            topic=topic,
            location="Raum Eder",
            status=MentoringSession.Status.HELD,
            shared_notes=f"Besprochen: {topic}. Nächste Schritte vereinbart.",
            private_notes="Team wirkt motiviert; auf Überlastung achten.",
        )
        ActionItem.objects.create(
            session=session,
            text=f"{topic}: Entwurf an die Mentorin schicken",
            due_on=(now + dt.timedelta(days=7)).date(),
        )
        ActionItem.objects.create(session=session, text="Termine im Kalender eintragen", done=True)

    # Free times of the mentor next week; Lea booked one of them already.
    base = (now + dt.timedelta(days=7)).replace(hour=10, minute=0, second=0, microsecond=0)
    slots = [
        mentoring.publish_slot(
            mentor=mentor,
            start=base + dt.timedelta(days=d),
            end=base + dt.timedelta(days=d, hours=1),
            location="Videocall",
        )
        for d in range(3)
    ]
    mentoring.book_session(actor=lea, venture=lea_venture, slot=slots[0], topic="Hygienekonzept")

    # --- the open call, in review ----------------------------------------------------
    open_call = create_call(
        title="Ideen für Kassel 2027",
        slug=OPEN_SLUG,
        summary="Sie haben eine Idee, die Kassel sozialer macht? Bewerben Sie sich für das Social Lab 2027.",
        programme=PROGRAMME,
        opens_at=now - dt.timedelta(days=10),
        closes_at=now + dt.timedelta(days=30),
        decisions_by=(now + dt.timedelta(days=60)).date(),
        is_published=True,
    )
    open_criteria = _criteria(open_call)
    autumn = ReviewerTeam.objects.create(call=open_call, name="Jury Herbst")
    autumn.members.add(mentor, jurors[0])
    ReviewPhase.objects.create(
        call=open_call,
        name="Vorbegutachtung (anonym)",
        is_active=True,
        scope=ReviewPhase.Scope.ALL,
        other_reviews=ReviewPhase.OtherReviews.AFTER_OWN,
        show_names=False,
    )
    draft = _apply(open_call, lea, "food", submit=False)
    applications.post_comment(
        application=draft,
        author=lea,
        body="Ist die Beschreibung des Teams so ausführlich genug?",
        audience="applicant",
    )
    applications.post_comment(
        application=draft,
        author=staff,
        body="Fast: Sagen Sie noch, wer das Regal betreut und wie oft.",
        audience="applicant",
    )
    digital = _apply(open_call, people[6], "digital")
    sport = _apply(open_call, people[7], "sport")
    chor = _apply(open_call, people[8], "musik")
    leih = _apply(open_call, people[9], "leih")
    applications.withdraw_application(application=leih, actor=people[9])
    review.redact_application(
        actor=staff, application=digital, title="Digitalpaten für Ältere", answers={}
    )
    _review(jurors[0], digital, open_criteria, (5, 4, 4, 3), "Sehr gut an das Haus angebunden.")
    _review(jurors[0], sport, open_criteria, (3, 4, 3, 1), "Solide, wenig neu.")
    _review(mentor, chor, open_criteria, (4, 3, 4, 2), "Schöne Idee, Finanzierung offen.")
    applications.post_comment(
        application=sport, author=staff, body="Trainerlizenzen prüfen.", audience="staff"
    )
