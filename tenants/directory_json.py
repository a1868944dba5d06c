"""``/directory.json``: the public directory as open data, shaped after Open Referral HSDS 3.0.

HSDS objects (organization, service, location, service_at_location, schedule,
language, taxonomy, taxonomy_term, attribute) keep their HSDS field names.
What HSDS lacks for a German house of social services is added with the
``x_`` prefix and described in ``docs/directory-json.md`` (the "Hausportal
profile").
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from tenants.models import ConsultationHours, Language, Organisation, Service, TargetGroup, Topic

PROFILE = "hausportal-de/1"
PROFILE_DOCUMENTATION = "docs/directory-json.md"
HSDS_VERSION = "3.0"
_NAMESPACE = uuid.UUID("6f1c9a57-8d1e-4a57-9a0c-2b8f5c1f4e11")
_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_STATUS: dict[str, str] = {
    Service.Status.ACTIVE: "active",
    Service.Status.TEMPORARILY_CLOSED: "inactive",
    Service.Status.ENDED: "defunct",
}


def stable_id(kind: str, key: object) -> str:
    """HSDS wants UUIDs; ours are derived from the row, so they never change."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def _schedule(hours: ConsultationHours, service: Service) -> dict[str, Any]:
    byday = _BYDAY[hours.weekday]
    if hours.week_of_month is not None:
        byday = f"{hours.week_of_month}{byday}"
    return {
        "id": stable_id("schedule", hours.pk),
        "service_id": stable_id("service", service.pk),
        "freq": "WEEKLY" if hours.week_of_month is None else "MONTHLY",
        "interval": 1,
        "byday": byday,
        "wkst": "MO",
        "opens_at": hours.opens_at.strftime("%H:%M"),
        "closes_at": hours.closes_at.strftime("%H:%M"),
        "description": hours.note or None,
        "x_timezone": "Europe/Berlin",
    }


def _term(term: Any, taxonomy: str) -> dict[str, Any]:
    return {
        "id": stable_id(taxonomy, term.slug),
        "code": term.slug,
        "name": term.name,
        "x_name_en": term.name_en,
        "taxonomy_id": stable_id("taxonomy", taxonomy),
    }


def _attribute(service: Service, term: Any, taxonomy: str) -> dict[str, Any]:
    return {
        "id": stable_id("attribute", f"{service.pk}:{taxonomy}:{term.slug}"),
        "link_id": stable_id("service", service.pk),
        "link_type": "service",
        "link_entity": "service",
        "taxonomy_term_id": stable_id(taxonomy, term.slug),
    }


def _location(organisation: Organisation, house: Any) -> dict[str, Any]:
    address = []
    if house is not None:
        address = [
            {
                "id": stable_id("address", organisation.pk),
                "address_1": house.street,
                "city": house.city,
                "region": house.get_federal_state_display(),
                "postal_code": house.postcode,
                "country": "DE",
                "address_type": "physical",
            }
        ]
    return {
        "id": stable_id("location", organisation.pk),
        "location_type": "physical",
        "name": organisation.name,
        "organization_id": stable_id("organization", organisation.pk),
        "addresses": address,
        "x_floor": organisation.office_floor,
        "x_room": organisation.office_room or None,
    }


def _hsds(item: dict[str, Any]) -> dict[str, Any]:
    """Leave out HSDS fields the house does not know: the schema types them as strings,
    so an unknown value is an absent field, never ``null``. Profile fields (``x_``)
    keep ``null`` for "not given"."""
    return {
        key: _hsds_nested(value)
        for key, value in item.items()
        if value is not None or key.startswith("x_")
    }


def _hsds_nested(value: Any) -> Any:
    if isinstance(value, list):
        return [_hsds(v) if isinstance(v, dict) else v for v in value]
    return value


