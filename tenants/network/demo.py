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
)
from tenants.network.services import priorities
from tenants.network.services.newsletter import assemble_draft

if TYPE_CHECKING:
    from house.models import User

L = Organisation.LegalForm

#: Tenants of the house (tenants.demo) with their district and network topics.
HOUSE_ACTORS = {
    "paritaetische-nordhessen": ("mitte", ["engagement", "einsamkeit", "quartierstreffs"]),
    "akgg": ("mitte", ["quartierstreffs"]),
    "jugendhilfe-kassel": ("mitte", ["jugend", "ferien"]),
    "beratungszentrum": ("mitte", ["ankommen", "armut"]),
    "kiss-kassel": ("mitte", ["einsamkeit", "gesundheit"]),
    "freiwillig-in-kassel": ("mitte", ["engagement", "ankommen"]),
    "stadt-kassel-sozialamt": ("mitte", ["armut", "quartierstreffs"]),
    "stadtteilinitiative-nord-holland": ("nord-holland", ["quartierstreffs", "sauberkeit"]),
}

#: Actors outside the house: (name, legal form, district, topics, target groups, point or None).
OUTSIDE_ACTORS: list[tuple[str, str, str, list[str], list[str], tuple[float, float] | None]] = [
    (
        "Freiwilligenzentrum Region Kassel",
        L.EV,
        "mitte",
        ["engagement"],
        ["alle"],
        (51.3163, 9.4968),
    ),
    (
        "Hand in Hand e.V. – Nachbarschaftshilfe",
        L.EV,
        "wesertor",
        ["einsamkeit", "engagement"],
        ["senioren"],
        (51.3228, 9.5086),
    ),
    (
        "Stadtteilzentrum Wesertor",
        L.EV,
        "wesertor",
        ["quartierstreffs", "jugend"],
        ["alle"],
        (51.3262, 9.5062),
    ),
    (
        "Ev. Kirchengemeinde Nord-Holland",
        L.OTHER,
        "nord-holland",
        ["einsamkeit", "armut"],
        ["senioren", "familien"],
        (51.3321, 9.4925),
    ),
    (
        "Kath. Pfarrei St. Familia (Vorderer Westen)",
        L.OTHER,
        "vorderer-westen",
        ["einsamkeit"],
        ["senioren"],
        (51.3128, 9.4701),
    ),
    (
        "Grundschule Am Wall (Förderverein)",
        L.EV,
        "nord-holland",
        ["jugend", "ferien"],
        ["kinder-jugendliche", "familien"],
        None,
    ),
    (
        "Kulturzentrum Schlachthof",
        L.EV,
        "nord-holland",
        ["jugend", "ankommen"],
        ["kinder-jugendliche", "gefluechtete-migranten"],
        (51.3293, 9.4917),
    ),
    (
        "Quartiersmanagement Nord-Holland",
        L.PUBLIC_BODY,
        "nord-holland",
        ["quartierstreffs", "sauberkeit"],
        ["alle"],
        (51.3307, 9.4962),
    ),
    (
        "Mieterbeirat Rothenditmold",
        L.INITIATIVE,
        "rothenditmold",
        ["sauberkeit", "armut"],
        ["alle"],
        None,
    ),
    (
        "Stadtteiltreff Rothenditmold",
        L.EV,
        "rothenditmold",
        ["quartierstreffs", "einsamkeit"],
        ["senioren", "familien"],
        (51.3262, 9.4706),
    ),
    (
        "Sportverein Rot-Weiß Rothenditmold",
        L.EV,
        "rothenditmold",
        ["jugend", "gesundheit"],
        ["kinder-jugendliche"],
        None,
    ),
    (
        "Familienzentrum Südstadt",
        L.EV,
        "suedstadt",
        ["ferien", "armut"],
        ["familien"],
        (51.3018, 9.4906),
    ),
    (
        "Seniorentreff Südstadt",
        L.INITIATIVE,
        "suedstadt",
        ["einsamkeit", "gesundheit"],
        ["senioren"],
        None,
    ),
    (
        "Tafel Kassel – Ausgabestelle Süd",
        L.EV,
        "suedstadt",
        ["armut"],
        ["finanzielle-notlage"],
        (51.2989, 9.4873),
    ),
    (
        "Stadtteilladen Vorderer Westen",
        L.INITIATIVE,
        "vorderer-westen",
        ["quartierstreffs"],
        ["alle"],
        (51.3151, 9.4682),
    ),
    (
        "Offene Werkstatt Westend",
        L.EV,
        "vorderer-westen",
        ["engagement", "sauberkeit"],
        ["alle"],
        None,
    ),
    (
        "Bürgerverein Wehlheiden",
        L.EV,
        "wehlheiden",
        ["quartierstreffs", "sauberkeit"],
        ["alle"],
        (51.3003, 9.4673),
    ),
    (
        "Jugendtreff Wehlheiden",
        L.PUBLIC_BODY,
        "wehlheiden",
        ["jugend", "ferien"],
        ["kinder-jugendliche"],
        None,
    ),
    (
        "Nachbarschaftscafé Wehlheiden",
        L.INITIATIVE,
        "wehlheiden",
        ["einsamkeit"],
        ["senioren"],
        None,
    ),
    (
        "Gemeinschaftsgarten Unterneustadt",
        L.INITIATIVE,
        "unterneustadt",
        ["sauberkeit", "engagement"],
        ["alle"],
        (51.3131, 9.5151),
    ),
    (
        "Integrationslotsen Unterneustadt",
        L.INITIATIVE,
        "unterneustadt",
        ["ankommen"],
        ["gefluechtete-migranten"],
        None,
    ),
    (
        "Kita Unterneustadt (Elternbeirat)",
        L.INITIATIVE,
        "unterneustadt",
        ["ferien"],
        ["familien", "kinder-jugendliche"],
        None,
    ),
    (
        "Stadtteilzentrum Bettenhausen",
        L.EV,
        "bettenhausen",
        ["quartierstreffs", "ankommen"],
        ["alle"],
        (51.3201, 9.5306),
    ),
    (
        "Moschee-Gemeinde Bettenhausen",
        L.EV,
        "bettenhausen",
        ["ankommen", "jugend"],
        ["gefluechtete-migranten", "familien"],
        None,
    ),
    (
        "Sportverein Bettenhausen 1912",
        L.EV,
        "bettenhausen",
        ["jugend", "gesundheit"],
        ["kinder-jugendliche"],
        None,
    ),
    (
        "Stadtbibliothek – Zweigstelle Mitte",
        L.PUBLIC_BODY,
        "mitte",
        ["ankommen", "jugend"],
        ["alle"],
        (51.3148, 9.4946),
    ),
    (
        "Caritas-Sozialstation Mitte",
        L.OTHER,
        "mitte",
        ["gesundheit", "einsamkeit"],
        ["senioren", "behinderung"],
        (51.3139, 9.4999),
    ),
    (
        "Sprachcafé International",
        L.INITIATIVE,
        "mitte",
        ["ankommen"],
        ["gefluechtete-migranten"],
        None,
    ),
    (
        "Repair-Café Nord",
        L.INITIATIVE,
        "nord-holland",
        ["sauberkeit", "engagement"],
        ["alle"],
        None,
    ),
    (
        "Lesepaten Kassel",
        L.INITIATIVE,
        "wesertor",
        ["jugend", "engagement"],
        ["kinder-jugendliche"],
        None,
    ),
    (
        "Hospizverein Kassel",
        L.EV,
        "vorderer-westen",
        ["einsamkeit", "gesundheit"],
        ["senioren"],
        (51.3113, 9.4741),
    ),
    (
        "Wohnungslosenhilfe Panama",
        L.EV,
        "wesertor",
        ["armut", "gesundheit"],
        ["finanzielle-notlage"],
        (51.3219, 9.5021),
    ),
]

