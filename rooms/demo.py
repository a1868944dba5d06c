"""Demo data of the conference centre of Treppe 4 (seed 000): four rooms of 35–90 m², two of
them combinable, and a realistic year of bookings around today.

Called by ``seed_demo`` with the persona users. Idempotent: rooms are updated
in place, and the year of bookings is only generated when the rooms have none.
Bookings are written with ``bulk_create`` (a few thousand rows in well under
a second) and never overlap, buffers included, so the PostgreSQL exclusion
constraint holds for the demo data too.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from house.models import ActivityLog, ClosureDay
from rooms import activity
from rooms.fees import (
    BookerCategory,
    Extra,
    Purpose,
    WarningCode,
    classify_organisation,
    compute_quote,
)
from rooms.models import (
    Booking,
    BookingSeries,
    FeeRule,
    Layout,
    Occupancy,
    Room,
)

if TYPE_CHECKING:
    from house.models import User
    from rooms.fees import Tariff
    from tenants.models import Organisation

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


def seed_fee_reasons_en() -> None:
    """Give the default tariff its English reasons where house management has written none."""
    for german, english in FEE_REASONS_EN.items():
        FeeRule.objects.filter(reason=german, reason_en="").update(reason_en=english)


def seed_rooms() -> dict[str, Room]:
    seed_fee_reasons_en()
    rooms: dict[str, Room] = {}
    for data in [*ROOMS, COMBINED]:
        values = dict(data)
        slug = str(values.pop("slug"))
        rooms[slug], _created = Room.objects.update_or_create(slug=slug, defaults=values)
    rooms["fulda-werra"].parts.set([rooms["raum-fulda"], rooms["raum-werra"]])
    return rooms


def _organisations() -> dict[str, Organisation]:
    try:
        from tenants.models import Organisation
    except ImportError:  # pragma: no cover - the tenants app is part of the project
        return {}
    return {o.slug: o for o in Organisation.objects.filter(slug__in=TENANTS + OTHERS)}


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class _Pricer:
    """Prices demo bookings in memory with the default tariff, tenants' monthly quota included."""

    def __init__(self, house_city: str) -> None:
        self.house_city = house_city
        today = timezone.localdate()
        self.rules: dict[tuple[str, str], Tariff] = {}
        for rule in FeeRule.objects.valid_on(today).filter(room__isnull=True).best_first():
            self.rules.setdefault((rule.category, rule.purpose), rule.as_tariff())
        self.quota: dict[tuple[int, int, int], int] = defaultdict(int)

    def category(self, org: Organisation | None, day: dt.date) -> tuple[str, tuple[str, ...]]:
        if org is None:
            return BookerCategory.PRIVATE_PERSON, ()
        return classify_organisation(
            kind=org.kind,
            city=org.city or "",
            has_valid_proof=org.has_valid_nonprofit_proof(day),
            has_any_proof=org.nonprofit_notice_date is not None,
            house_city=self.house_city,
        )

    def quote(
        self,
        *,
        org: Organisation | None,
        category: str,
        purpose: str,
        start: dt.datetime,
        end: dt.datetime,
        extras: list[str],
        warnings: tuple[str, ...],
    ):
        tariff = self.rules.get((category, purpose))
        if tariff is None:
            return None
        minutes = int((end - start).total_seconds() // 60)
        key = (getattr(org, "pk", 0), start.year, start.month)
        used = self.quota[key] if category == BookerCategory.TENANT else 0
        if category == BookerCategory.TENANT:
            self.quota[key] += minutes
        return compute_quote(
            tariff, minutes=minutes, extras=set(extras), quota_used_minutes=used, warnings=warnings
        )


def seed_bookings(rooms: dict[str, Room], users: dict[str, User]) -> int:
    """A year of bookings: half a year back, half a year ahead (only if the rooms have none)."""
    if Booking.objects.filter(room__in=rooms.values()).exists():
        return 0
    orgs = _organisations()
    if not orgs:
        return 0
    from house.context_processors import current_house

    house = current_house()
    pricer = _Pricer(house.city if house else "Kassel")
    rng = random.Random(4)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    first, last = today - dt.timedelta(days=182), today + dt.timedelta(days=182)
    closed = set(ClosureDay.objects.between(first, last).values_list("date", flat=True))
    reception = users.get("reception")
    tenant_slugs = [s for s in TENANTS if s in orgs]
    other_slugs = [s for s in OTHERS if s in orgs]
    singles = [rooms["saal-kassel"], rooms["raum-fulda"], rooms["raum-werra"], rooms["raum-eder"]]
    series = None
    if "kiss-kassel" in orgs:
        series, _created = BookingSeries.objects.get_or_create(
            description="Selbsthilfegruppe Angst (wöchentlich)",
            defaults={"rrule": "FREQ=WEEKLY;BYDAY=TU", "created_by": reception},
        )
    bookings: list[Booking] = []
    day = first
    while day <= last:
        if day.weekday() < 5 and day not in closed:
            combined_day = day.weekday() == 2 and rng.random() < 0.3
            for room in singles:
                if combined_day and room.slug in {"raum-fulda", "raum-werra"}:
                    continue
                for slot_no, (begin, end) in enumerate(SLOTS):
                    is_series = (
                        series is not None
                        and room.slug == "raum-eder"
                        and day.weekday() == 1
                        and slot_no == 2
                    )
                    if not is_series and rng.random() > (0.55 if slot_no < 2 else 0.2):
                        continue
                    slug = (
                        "kiss-kassel" if is_series else rng.choice(tenant_slugs * 3 + other_slugs)
                    )
                    bookings.append(
                        _booking(
                            rng,
                            pricer,
                            room,
                            orgs[slug],
                            slug,
                            day,
                            begin,
                            end,
                            today,
                            series if is_series else None,
                        )
                    )
            if combined_day:
                slug = rng.choice(tenant_slugs + other_slugs)
                bookings.append(
                    _booking(
                        rng,
                        pricer,
                        rooms["fulda-werra"],
                        orgs[slug],
                        slug,
                        day,
                        dt.time(9),
                        dt.time(16),
                        today,
                        None,
                    )
                )
        day += dt.timedelta(days=1)
    bookings.extend(_external_requests(rng, pricer, singles, today, closed))
    for booking in bookings:
        booking.created_by = reception if booking.state != Booking.State.REQUESTED else None
    Booking.objects.bulk_create(bookings, batch_size=500)
    physical = {room.pk: room.physical_room_ids() for room in rooms.values()}
    Occupancy.objects.bulk_create(
        [
            Occupancy(
                booking=b,
                room_id=room_id,
                blocked_from=b.blocked_from,
                blocked_until=b.blocked_until,
            )
            for b in bookings
            if b.state in Booking.BLOCKING_STATES
            for room_id in physical[b.room_id]
        ],
        batch_size=1000,
    )
    booking_type = ContentType.objects.get_for_model(Booking)
    ActivityLog.objects.bulk_create(
        [
            ActivityLog(
                content_type=booking_type,
                object_id=b.pk,
                actor=b.created_by,
                timestamp=b.created_at,
                action_type=activity.CREATED,
                data={"changes": {"state": b.state, "gross": str(b.gross)}},
            )
            for b in bookings
        ],
        batch_size=1000,
    )
    return len(bookings)


def _booking(rng, pricer, room, org, slug, day, begin, end, today, series) -> Booking:  # noqa: PLR0917 - internal builder
    start, finish = _aware(day, begin), _aware(day, end)
    category, warnings = pricer.category(org, day)
    purpose = (
        Purpose.COMMERCIAL
        if slug == "nordhessen-consulting" and rng.random() < 0.7
        else Purpose.NONPROFIT
    )
    layout = rng.choice([value for value in Layout.values if room.capacities.get(value)])
    extras = [Extra.CATERING] if rng.random() < 0.2 else []
    quote = pricer.quote(
        org=org,
        category=category,
        purpose=purpose,
        start=start,
        end=finish,
        extras=extras,
        warnings=warnings,
    )
    state = Booking.State.CONFIRMED
    if day < today and rng.random() < 0.05:
        state = Booking.State.CANCELLED
    elif today <= day <= today + dt.timedelta(days=21) and rng.random() < 0.06:
        state = Booking.State.REQUESTED
    return Booking(
        room=room,
        series=series,
        state=state,
        start=start,
        end=finish,
        setup_minutes=room.setup_minutes,
        teardown_minutes=room.teardown_minutes,
        title=rng.choice(TITLES.get(slug, ["Besprechung"])),
        show_title_publicly=rng.random() < 0.4,
        purpose=purpose,
        booker_category=category,
        organisation=org,
        contact_name=org.name,
        attendees=max(1, min(room.capacity_for(layout), rng.randint(6, 40))),
        layout=layout,
        extras=extras,
        quote=quote.to_json() if quote else {},
        net=quote.net if quote else 0,
        vat=quote.vat if quote else 0,
        gross=quote.gross if quote else 0,
        deposit=quote.deposit if quote else 0,
        created_at=start - dt.timedelta(days=rng.randint(7, 60)),
    )


def _external_requests(rng, pricer, rooms, today, closed) -> list[Booking]:
    """A few pending requests of externals without an account, on Saturdays (no other bookings)."""
    requests: list[Booking] = []
    contacts = [
        (
            "Mara Jansen",
            "mara.jansen@example.org",
            "Chor „Kassel singt“",
            BookerCategory.LOCAL_NONPROFIT,
            "Probenwochenende: Vorbesprechung",
        ),
        (
            "Dr. Felix Brandt",
            "f.brandt@example.com",
            "Brandt Training GmbH",
            BookerCategory.COMMERCIAL,
            "Führungskräfte-Workshop",
        ),
        ("Anna Petrow", "anna.petrow@example.org", "", BookerCategory.PRIVATE_PERSON, "Lesekreis"),
    ]
    day = today + dt.timedelta(days=3)
    for name, email, org_name, category, title in contacts:
        while day.weekday() != 5 or day in closed:
            day += dt.timedelta(days=1)
        room = rooms[len(requests) % len(rooms)]
        start, finish = _aware(day, dt.time(10)), _aware(day, dt.time(13))
        warnings = (
            (WarningCode.CATEGORY_STATED,) if category != BookerCategory.PRIVATE_PERSON else ()
        )
        quote = pricer.quote(
            org=None,
            category=category,
            purpose=Purpose.NONPROFIT,
            start=start,
            end=finish,
            extras=[],
            warnings=warnings,
        )
        requests.append(
            Booking(
                room=room,
                state=Booking.State.REQUESTED,
                start=start,
                end=finish,
                setup_minutes=room.setup_minutes,
                teardown_minutes=room.teardown_minutes,
                title=title,
                purpose=Purpose.NONPROFIT,
                booker_category=category,
                contact_name=name,
                contact_email=email,
                contact_organisation=org_name,
                attendees=min(12, room.max_capacity),
                layout=Layout.BOARDROOM if room.capacities.get("boardroom") else Layout.U_SHAPE,
                quote=quote.to_json() if quote else {},
                net=quote.net if quote else 0,
                vat=quote.vat if quote else 0,
                gross=quote.gross if quote else 0,
                internal_note="Bitte per E-Mail antworten.",
                created_at=timezone.now() - dt.timedelta(days=rng.randint(1, 3)),
            )
        )
        day += dt.timedelta(days=1)
    return requests


@transaction.atomic
def seed(*, users: dict[str, User]) -> dict[str, Room]:
    rooms = seed_rooms()
    # Karin Schulz's years in the café (and so her private-celebration right) come from the
    # volunteer area's demo, which records her shifts in the hours ledger.
    seed_bookings(rooms, users)
    return rooms
