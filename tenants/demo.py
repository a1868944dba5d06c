"""Demo organisations of Treppe 4 (seed 000) with their services in the Wegweiser (seed 004).

Called by ``seed_demo`` with the persona users; idempotent (slugs are stable).
The texts are realistic but invented; addresses and phone numbers are examples.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.db import transaction

from house.models import User
from tenants import services
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

K = Organisation.Kind
L = Organisation.LegalForm
MO, TU, WE, TH, FR = range(5)


def _t(h: int, m: int = 0) -> dt.time:
    return dt.time(h, m)


ORGANISATIONS: list[dict[str, Any]] = [
    {
        "slug": "paritaetische-nordhessen",
        "name": "Der PARITÄTISCHE Hessen – Geschäftsstelle Nordhessen",
        "kind": K.TENANT,
        "legal_form": L.EV,
        "nonprofit_notice_date": dt.date(2024, 5, 14),
        "description": (
            "Die Geschäftsstelle des PARITÄTISCHEN in Nordhessen berät und vertritt rund 150 "
            "Mitgliedsorganisationen – von der Selbsthilfegruppe bis zum großen sozialen Träger. "
            "Gemeinsam mit dem AKGG hat sie Treppe 4 als Haus der Sozialwirtschaft gegründet."
        ),
        "website": "https://www.paritaet-hessen.example/nordhessen",
        "email": "nordhessen@paritaet-hessen.example",
        "phone": "0561 000 10",
        "office_floor": 2,
        "office_room": "2.01",
        "tenancy_since": dt.date(2018, 1, 2),
        "languages": ["de", "en"],
        "contacts": [
            (
                "Sabine Krüger",
                "Regionalgeschäftsführerin",
                "s.krueger@paritaet-hessen.example",
                True,
            ),
            ("Deniz Yilmaz", "Fachberatung Vereine", "d.yilmaz@paritaet-hessen.example", True),
            ("Verwaltung", "Rechnungen und Verträge", "verwaltung@paritaet-hessen.example", False),
        ],
        "office_hours": [(MO, _t(9), _t(16)), (TU, _t(9), _t(16)), (TH, _t(9), _t(16))],
        "services": [
            {
                "slug": "fachberatung-vereine",
                "name": "Fachberatung für Vereine und Initiativen",
                "description": (
                    "Wir beraten gemeinnützige Vereine und Initiativen zu Satzung, "
                    "Gemeinnützigkeit, Fördermitteln, Personal und Qualitätsentwicklung. "
                    "Für Mitgliedsorganisationen kostenfrei."
                ),
                "target_groups": ["alle"],
                "topics": ["ehrenamt", "arbeit"],
                "languages": ["de", "en"],
                "eligibility": "Gemeinnützige Organisationen und Initiativen aus Nordhessen.",
                "access_appointment": True,
                "access_phone": True,
                "contact_name": "Deniz Yilmaz",
                "email": "fachberatung@paritaet-hessen.example",
                "hours": [(TU, _t(10), _t(12), None), (TH, _t(14), _t(16), None)],
            },
            {
                "slug": "freiwilligendienste",
                "name": "Beratung zu FSJ und Bundesfreiwilligendienst",
                "description": (
                    "Sie möchten ein Freiwilliges Soziales Jahr oder einen Bundesfreiwilligendienst "
                    "machen? Wir informieren über Einsatzstellen in Nordhessen, Bewerbung, "
                    "Taschengeld und Seminare."
                ),
                "target_groups": ["kinder-jugendliche", "alle"],
                "topics": ["ehrenamt", "arbeit"],
                "languages": ["de"],
                "access_walk_in": True,
                "access_appointment": True,
                "hours": [(WE, _t(14), _t(17), None)],
            },
        ],
    },
    {
        "slug": "akgg",
        "name": "AKGG-Backoffice",
        "kind": K.TENANT,
        "legal_form": L.GGMBH,
        "nonprofit_notice_date": dt.date(2023, 9, 1),
        "nonprofit_notice_expires": dt.date(2026, 12, 31),
        "description": (
            "Das Backoffice des AKGG übernimmt Buchhaltung, Personalverwaltung und IT für "
            "gemeinnützige Gesellschaften in Nordhessen, damit sich diese auf ihre soziale Arbeit "
            "konzentrieren können."
        ),
        "website": "https://www.akgg.example",
        "email": "backoffice@akgg.example",
        "phone": "0561 000 20",
        "office_floor": 2,
        "office_room": "2.10",
        "tenancy_since": dt.date(2018, 1, 2),
        "languages": ["de"],
        "contacts": [("Markus Engel", "Leitung Backoffice", "m.engel@akgg.example", True)],
        "office_hours": [(MO, _t(8), _t(15)), (WE, _t(8), _t(15))],
        "services": [
            {
                "slug": "verwaltung-fuer-traeger",
                "name": "Verwaltungsdienste für gemeinnützige Träger",
                "description": (
                    "Lohnbuchhaltung, Finanzbuchhaltung und Verwendungsnachweise für kleine und "
                    "mittlere gemeinnützige Träger – ein Erstgespräch ist kostenlos."
                ),
                "target_groups": ["alle"],
                "topics": ["arbeit"],
                "languages": ["de"],
                "is_free": False,
                "cost_description": "Erstgespräch kostenlos, danach nach Vereinbarung.",
                "access_appointment": True,
                "hours": [],
            },
        ],
    },
    {
        "slug": "jugendhilfe-kassel",
        "name": "Jugendhilfe Kassel",
        "kind": K.TENANT,
        "legal_form": L.EV,
        "nonprofit_notice_date": dt.date(2024, 2, 20),
        "description": (
            "Die Jugendhilfe Kassel unterstützt Kinder, Jugendliche und ihre Familien: mit "
            "Erziehungsberatung, ambulanten Hilfen zur Erziehung und Angeboten für junge "
            "Menschen beim Übergang von der Schule in den Beruf."
        ),
        "website": "https://www.jugendhilfe-kassel.example",
        "email": "info@jugendhilfe-kassel.example",
        "phone": "0561 000 30",
        "office_floor": 3,
        "office_room": "3.02",
        "tenancy_since": dt.date(2018, 2, 1),
        "languages": ["de", "en", "ar"],
        "contacts": [
            ("Petra Neumann", "Erziehungsberatung", "p.neumann@jugendhilfe-kassel.example", True)
        ],
        "office_hours": [
            (MO, _t(9), _t(17)),
            (TU, _t(9), _t(17)),
            (WE, _t(9), _t(17)),
            (TH, _t(9), _t(17)),
        ],
        "services": [
            {
                "slug": "erziehungsberatung",
                "name": "Erziehungs- und Familienberatung",
                "description": (
                    "Sorgen mit Kindern, Streit in der Familie, Trennung oder Scheidung? Wir beraten "
                    "Eltern, Kinder und Jugendliche vertraulich und kostenlos."
                ),
                "target_groups": ["familien", "kinder-jugendliche"],
                "topics": ["familie", "jugendhilfe"],
                "languages": ["de", "en", "ar"],
                "access_appointment": True,
                "access_phone": True,
                "access_online": True,
                "phone": "0561 000 31",
                "accessibility": "Barrierefreier Zugang über den Aufzug; Beratungsraum im 3. OG.",
                "hours": [(TU, _t(14), _t(17), None), (TH, _t(9), _t(12), None)],
            },
            {
                "slug": "uebergang-schule-beruf",
                "name": "Jugendberatung Schule und Beruf",
                "description": (
                    "Für junge Menschen von 14 bis 27 Jahren: Hilfe bei Bewerbungen, Praktika, "
                    "Ausbildungssuche und wenn es in der Schule schwierig wird."
                ),
                "target_groups": ["kinder-jugendliche", "gefluechtete-migranten"],
                "topics": ["jugendhilfe", "arbeit"],
                "languages": ["de", "ar"],
                "access_walk_in": True,
                "hours": [(WE, _t(13), _t(18), None)],
            },
        ],
    },
    {
        "slug": "beratungszentrum",
        "name": "Beratungszentrum mit Türkischer Beratungsstelle",
        "kind": K.TENANT,
        "legal_form": L.EV,
        "nonprofit_notice_date": dt.date(2022, 11, 3),
        "description": (
            "Seit über 40 Jahren beraten wir Zugewanderte und ihre Familien in Kassel – auf "
            "Deutsch und Türkisch, auch auf Kurdisch und Arabisch. Unsere Schuldnerberatung "
            "steht allen Menschen in finanzieller Not offen."
        ),
        "website": "https://www.beratungszentrum-kassel.example",
        "email": "kontakt@beratungszentrum-kassel.example",
        "phone": "0561 000 40",
        "office_floor": 1,
        "office_room": "1.05",
        "tenancy_since": dt.date(2018, 1, 15),
        "languages": ["de", "tr", "ku", "ar"],
        "contacts": [
            (
                "Ayten Kaya",
                "Türkische Beratungsstelle",
                "a.kaya@beratungszentrum-kassel.example",
                True,
            ),
            ("Jürgen Hahn", "Schuldnerberatung", "j.hahn@beratungszentrum-kassel.example", True),
        ],
        "office_hours": [(MO, _t(9), _t(13)), (TU, _t(9), _t(13)), (TH, _t(9), _t(13))],
        "services": [
            {
                "slug": "tuerkische-beratungsstelle",
                "name": "Türkische Beratungsstelle – Migrationsberatung",
                "description": (
                    "Beratung in türkischer und deutscher Sprache zu Aufenthalt, Familiennachzug, "
                    "Arbeit, Schule und Behörden. Wir helfen beim Ausfüllen von Anträgen und "
                    "begleiten auf Wunsch zu Ämtern. Türkçe danışmanlık: oturum, aile birleşimi, "
                    "iş ve resmi işlemler."
                ),
                "target_groups": ["gefluechtete-migranten", "familien", "senioren"],
                "topics": ["migrationsberatung", "familie"],
                "languages": ["tr", "de", "ku"],
                "access_walk_in": True,
                "access_appointment": True,
                "access_phone": True,
                "contact_name": "Ayten Kaya",
                "phone": "0561 000 41",
                "hours": [
                    (MO, _t(9), _t(12), None),
                    (WE, _t(14), _t(17), None),
                    (FR, _t(9), _t(12), 1),
                ],
            },
            {
                "slug": "migrationsberatung-erwachsene",
                "name": "Migrationsberatung für erwachsene Zugewanderte (MBE)",
                "description": (
                    "Für Menschen über 27, die neu in Deutschland sind: Integrationskurse, "
                    "Anerkennung von Abschlüssen, Wohnungssuche und Fragen zum Aufenthalt."
                ),
                "target_groups": ["gefluechtete-migranten"],
                "topics": ["migrationsberatung", "arbeit"],
                "languages": ["de", "tr", "ar", "ru", "uk"],
                "access_appointment": True,
                "access_phone": True,
                "hours": [(TU, _t(9), _t(13), None), (TH, _t(13), _t(16), None)],
            },
            {
                "slug": "schuldnerberatung",
                "name": "Schuldner- und Insolvenzberatung",
                "description": (
                    "Schulden, Mahnungen, Pfändung? Wir verschaffen mit Ihnen einen Überblick, "
                    "verhandeln mit Gläubigern, stellen die P-Konto-Bescheinigung aus und begleiten "
                    "Sie in die Verbraucherinsolvenz."
                ),
                "target_groups": ["finanzielle-notlage", "familien"],
                "topics": ["schuldnerberatung"],
                "languages": ["de", "tr"],
                "eligibility": "Menschen mit Wohnsitz in Kassel und im Landkreis Kassel.",
                "access_appointment": True,
                "access_phone": True,
                "contact_name": "Jürgen Hahn",
                "hours": [(MO, _t(14), _t(16), None), (WE, _t(9), _t(12), None)],
            },
        ],
    },
    {
        "slug": "kiss-kassel",
        "name": "KISS – Kontakt- und Informationsstelle für Selbsthilfegruppen",
        "kind": K.TENANT,
        "legal_form": L.EV,
        "nonprofit_notice_date": dt.date(2023, 6, 30),
        "description": (
            "KISS bringt Menschen mit gleichen Anliegen zusammen: Wir vermitteln in rund 200 "
            "Selbsthilfegruppen in Kassel, helfen bei der Gründung neuer Gruppen und stellen "
            "Gruppenräume im Haus zur Verfügung."
        ),
        "website": "https://www.kiss-kassel.example",
        "email": "kiss@kiss-kassel.example",
        "phone": "0561 000 50",
        "office_floor": 1,
        "office_room": "1.12",
        "tenancy_since": dt.date(2018, 3, 1),
        "languages": ["de", "en"],
        "contacts": [
            ("Claudia Roth-Meier", "Selbsthilfeberatung", "c.roth-meier@kiss-kassel.example", True)
        ],
        "office_hours": [(TU, _t(10), _t(16)), (TH, _t(10), _t(18))],
        "services": [
            {
                "slug": "selbsthilfe-vermittlung",
                "name": "Vermittlung in Selbsthilfegruppen",
                "description": (
                    "Sie suchen eine Selbsthilfegruppe – zu Sucht, Depression, chronischer "
                    "Krankheit, Trauer oder als Angehörige? Wir finden mit Ihnen die passende "
                    "Gruppe, anonym und kostenlos."
                ),
                "target_groups": ["alle", "behinderung", "senioren"],
                "topics": ["selbsthilfe", "gesundheit"],
                "languages": ["de", "en"],
                "access_walk_in": True,
                "access_phone": True,
                "accessibility": "Stufenloser Zugang, Induktionsschleife im Gruppenraum 1.14.",
                "hours": [(TU, _t(10), _t(13), None), (TH, _t(15), _t(18), None)],
            },
            {
                "slug": "gruppengruendung",
                "name": "Neue Selbsthilfegruppe gründen",
                "description": (
                    "Wir begleiten Sie bei den ersten Treffen, helfen bei der Öffentlichkeitsarbeit "
                    "und vermitteln einen Gruppenraum."
                ),
                "target_groups": ["alle"],
                "topics": ["selbsthilfe"],
                "languages": ["de"],
                "access_appointment": True,
                "hours": [(TH, _t(10), _t(12), -1)],
            },
        ],
    },
    {
        "slug": "freiwillig-in-kassel",
        "name": "Freiwillig! in Kassel e.V.",
        "kind": K.TENANT,
        "legal_form": L.EV,
        "nonprofit_notice_date": dt.date(2024, 8, 12),
        "description": (
            "Die Freiwilligenagentur für Kassel: Wir beraten Menschen, die sich engagieren "
            "möchten, und Organisationen, die Freiwillige suchen."
        ),
        "website": "https://www.freiwillig-in-kassel.example",
        "email": "info@freiwillig-in-kassel.example",
        "phone": "0561 000 60",
        "office_floor": 0,
        "office_room": "0.04",
        "tenancy_since": dt.date(2018, 1, 2),
        "languages": ["de", "en", "ar", "fa"],
        "contacts": [
            ("Tobias Lange", "Engagementberatung", "t.lange@freiwillig-in-kassel.example", True)
        ],
        "office_hours": [(MO, _t(10), _t(14)), (WE, _t(10), _t(18))],
        "services": [
            {
                "slug": "engagementberatung",
                "name": "Engagementberatung: das passende Ehrenamt finden",
                "description": (
                    "Sie möchten sich freiwillig engagieren? Im persönlichen Gespräch finden wir "
                    "aus über 300 Angeboten in Kassel das Ehrenamt, das zu Ihnen passt."
                ),
                "target_groups": ["alle", "senioren"],
                "topics": ["ehrenamt"],
                "languages": ["de", "en"],
                "access_walk_in": True,
                "access_online": True,
                "hours": [(WE, _t(15), _t(18), None)],
            },
            {
                "slug": "sprachpatenschaften",
                "name": "Sprachpatenschaften für Geflüchtete",
                "description": (
                    "Ehrenamtliche Sprachpatinnen und -paten üben mit Geflüchteten Deutsch im "
                    "Alltag – beim Einkaufen, beim Arzt, auf dem Amt. Wir bringen Sie zusammen."
                ),
                "target_groups": ["gefluechtete-migranten"],
                "topics": ["ehrenamt", "migrationsberatung"],
                "languages": ["de", "ar", "fa", "uk"],
                "access_walk_in": True,
                "access_appointment": True,
                "hours": [(MO, _t(14), _t(16), None)],
            },
        ],
    },
    {
        "slug": "stadt-kassel-sozialamt",
        "name": "Stadt Kassel – Sozialamt",
        "kind": K.PUBLIC_BODY,
        "legal_form": L.PUBLIC_BODY,
        "description": "Das Sozialamt der Stadt Kassel nutzt das Tagungszentrum für Fachtage.",
        "email": "sozialamt@kassel.example",
        "phone": "0561 000 70",
        "street": "Obere Königsstraße 8",
        "postcode": "34117",
        "city": "Kassel",
        "is_public": False,
    },
    {
        "slug": "stadtteilinitiative-nord-holland",
        "name": "Stadtteilinitiative Nord-Holland",
        "kind": K.NETWORK_MEMBER,
        "legal_form": L.INITIATIVE,
        "description": "Nachbarschaftsinitiative im Netzwerk der Stadtteilakteure.",
        "email": "kontakt@nord-holland.example",
        "city": "Kassel",
        "is_public": False,
    },
    {
        "slug": "bildungswerk-rhein-main",
        "name": "Bildungswerk Rhein-Main gGmbH",
        "kind": K.EXTERNAL,
        "legal_form": L.GGMBH,
        "nonprofit_notice_date": dt.date(2023, 3, 1),
        "description": "Gemeinnütziger Bildungsträger aus Frankfurt; bucht Seminarräume.",
        "email": "seminare@bildungswerk-rhein-main.example",
        "city": "Frankfurt am Main",
        "is_public": False,
    },
    {
        "slug": "nordhessen-consulting",
        "name": "Nordhessen Consulting GmbH",
        "kind": K.EXTERNAL,
        "legal_form": L.COMPANY,
        "description": "Unternehmensberatung; bucht das Tagungszentrum für Workshops.",
        "email": "office@nordhessen-consulting.example",
        "street": "Wilhelmshöher Allee 100",
        "postcode": "34119",
        "city": "Kassel",
        "is_public": False,
    },
]

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