#: Network topics: (slug, name, status, directory topics).
TOPICS = [
    ("einsamkeit", "Einsamkeit im Alter", Topic.Status.IN_WORK, ["senioren"]),
    ("ferien", "Ferienangebote für Kinder", Topic.Status.PRIORITISED, ["familie", "jugendhilfe"]),
    ("ankommen", "Ankommen im Stadtteil", Topic.Status.PRIORITISED, ["migrationsberatung"]),
    ("armut", "Armut im Quartier", Topic.Status.IN_WORK, ["schuldnerberatung"]),
    ("engagement", "Ehrenamt gewinnen und halten", Topic.Status.PROPOSED, ["ehrenamt"]),
    ("quartierstreffs", "Offene Treffpunkte im Quartier", Topic.Status.DONE, []),
    ("jugend", "Räume für Jugendliche", Topic.Status.PROPOSED, ["jugendhilfe"]),
    ("sauberkeit", "Saubere und sichere Plätze", Topic.Status.PROPOSED, []),
    ("gesundheit", "Gesund älter werden", Topic.Status.PROPOSED, ["gesundheit", "senioren"]),
]

DESCRIPTIONS = {
    "einsamkeit": "Viele ältere Menschen in den Stadtteilen leben allein. Wie erreichen wir sie, "
    "und wie verbinden wir Besuchsdienste, Treffs und Kirchengemeinden?",
    "ferien": "In den Sommerferien fehlen bezahlbare Angebote für Kinder, deren Familien nicht "
    "verreisen. Gemeinsamer Ferienkalender der Akteure?",
    "ankommen": "Neu Zugezogene und Geflüchtete finden schwer Zugang zu den Angeboten im "
    "Stadtteil. Lotsen, Sprachcafés und mehrsprachige Informationen bündeln.",
}


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
            "Wir beraten Initiativen, die eine Selbsthilfe- oder Nachbarschaftsgruppe gründen wollen.",
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
                "consent_text": "Ich möchte den Newsletter des Stadtteilnetzwerks per E-Mail erhalten.",
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
    _board(actors)
    _partner_events(actors, topics)
    _newsletter(users, coordinator)
    return {"actors": actors, "topics": topics}
