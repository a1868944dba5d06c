"""Seeding demo bookings: a lived-in calendar with confirmed bookings, open requests and history."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from house.models import ActivityLog, ClosureDay
from rooms import activity
from rooms.demo.catalogue import _organisations
from rooms.demo.data import OTHERS, SLOTS, TENANTS, TITLES
from rooms.fees import (
    BookerCategory,
    Extra,
    Purpose,
    WarningCode,
    classify_organisation,
    compute_quote,
)
from rooms.models import Booking, BookingSeries, FeeRule, Layout, Occupancy, Room

if TYPE_CHECKING:
    from house.models import User
    from rooms.fees import Tariff
    from tenants.models import Organisation


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
