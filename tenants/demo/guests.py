"""Demo organisations outside the house: a public body, a network member, external customers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tenants.demo.common import MO, WE, K, L, _t

#: Organisations without an office in the house.
GUESTS: list[dict[str, Any]] = [
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
