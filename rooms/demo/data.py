"""The demo house as data: its rooms, combined rooms, tenants, booking titles and fee reasons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


ROOMS = [
    {
        "slug": "saal-kassel",
        "name": "Saal Kassel",
        "name_en": "Kassel Hall",
        "floor": "Erdgeschoss",
        "floor_en": "Ground floor",
        "area_m2": 90,
        "capacities": {
            "theatre": 90,
            "classroom": 48,
            "u_shape": 32,
            "boardroom": 36,
            "reception": 110,
        },
        "equipment": [
            "projector",
            "screen",
            "sound_system",
            "hearing_loop",
            "flipchart",
            "video_conferencing",
        ],
        "induction_loop": True,
        "description": "Der große Saal des Tagungszentrums mit Tageslicht, Bühne und Tonanlage – für Fachtage, Mitgliederversammlungen und Empfänge.",
        "description_en": "The conference centre's large hall with daylight, a stage and a sound system – for conferences, general meetings and receptions.",
        "setup_minutes": 45,
        "teardown_minutes": 30,
        "auto_confirm_tenants": False,
        "position": 1,
    },
    {
        "slug": "raum-fulda",
        "name": "Raum Fulda",
        "name_en": "Fulda Room",
        "floor": "1. Obergeschoss",
        "floor_en": "First floor",
        "area_m2": 55,
        "capacities": {
            "theatre": 50,
            "classroom": 28,
            "u_shape": 20,
            "boardroom": 22,
            "reception": 60,
        },
        "equipment": ["projector", "screen", "flipchart", "whiteboard"],
        "description": "Heller Seminarraum mit Blick auf die Treppenstraße; mit Raum Werra zu einem großen Raum kombinierbar.",
        "description_en": "Bright seminar room overlooking Treppenstraße; opens into the Werra Room for one large room.",
        "position": 2,
    },
    {
        "slug": "raum-werra",
        "name": "Raum Werra",
        "name_en": "Werra Room",
        "floor": "1. Obergeschoss",
        "floor_en": "First floor",
        "area_m2": 45,
        "capacities": {
            "theatre": 40,
            "classroom": 20,
            "u_shape": 16,
            "boardroom": 18,
            "reception": 45,
        },
        "equipment": ["screen", "flipchart", "kitchenette"],
        "description": "Seminarraum mit Teeküche; mit Raum Fulda zu einem großen Raum kombinierbar.",
        "description_en": "Seminar room with a kitchenette; opens into the Fulda Room for one large room.",
        "position": 3,
    },
    {
        "slug": "raum-eder",
        "name": "Raum Eder",
        "name_en": "Eder Room",
        "floor": "1. Obergeschoss",
        "floor_en": "First floor",
        "area_m2": 35,
        "capacities": {"boardroom": 14, "u_shape": 12, "classroom": 10},
        "equipment": ["video_conferencing", "whiteboard"],
        "description": "Kleiner Besprechungsraum für Teamsitzungen, Beratungen und Selbsthilfegruppen.",
        "description_en": "Small meeting room for team meetings, counselling and self-help groups.",
        "setup_minutes": 15,
        "teardown_minutes": 15,
        "position": 4,
    },
]

COMBINED = {
    "slug": "fulda-werra",
    "name": "Fulda + Werra (kombiniert)",
    "name_en": "Fulda + Werra (combined)",
    "floor": "1. Obergeschoss",
    "floor_en": "First floor",
    "area_m2": 100,
    "capacities": {
        "theatre": 90,
        "classroom": 48,
        "u_shape": 36,
        "boardroom": 40,
        "reception": 110,
    },
    "equipment": ["projector", "screen", "flipchart", "whiteboard", "kitchenette"],
    "description": "Die Räume Fulda und Werra, durch eine mobile Trennwand zu einem Raum geöffnet.",
    "description_en": "The Fulda and Werra rooms, opened into one room through a movable partition.",
    "auto_confirm_tenants": False,
    "position": 5,
}

TENANTS = (
    "paritaetische-nordhessen",
    "akgg",
    "jugendhilfe-kassel",
    "beratungszentrum",
    "kiss-kassel",
    "freiwillig-in-kassel",
)
OTHERS = (
    "stadt-kassel-sozialamt",
    "stadtteilinitiative-nord-holland",
    "bildungswerk-rhein-main",
    "nordhessen-consulting",
)

TITLES = {
    "paritaetische-nordhessen": [
        "Fachtag Pflege",
        "Mitgliederversammlung",
        "Teamsitzung",
        "Fortbildung Vereinsrecht",
    ],
    "akgg": ["Vorstandssitzung", "Workshop Fördermittel", "Teamtag"],
    "jugendhilfe-kassel": ["Fallberatung", "Elternabend", "Teamsitzung Jugendhilfe"],
    "beratungszentrum": ["Supervision", "Infoabend Schuldnerberatung", "Teambesprechung"],
    "kiss-kassel": [
        "Selbsthilfegruppe Angst",
        "Gruppengründung: Infotreffen",
        "Selbsthilfe-Stammtisch",
    ],
    "freiwillig-in-kassel": [
        "Einführung für Freiwillige",
        "Sprachpaten-Treffen",
        "Engagementberatung",
    ],
    "stadt-kassel-sozialamt": ["Sozialplanungskonferenz", "Arbeitskreis Wohnungslosenhilfe"],
    "stadtteilinitiative-nord-holland": ["Stadtteilrunde Nord-Holland", "Nachbarschaftstreffen"],
    "bildungswerk-rhein-main": ["Seminar Moderation", "Bildungsurlaub Kommunikation"],
    "nordhessen-consulting": ["Strategieworkshop", "Kundenveranstaltung"],
}

SLOTS = (
    (dt.time(9), dt.time(12)),
    (dt.time(13, 30), dt.time(16, 30)),
    (dt.time(18, 30), dt.time(20, 30)),
)


#: The English reasons of the default tariff (migration 0003), shown on English pages.
FEE_REASONS_EN = {
    "Mieter des Hauses: 10 Freistunden im Monat, danach ermäßigter Stundensatz": (
        "House tenant: 10 free hours a month, then a reduced hourly rate"
    ),
    "Gewerbliche Veranstaltung: pauschales Nutzungsentgelt (Mieterpreis)": (
        "Commercial event: flat usage fee (tenant price)"
    ),
    "Gemeinnütziger Verein aus Kassel: kostenfrei nach Nutzungsordnung": (
        "Non-profit association from Kassel: free of charge under the terms of use"
    ),
    "Öffentliche Hand: kostenfrei nach Nutzungsordnung": (
        "Public sector: free of charge under the terms of use"
    ),
    "Gemeinnützige Organisation von außerhalb: ermäßigter Satz": (
        "Non-profit organisation from elsewhere: reduced rate"
    ),
    "Externer Veranstalter: voller Satz nach Nutzungsordnung": (
        "External organiser: full rate under the terms of use"
    ),
    "Privatperson: voller Satz nach Nutzungsordnung": (
        "Private person: full rate under the terms of use"
    ),
    "Gewerbliche Veranstaltung: pauschales Nutzungsentgelt": "Commercial event: flat usage fee",
    "Private Feier für Ehrenamtliche, die seit über einem Jahr im Haus aktiv sind": (
        "Private celebration for volunteers active in the house for more than a year"
    ),
}
