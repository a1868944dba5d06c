"""The demo tenants of Treppe 4: organisations with offices in the house and their services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tenants.demo.common import FR, MO, TH, TU, WE, K, L, _t

#: Tenant organisations of the house, with their services in the Wegweiser.
TENANTS: list[dict[str, Any]] = [
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
]
