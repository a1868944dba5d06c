"""Demo: the Kassel network of neighbourhood actors (seed 001).

About forty actors across the city-centre districts: the tenants of the house
and actors outside it. A closed priority round with its frozen result and an
open one, topics in every status, needs and offers, entries due for a check,
newsletter subscribers and a draft — the network coordinator's desk on an
ordinary day. Idempotent; writes no e-mail.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from tenants.models import Membership, Organisation, TargetGroup
from tenants.models import Topic as DirectoryTopic
from tenants.network.models import (
    Actor,
    BoardPost,
    District,
    Dot,
    Newsletter,
    PriorityRound,
    Subscriber,
    Topic,
    WorkingGroup,
)
from tenants.network.services import groups, priorities
from tenants.network.services.newsletter import assemble_draft

if TYPE_CHECKING:
    from house.models import User

from tenants.network.demo.data import DESCRIPTIONS, HOUSE_ACTORS, OUTSIDE_ACTORS, TOPICS


def ensure_districts() -> dict[str, District]:
    """Restore the districts of migration 0002 (a test database flush removes them)."""
    data = importlib.import_module("tenants.network.migrations.0002_add_kassel_districts")
    for position, (slug, name, outline) in enumerate(data.DISTRICTS):
        District.objects.get_or_create(
            slug=slug, defaults={"name": name, "outline": outline, "position": position}
        )
    return {d.slug: d for d in District.objects.all()}


def _topics() -> dict[str, Topic]:
    directory = {t.slug: t for t in DirectoryTopic.objects.all()}
    result = {}
    for slug, name, status, directory_slugs in TOPICS:
        topic, _created = Topic.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "status": status, "description": DESCRIPTIONS.get(slug, "")},
        )
        topic.directory_topics.set([directory[s] for s in directory_slugs if s in directory])
        result[slug] = topic
    return result


def _actors(
    districts: dict[str, District], topics: dict[str, Topic], coordinator: User | None
) -> dict[str, Actor]:
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    today = timezone.localdate()
    actors: dict[str, Actor] = {}
    for slug, (district, topic_slugs) in HOUSE_ACTORS.items():
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            continue
        actor, _created = Actor.objects.get_or_create(
            organisation=organisation,
            defaults={
                "district": districts[district],
                "created_by": coordinator,
                "created_at": timezone.now() - dt.timedelta(days=400),
                "summary": organisation.description[:300],
                "last_verified": today - dt.timedelta(days=40),
            },
        )
        actor.topics.set([topics[t] for t in topic_slugs])
        actors[slug] = actor
    for index, (name, legal_form, district, topic_slugs, group_slugs, point) in enumerate(
        OUTSIDE_ACTORS
    ):
        slug = f"netzwerk-{index + 1:02d}"
        organisation, _created = Organisation.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": Organisation.Kind.NETWORK_MEMBER,
                "legal_form": legal_form,
                "city": "Kassel",
                "is_public": True,
            },
        )
        # Two entries are overdue (one already flagged), the rest confirmed within months.
        verified = today - dt.timedelta(days=20 + 9 * index)
        if index == 3:
            verified = today - dt.timedelta(days=230)
        if index == 8:
            verified = today - dt.timedelta(days=260)
        actor, created = Actor.objects.get_or_create(
            organisation=organisation,
            defaults={
                "district": districts[district],
                "created_by": coordinator,
                # Three joined recently: the newsletter draft names them.
                "created_at": timezone.now() - dt.timedelta(days=5 + index if index < 3 else 300),
                "last_verified": verified,
                "show_address": point is not None,
                "latitude": point[0] if point else None,
                "longitude": point[1] if point else None,
            },
        )
        if created and index == 8:
            now = timezone.now()
            Actor.objects.filter(pk=actor.pk).update(
                verification_requested_at=now - dt.timedelta(days=45),
                flagged_at=now - dt.timedelta(days=15),
            )
        actor.topics.set([topics[t] for t in topic_slugs])
        actor.target_groups.set([groups[g] for g in group_slugs if g in groups])
        actors[slug] = actor
    return actors


def _closed_round(
    topics: dict[str, Topic], actors: dict[str, Actor], coordinator: User | None
) -> None:
    title = "Prioritäten 2026: Auftakt des Netzwerks"
    if PriorityRound.objects.filter(title=title).exists():
        return
    now = timezone.now()
    with transaction.atomic():
        round_ = PriorityRound.objects.create(
            title=title,
            description="Die Akteure setzen nach der Auftaktveranstaltung ihre gemeinsamen Themen.",
            opens_at=now - dt.timedelta(days=75),
            closes_at=now - dt.timedelta(days=45),
            budget=5,
            cap_per_topic=3,
            min_spread=2,
            created_by=coordinator,
        )
        ballot = ["einsamkeit", "ferien", "ankommen", "armut", "quartierstreffs"]
        round_.topics.set([topics[t] for t in ballot])
        # Each voting organisation spreads its five dots in its own way (deterministic).
        dots = []
        for n, actor in enumerate(list(actors.values())[:30]):
            first, second = ballot[n % 5], ballot[(n * 2 + 1) % 5]
            if first == second:
                second = ballot[(n + 1) % 5]
            picks = [first, first, first, second, second] if n % 7 else [first] * 3
            dots += [
                Dot(round=round_, topic=topics[t], actor=actor, created_at=round_.opens_at)
                for t in picks
            ]
        Dot.objects.bulk_create(dots)
    priorities.freeze_round(round=round_, now=round_.closes_at + dt.timedelta(minutes=5))


def _open_round(
    topics: dict[str, Topic],
    actors: dict[str, Actor],
    users: dict[str, User],
    coordinator: User | None,
) -> None:
    title = "Themen für die zweite Jahreshälfte"
    if PriorityRound.objects.filter(title=title).exists():
        return
    now = timezone.now()
    round_ = priorities.create_round(
        title=title,
        description="Welche Themen sollen die nächsten Arbeitsgruppen bearbeiten?",
        topics=[topics[t] for t in ("engagement", "jugend", "sauberkeit", "gesundheit", "ferien")],
        opens_at=now - dt.timedelta(days=3),
        closes_at=now + dt.timedelta(days=14),
        budget=10,
        cap_per_topic=4,
        min_spread=2,
        created_by=coordinator,
    )
    voter = users.get("tenant_member")
    paritaet = actors.get("paritaetische-nordhessen")
    if voter is not None and paritaet is not None:
        for slug in ("engagement", "engagement", "gesundheit"):
            priorities.place_dot(round=round_, topic=topics[slug], actor=paritaet, user=voter)
    Dot.objects.bulk_create(
        Dot(round=round_, topic=topics[t], actor=actor)
        for actor, t in zip(
            list(actors.values())[8:20], ["jugend", "sauberkeit", "ferien"] * 4, strict=False
        )
    )


def _board(actors: dict[str, Actor]) -> None:
    today = timezone.localdate()
    posts = [
        (
            "netzwerk-03",
            BoardPost.Kind.NEED,
            BoardPost.Category.ROOMS,
            "Raum für Elterncafé gesucht",
            "Dienstags 9–11 Uhr, für etwa 15 Personen, möglichst barrierefrei.",
        ),
        (
            "netzwerk-02",
            BoardPost.Kind.NEED,
            BoardPost.Category.VOLUNTEERS,
            "Besuchspatinnen und -paten gesucht",
            "Für Besuche bei älteren Menschen im Wesertor, etwa eine Stunde pro Woche.",
        ),
        (
            "netzwerk-16",
            BoardPost.Kind.OFFER,
            BoardPost.Category.MATERIAL,
            "Werkzeug zum Ausleihen",
            "Bohrmaschinen, Leitern und Gartengeräte für Aktionen im Stadtteil.",
        ),
        (
            "kiss-kassel",
            BoardPost.Kind.OFFER,
            BoardPost.Category.KNOW_HOW,
            "Gruppengründung begleiten",
            "Wir beraten Initiativen, die eine Selbsthilfe- oder Nachbarschaftsgruppe gründen.",
        ),
        (
            "netzwerk-23",
            BoardPost.Kind.OFFER,
            BoardPost.Category.ROOMS,
            "Saal am Wochenende frei",
            "Unser Saal (60 Plätze) ist samstags oft frei – für gemeinnützige Gruppen kostenlos.",
        ),
        (
            "netzwerk-12",
            BoardPost.Kind.NEED,
            BoardPost.Category.MATERIAL,
            "Bastelmaterial für die Ferienspiele",
            "Papier, Farben, Scheren – alles, was Kinderhände beschäftigt.",
        ),
    ]
    for slug, kind, category, title, description in posts:
        actor = actors.get(slug)
        if actor is None:
            continue
        BoardPost.objects.get_or_create(
            actor=actor,
            title=title,
            defaults={
                "kind": kind,
                "category": category,
                "description": description,
                "expires_on": today + dt.timedelta(days=45),
                "link_url": "",
            },
        )


def _partner_events(actors: dict[str, Actor], topics: dict[str, Topic]) -> None:
    from events.models import Event

    events = list(
        Event.objects.published().upcoming().select_related("organisation").order_by("start")[:6]
    )
    outside = [a for slug, a in actors.items() if slug.startswith("netzwerk-")]
    for n, event in enumerate(events):
        event.network_partners.add(*outside[n * 2 : n * 2 + 2])
        topic = list(topics.values())[n % len(topics)]
        topic.events.add(event)


def _newsletter(users: dict[str, User], coordinator: User | None) -> None:
    for n, email in enumerate(
        [
            "nachbarin@example.org",
            "stadtteil@example.org",
            "info@kirche-nord.example",
            "kita@example.org",
        ]
    ):
        requested = timezone.now() - dt.timedelta(days=60 - n)
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.CONFIRMED,
                "consent_text": "Ich möchte den Newsletter des Stadtteilnetzwerks erhalten.",
                "requested_at": requested,
                "confirmed_at": requested + dt.timedelta(minutes=7),
            },
        )
    if not Newsletter.objects.exists():
        today = timezone.localdate()
        start = today - dt.timedelta(days=30)
        Newsletter.objects.create(
            subject="Neues aus dem Netzwerk der Stadtteilakteure",
            body=assemble_draft(period_start=start, period_end=today),
            period_start=start,
            period_end=today,
            created_by=coordinator,
        )


def _working_groups(
    topics: dict[str, Topic],
    actors: dict[str, Actor],
    users: dict[str, User],
    coordinator: User | None,
) -> None:
    """Two groups at work (one at its planned end in a few days) and one closed with its report."""
    today = timezone.localdate()
    member = users.get("tenant_admin")
    plans = [
        (
            "AG Einsamkeit im Alter",
            "einsamkeit",
            (
                "Besuchsdienste, Treffs und Kirchengemeinden im Wesertor und in Nord-Holland "
                "verbinden; eine gemeinsame Übersicht der Angebote für ältere Menschen erstellen."
            ),
            today + dt.timedelta(days=4),
            ["netzwerk-02", "netzwerk-04", "kiss-kassel", "paritaetische-nordhessen"],
        ),
        (
            "AG Ferienkalender",
            "ferien",
            (
                "Einen gemeinsamen, kostenlosen Ferienkalender für Kinder aus den Stadtteilen "
                "aufbauen und die Sommerferien abstimmen."
            ),
            today + dt.timedelta(days=120),
            ["netzwerk-06", "netzwerk-12", "jugendhilfe-kassel", "netzwerk-18"],
        ),
        (
            "AG Offene Treffpunkte",
            "quartierstreffs",
            "Eine Karte der offenen Treffpunkte erstellen und Öffnungszeiten abstimmen.",
            today + dt.timedelta(days=30),
            ["netzwerk-03", "netzwerk-10", "stadtteilinitiative-nord-holland"],
        ),
    ]
    for name, topic_slug, mandate, planned_end, actor_slugs in plans:
        if WorkingGroup.objects.filter(committee__name=name).exists():
            continue
        chosen = [actors[s] for s in actor_slugs if s in actors]
        group = groups.start_working_group(
            name=name,
            topic=topics[topic_slug],
            mandate=mandate,
            planned_end=planned_end,
            actors=chosen,
            started_by=coordinator,
            chair=member if topic_slug == "einsamkeit" else None,
            chair_organisation=actors.get("paritaetische-nordhessen"),
        )
        if topic_slug == "quartierstreffs":
            groups.close_working_group(
                group=group,
                attendee_count=14,
                organisations=chosen,
                decisions="Die Treffs stimmen ihre Öffnungszeiten ab: an jedem Werktag ist "
                "mindestens ein Treff im Stadtteil offen.",
                projects="Gemeinsamer Flyer „Offene Türen im Quartier“ in fünf Sprachen.",
                events="Tag der offenen Treffs im September.",
                documents="Übersicht der Treffpunkte (PDF) im Netzwerkordner.",
                closed_by=coordinator,
            )
            Topic.objects.filter(pk=topics[topic_slug].pk).update(status=Topic.Status.DONE)


@transaction.atomic
def seed(*, users: dict[str, User]) -> dict[str, Any]:
    coordinator = users.get("network_coordinator")
    districts = ensure_districts()
    topics = _topics()
    actors = _actors(districts, topics, coordinator)
    if coordinator is not None:
        District.objects.filter(steward__isnull=True).update(steward=coordinator)
    # The PARITÄTISCHE's people vote and post for it (tenants.demo makes them members).
    paritaet = actors.get("paritaetische-nordhessen")
    if paritaet is not None and "tenant_admin" in users:
        Membership.objects.get_or_create(
            user=users["tenant_admin"],
            organisation=paritaet.organisation,
            defaults={"role": "admin"},
        )
    _closed_round(topics, actors, coordinator)
    _open_round(topics, actors, users, coordinator)
    _working_groups(topics, actors, users, coordinator)
    _board(actors)
    _partner_events(actors, topics)
    _newsletter(users, coordinator)
    return {"actors": actors, "topics": topics}