def directory_document(*, base_url: str) -> dict[str, Any]:
    """Every public organisation and service of the house as one HSDS-shaped document."""
    from house.context_processors import current_house

    house = current_house()
    organisations = list(Organisation.objects.public().with_profile().order_by("name"))
    services = list(
        Service.objects.public()
        .select_related("organisation")
        .prefetch_related("target_groups", "topics", "languages", "schedules")
        .order_by("organisation__name", "name")
    )
    taxonomies: dict[str, list[Any]] = {
        "target_group": list(TargetGroup.objects.all()),
        "topic": list(Topic.objects.all()),
    }
    return {
        "hsds_version": HSDS_VERSION,
        "profile": PROFILE,
        "profile_documentation": PROFILE_DOCUMENTATION,
        "generated_at": timezone.now().isoformat(),
        "organizations": [
            _hsds(
                {
                    "id": stable_id("organization", org.pk),
                    "name": org.name,
                    "description": org.description,
                    "email": org.email or None,
                    "website": org.website or None,
                    "logo": base_url + org.logo.url if org.logo else None,
                    "uri": base_url + org.get_absolute_url(),
                    "legal_status": org.get_legal_form_display(),
                    "phones": [
                        {
                            "id": stable_id("phone", f"organization:{org.pk}"),
                            "organization_id": stable_id("organization", org.pk),
                            "number": org.phone,
                        }
                    ]
                    if org.phone
                    else [],
                    "x_kind": org.kind,
                    "x_legal_form": org.legal_form,
                    "x_nonprofit_proof_valid": org.has_valid_nonprofit_proof(),
                    "x_languages": [lang.slug for lang in org.languages.all()],
                }
            )
            for org in organisations
        ],
        "locations": [_location(org, house) for org in organisations],
        "services": [
            _hsds(
                {
                    "id": stable_id("service", s.pk),
                    "organization_id": stable_id("organization", s.organisation_id),
                    "name": s.name,
                    "description": s.description,
                    "url": base_url + s.get_absolute_url(),
                    "email": s.email or None,
                    "status": _STATUS[s.status],
                    "eligibility_description": s.eligibility or None,
                    "fees_description": s.cost_description or None,
                    "application_process": ", ".join(s.access_labels) or None,
                    "assured_date": s.last_verified.isoformat(),
                    "phones": [
                        {
                            "id": stable_id("phone", f"service:{s.pk}"),
                            "service_id": stable_id("service", s.pk),
                            "number": s.phone,
                        }
                    ]
                    if s.phone
                    else [],
                    "contacts": [
                        {
                            "id": stable_id("contact", f"service:{s.pk}"),
                            "service_id": stable_id("service", s.pk),
                            "name": s.contact_name,
                        }
                    ]
                    if s.contact_name
                    else [],
                    "languages": [
                        {
                            "id": stable_id("language", f"{s.pk}:{lang.slug}"),
                            "name": lang.name,
                            "code": lang.slug,
                        }
                        for lang in s.languages.all()
                    ],
                    "schedules": [_schedule(h, s) for h in s.schedules.all()],
                    "service_at_locations": [
                        {
                            "id": stable_id("service_at_location", s.pk),
                            "service_id": stable_id("service", s.pk),
                            "location_id": stable_id("location", s.organisation_id),
                            "description": s.location_label or None,
                        }
                    ],
                    "attributes": [_attribute(s, t, "target_group") for t in s.target_groups.all()]
                    + [_attribute(s, t, "topic") for t in s.topics.all()],
                    "x_free": s.is_free,
                    "x_access_methods": [
                        name
                        for name, on in (
                            ("walk_in", s.access_walk_in),
                            ("appointment", s.access_appointment),
                            ("phone", s.access_phone),
                            ("online", s.access_online),
                        )
                        if on
                    ],
                    "x_accessibility": s.accessibility or None,
                    "x_floor": s.location_floor
                    if s.location_floor is not None
                    else s.organisation.office_floor,
                    "x_room": s.location_room or s.organisation.office_room or None,
                }
            )
            for s in services
        ],
        "taxonomies": [
            {
                "id": stable_id("taxonomy", "target_group"),
                "name": "Zielgruppen",
                "description": "Hausportal: Zielgruppen (x-hausportal-zielgruppen)",
            },
            {
                "id": stable_id("taxonomy", "topic"),
                "name": "Themen",
                "description": "Hausportal: Themen (x-hausportal-themen)",
            },
        ],
        "taxonomy_terms": [
            _term(term, taxonomy) for taxonomy, terms in taxonomies.items() for term in terms
        ],
        "x_languages": [
            {"code": lang.slug, "name": lang.name, "name_en": lang.name_en}
            for lang in Language.objects.all()
        ],
    }
