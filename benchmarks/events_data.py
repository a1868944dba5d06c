"""The events part of the benchmark data: 20,000 events and 200,000 registrations at scale 1.

Called by ``benchmarks/generate.py`` (Django is set up there). Idempotent: a
database that already holds the events is kept. Events spread over ten years
around today, a third of them with registration; registrations are written
with the seat counter kept right, as the services would leave it.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.db.models import Count, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

BATCH = 5000
CATEGORIES = ("education", "health", "culture", "counselling", "conference", "network", "cafe")


def generate(scale: float) -> dict:
    from events.models import Event, Registration
    from tenants.models import Organisation, TargetGroup

    wanted_events = int(20_000 * scale)
    wanted_registrations = int(200_000 * scale)
    rng = random.Random(42)  # noqa: S311 - reproducible test data, not security
    organisations = list(Organisation.objects.values_list("pk", flat=True)) or [None]
    groups = list(TargetGroup.objects.values_list("pk", flat=True))
    existing = Event.objects.filter(slug__startswith="bench-").count()
    if existing < wanted_events:
        today = timezone.localdate()
        rows = []
        for n in range(existing, wanted_events):
            day = today + dt.timedelta(days=rng.randint(-1800, 1800))
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(9, 19), 0)))
            needs = n % 3 == 0
            rows.append(
                Event(
                    title=f"Veranstaltung {n}",
                    slug=f"bench-{n}",
                    summary="Ein Angebot des Hauses für alle im Stadtteil.",
                    category=CATEGORIES[n % len(CATEGORIES)],
                    organisation_id=rng.choice(organisations),
                    venue_name="Treppe 4",
                    address="Treppenstraße 4, 34117 Kassel",
                    start=start,
                    end=start + dt.timedelta(hours=2),
                    publication=Event.Publication.PUBLISHED,
                    registration_mode="required" if needs else "none",
                    capacity=60 if needs else None,
                    max_seats_per_registration=4,
                )
            )
            if len(rows) >= BATCH:
                Event.objects.bulk_create(rows)
                rows = []
        Event.objects.bulk_create(rows)
        through = Event.target_groups.through
        if groups:
            links = [
                through(event_id=pk, targetgroup_id=rng.choice(groups))
                for pk in Event.objects.filter(
                    slug__startswith="bench-", target_groups__isnull=True
                ).values_list("pk", flat=True)
            ]
            through.objects.bulk_create(links, batch_size=BATCH, ignore_conflicts=True)
    with_registration = list(
        Event.objects.filter(slug__startswith="bench-", registration_mode="required")
        .annotate(n=Count("registrations"))
        .values_list("pk", "n")
    )
    have = sum(n for _pk, n in with_registration)
    if have < wanted_registrations and with_registration:
        per_event = max(1, wanted_registrations // len(with_registration))
        rows = []
        for pk, n in with_registration:
            for i in range(n, min(per_event, 50)):
                rows.append(
                    Registration(
                        event_id=pk,
                        name=f"Gast {i}",
                        email=f"gast{i}.{pk}@example.org",
                        seats=1,
                        status=Registration.Status.CONFIRMED,
                        consent_at=timezone.now(),
                    )
                )
                if len(rows) >= BATCH:
                    Registration.objects.bulk_create(rows)
                    rows = []
        Registration.objects.bulk_create(rows)
        with transaction.atomic():
            taken = (
                Registration.objects.filter(event=OuterRef("pk"), status="confirmed")
                .values("event")
                .annotate(s=Sum("seats"))
                .values("s")
            )
            Event.objects.filter(slug__startswith="bench-", registration_mode="required").update(
                seats_taken=Coalesce(Subquery(taken), 0)
            )
    upcoming = (
        Event.objects.filter(
            slug__startswith="bench-", registration_mode="required", start__gte=timezone.now()
        )
        .order_by("start")
        .first()
    )
    return {
        "counts": {
            "events": Event.objects.count(),
            "registrations": Registration.objects.count(),
        },
        "pages": [
            ("event list", "/events/", False),
            ("event list, filtered", "/events/?category=health&target_group=senioren", False),
            ("event detail", f"/events/{upcoming.slug}/" if upcoming else "/events/", False),
        ],
    }
