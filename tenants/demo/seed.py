"""Seeding the demo organisations, their members and services, idempotently (slugs are stable)."""

from __future__ import annotations

import importlib
from typing import Any

from django.db import transaction

from house.models import User
from tenants import services
from tenants.demo.guests import GUESTS
from tenants.demo.house_tenants import TENANTS
from tenants.models import (
    ConsultationHours,
    Contact,
    Language,
    Membership,
    Organisation,
    Service,
    TargetGroup,
    Topic,
)

ORGANISATIONS: list[dict[str, Any]] = [*TENANTS, *GUESTS]

SERVICE_DEFAULTS = {
    "eligibility": "",
    "is_free": True,
    "cost_description": "",
    "access_walk_in": False,
    "access_appointment": False,
    "access_phone": False,
    "access_online": False,
    "contact_name": "",
    "email": "",
    "phone": "",
    "accessibility": "",
}


def _seed_service(organisation: Organisation, data: dict[str, Any], vocab: dict[str, Any]) -> None:
    data = dict(data)
    hours = data.pop("hours")
    groups = data.pop("target_groups")
    topics = data.pop("topics")
    languages = data.pop("languages")
    slug = data.pop("slug")
    service, _created = Service.objects.update_or_create(
        organisation=organisation,
        slug=slug,
        defaults={**SERVICE_DEFAULTS, **data, "status": Service.Status.ACTIVE},
    )
    service.target_groups.set([vocab["groups"][s] for s in groups])
    service.topics.set([vocab["topics"][s] for s in topics])
    service.languages.set([vocab["languages"][s] for s in languages])
    service.schedules.all().delete()
    ConsultationHours.objects.bulk_create(
        ConsultationHours(
            organisation=organisation,
            service=service,
            weekday=day,
            opens_at=opens,
            closes_at=closes,
            week_of_month=week,
        )
        for day, opens, closes, week in hours
    )
    services.refresh_search_text(service=service)


def ensure_vocabularies() -> None:
    """Restore the shared vocabularies of migration 0002 (a test database flush removes them)."""
    terms = importlib.import_module("tenants.migrations.0002_add_vocabularies")
    for model, rows in (
        (TargetGroup, terms.TARGET_GROUPS),
        (Topic, terms.TOPICS),
        (Language, terms.LANGUAGES),
    ):
        for position, (slug, name, name_en) in enumerate(rows):
            model.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en, "position": position}
            )


@transaction.atomic
def seed(*, users: dict[str, User]) -> dict[str, Organisation]:
    ensure_vocabularies()
    vocab: dict[str, dict[str, Any]] = {
        "groups": {t.slug: t for t in TargetGroup.objects.all()},
        "topics": {t.slug: t for t in Topic.objects.all()},
        "languages": {t.slug: t for t in Language.objects.all()},
    }
    result: dict[str, Organisation] = {}
    for raw in ORGANISATIONS:
        data = dict(raw)
        slug = data.pop("slug")
        languages = data.pop("languages", [])
        contacts = data.pop("contacts", [])
        office_hours = data.pop("office_hours", [])
        service_list = data.pop("services", [])
        data.setdefault("city", "Kassel")
        data.setdefault("is_public", True)
        organisation, _created = Organisation.objects.update_or_create(slug=slug, defaults=data)
        organisation.languages.set([vocab["languages"][s] for s in languages])
        for position, (name, function, email, public) in enumerate(contacts):
            Contact.objects.update_or_create(
                organisation=organisation,
                name=name,
                defaults={
                    "function": function,
                    "email": email,
                    "is_public": public,
                    "position": position,
                },
            )
        organisation.schedules.filter(service__isnull=True).delete()
        ConsultationHours.objects.bulk_create(
            ConsultationHours(organisation=organisation, weekday=d, opens_at=o, closes_at=c)
            for d, o, c in office_hours
        )
        for service_data in service_list:
            _seed_service(organisation, service_data, vocab)
        result[slug] = organisation

    paritaet = result["paritaetische-nordhessen"]
    for key, role in (
        ("tenant_admin", Membership.Role.ADMIN),
        ("tenant_member", Membership.Role.MEMBER),
    ):
        if key in users:
            Membership.objects.update_or_create(
                user=users[key], organisation=paritaet, defaults={"role": role}
            )
    return result
