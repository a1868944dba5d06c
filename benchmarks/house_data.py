"""The realistic spread of the benchmark house: a directory and varied bookings and events.

Called by ``benchmarks/generate.py`` (Django is set up there). Idempotent:

* 200 organisations (tenants and network partners) with varied names, each with three
  services (600) with target groups, topics, languages and consultation hours;
* the generated bookings spread over those organisations with varied titles, some
  requested, some public;
* every generated event gets one to three target groups and languages.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction

ORGANISATIONS = 200
SERVICES_EACH = 3
WORDS = [
    "Beratung",
    "Familie",
    "Schulden",
    "Migration",
    "Sucht",
    "Selbsthilfe",
    "Nachbarschaft",
    "Kultur",
    "Jugend",
    "Senioren",
    "Arbeit",
    "Wohnen",
    "Gesundheit",
    "Bildung",
    "Sprache",
    "Recht",
    "Frauen",
    "Eltern",
    "Pflege",
    "Inklusion",
    "Umwelt",
    "Sport",
    "Musik",
    "Kunst",
    "Begegnung",
    "Lernen",
    "Ehrenamt",
    "Stadtteil",
    "Hilfe",
    "Netzwerk",
]
KINDS = ("Verein", "gGmbH", "Initiative", "Netzwerk", "Stiftung", "Genossenschaft")
TITLES = (
    "Vorstandssitzung",
    "Mitgliederversammlung",
    "Gruppentreffen",
    "Workshop",
    "Fortbildung",
    "Sprechstunde",
    "Chorprobe",
    "Elternabend",
    "Beratungstag",
    "Teamklausur",
)


def generate(scale: float) -> dict:
    rng = random.Random(7)  # noqa: S311 - reproducible test data, not security
    organisations = _directory(rng)
    _vary_bookings(organisations)
    _vary_events(rng)
    return {"organisation_slugs": organisations}


def _directory(rng: random.Random) -> list[str]:
    from tenants.models import (
        ConsultationHours,
        Language,
        Organisation,
        Service,
        TargetGroup,
        Topic,
    )
    from tenants.services import refresh_search_text

    have = Organisation.objects.filter(slug__startswith="bench-org-").count()
    if have < ORGANISATIONS:
        groups = list(TargetGroup.objects.all())
        topics = list(Topic.objects.all())
        languages = list(Language.objects.all())
        with transaction.atomic():
            for n in range(have, ORGANISATIONS):
                a, b = rng.sample(WORDS, 2)
                organisation = Organisation.objects.create(
                    name=f"{a} und {b} {KINDS[n % len(KINDS)]} {n}",
                    slug=f"bench-org-{n}",
                    kind=(Organisation.Kind.TENANT, Organisation.Kind.PARTNER)[n % 2],
                    description=f"Wir bieten {a} und {b} für alle im Stadtteil. " * 3,
                    email=f"info@bench-org-{n}.example",
                    phone="0561 123456",
                    is_public=True,
                    office_floor=n % 5,
                    office_room=f"{n % 5}.{n % 40:02d}",
                )
                organisation.languages.set(rng.sample(languages, min(2, len(languages))))
                for k in range(SERVICES_EACH):
                    c = rng.choice(WORDS)
                    service = Service.objects.create(
                        organisation=organisation,
                        name=f"{c}-Sprechstunde {k + 1}",
                        slug=f"{c.lower()}-{k + 1}",
                        description=f"{c}: offene Beratung, vertraulich und kostenlos. " * 4,
                        access_walk_in=k % 2 == 0,
                        contact_name="Frau Muster",
                        email=f"{c.lower()}@bench-org-{n}.example",
                    )
                    service.target_groups.set(rng.sample(groups, min(2, len(groups))))
                    service.topics.set(rng.sample(topics, min(2, len(topics))))
                    service.languages.set(rng.sample(languages, min(2, len(languages))))
                    ConsultationHours.objects.create(
                        organisation=organisation,
                        service=service,
                        weekday=(n + k) % 5,
                        opens_at=dt.time(9 + k * 2, 0),
                        closes_at=dt.time(11 + k * 2, 0),
                    )
                    refresh_search_text(service=service)
    return list(
        Organisation.objects.filter(slug__startswith="bench-org-")
        .order_by("pk")
        .values_list("slug", flat=True)
    )


def _vary_bookings(organisation_slugs: list[str]) -> None:
    """Spread the generated bookings over the organisations, with varied titles (SQL:
    300,000 rows in one statement each)."""
    from rooms.models import Booking
    from tenants.models import Organisation

    ids = list(
        Organisation.objects.filter(slug__in=organisation_slugs).values_list("pk", flat=True)
    )
    if not ids or not Booking.objects.filter(title__startswith="Gruppentreffen ").exists():
        return
    table = Booking._meta.db_table
    titles = "ARRAY[" + ",".join(f"'{t}'" for t in TITLES) + "]"
    organisations = "ARRAY[" + ",".join(str(pk) for pk in ids) + "]"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET "
            f"title = ({titles})[1 + id % {len(TITLES)}] || ' ' || (id % 97), "
            f"organisation_id = ({organisations})[1 + id % {len(ids)}], "
            "show_title_publicly = (id % 3 = 0), "
            "state = CASE WHEN id % 17 = 0 THEN 'requested' ELSE state END "
            "WHERE title LIKE 'Gruppentreffen %%'"
        )


def _vary_events(rng: random.Random) -> None:
    """One to three target groups and languages for every generated event."""
    from events.models import Event
    from tenants.models import Language, TargetGroup

    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    languages = list(Language.objects.values_list("pk", flat=True))
    through = Event.target_groups.through
    if through.objects.filter(event__slug="bench-1").count() > 1 or not groups:
        return
    events = list(Event.objects.filter(slug__startswith="bench-").values_list("pk", flat=True))
    links = []
    language_links = []
    for pk in events:
        for group in rng.sample(groups, rng.randint(1, min(3, len(groups)))):
            links.append(through(event_id=pk, targetgroup_id=group))
        for language in rng.sample(languages, rng.randint(1, min(2, len(languages)))):
            language_links.append(Event.languages.through(event_id=pk, language_id=language))
    through.objects.bulk_create(links, batch_size=5000, ignore_conflicts=True)
    Event.languages.through.objects.bulk_create(
        language_links, batch_size=5000, ignore_conflicts=True
    )
