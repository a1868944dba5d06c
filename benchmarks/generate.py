"""Fill the benchmark database with a large house; idempotent (a filled database is kept).

Prints, as its last line, JSON with the counts, the pages to measure and the
logins the load generator uses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "house.settings")

import django

django.setup()

from allauth.mfa.models import Authenticator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import SESSION_KEY  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from house.models import Role, User  # noqa: E402
from house.services import assign_role  # noqa: E402

BERLIN = ZoneInfo("Europe/Berlin")
BATCH = 5000
#: Four slots a day whose buffered spans (30 min before, 15 after) never touch.
SLOTS = ((8, 10), (11, 13), (14, 16), (17, 19))


def staff_login() -> tuple[str, str]:
    user = User.objects.filter(email="bench-empfang@treppe4.example").first()
    if user is None:
        user = User.objects.create_user(
            email="bench-empfang@treppe4.example", name="Lasttest Empfang"
        )
        assign_role(user=user, role=Role.RECEPTION)
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.session[SESSION_KEY] == str(user.pk)
    return user.email, f"{settings.SESSION_COOKIE_NAME}={session}"


def generate_rooms(scale: float) -> dict:
    from rooms.models import Booking, Occupancy, Room
    from tenants.models import Organisation

    physical = list(Room.objects.physical().order_by("pk"))
    for n in range(len(physical), 24):
        physical.append(
            Room.objects.create(
                name=f"Seminarraum {n + 1}",
                slug=f"seminarraum-{n + 1}",
                floor=str(1 + n % 4),
                area_m2=30 + n,
                capacities={"boardroom": 16, "classroom": 24, "theatre": 40},
                position=n + 10,
            )
        )
    wanted = int(300_000 * scale)
    have = Booking.objects.count()
    organisation = Organisation.objects.order_by("pk").first()
    if have < wanted:
        today = timezone.localdate()
        first = today - dt.timedelta(days=int(3650 * scale * 0.8))
        # The demo bookings around today stay; generated ones fill the other days.
        busy = {
            (room_id, timezone.localtime(start).date())
            for room_id, start in Occupancy.objects.values_list("room_id", "blocked_from")
        }
        rows: list[Booking] = []
        day = first
        created = have
        while created < wanted:
            for room in physical:
                if (room.pk, day) in busy:
                    continue
                for start_hour, end_hour in SLOTS:
                    start = dt.datetime(day.year, day.month, day.day, start_hour, tzinfo=BERLIN)
                    rows.append(
                        Booking(
                            room=room,
                            state="confirmed",
                            start=start,
                            end=start.replace(hour=end_hour),
                            setup_minutes=30,
                            teardown_minutes=15,
                            title=f"Gruppentreffen {created}",
                            show_title_publicly=created % 3 == 0,
                            purpose="nonprofit",
                            booker_category="tenant",
                            organisation=organisation,
                            attendees=12,
                            layout="boardroom",
                        )
                    )
                    created += 1
            day += dt.timedelta(days=1)
            if len(rows) >= BATCH or created >= wanted:
                _flush(rows, Booking, Occupancy)
                rows = []
        _flush(rows, Booking, Occupancy)
    # A room of its own for the contention test, so its slots are free whatever was generated.
    room, _created = Room.objects.get_or_create(
        slug="lasttestraum",
        defaults={
            "name": "Lasttestraum",
            "area_m2": 40,
            "capacities": {"boardroom": 20},
            "position": 99,
            "max_advance_days": 730,
        },
    )
    Booking.objects.filter(room=room).delete()
    return {
        "counts": {"bookings": Booking.objects.count(), "rooms": Room.objects.count()},
        "pages": [
            (
                "reception week board",
                f"/reception/?view=week&date={timezone.localdate()}",
                True,
            ),
            ("public room page", f"/rooms/{physical[0].slug}/", False),
        ],
        "booking_post": {
            "room_id": room.pk,
            "organisation_id": organisation.pk if organisation else "",
            "dates": open_days(timezone.localdate() + dt.timedelta(days=30), 70),
        },
    }


def open_days(first: dt.date, count: int) -> list[str]:
    from house.models import ClosureDay

    days = [first + dt.timedelta(days=n) for n in range(count * 2)]
    closed = ClosureDay.objects.closed_dates(days)
    return [d.isoformat() for d in days if d.weekday() < 5 and d not in closed][:count]


def _flush(rows, booking_model, occupancy_model) -> None:
    if not rows:
        return
    with transaction.atomic():
        booking_model.objects.bulk_create(rows)
        occupancy_model.objects.bulk_create(
            occupancy_model(
                booking=b,
                room_id=b.room_id,
                blocked_from=b.start - dt.timedelta(minutes=b.setup_minutes),
                blocked_until=b.end + dt.timedelta(minutes=b.teardown_minutes),
            )
            for b in rows
        )


def generate_events(scale: float) -> dict:
    try:
        from benchmarks.events_data import generate  # written with the events app
    except ImportError:
        return {"counts": {}, "pages": []}
    return generate(scale)


def generate_house(scale: float) -> dict:
    from benchmarks.house_data import generate

    return generate(scale)


def page_specs(rooms: dict, house: dict) -> list[dict]:
    """The pages to measure: each with the address measured warm and a realistic spread
    of distinct addresses measured cold (each rendered once)."""
    import random

    from events.models import Category, Event
    from rooms.models import Room
    from tenants.models import TargetGroup

    rng = random.Random(11)  # noqa: S311 - reproducible choice of pages
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    weeks = [monday + dt.timedelta(weeks=n) for n in range(-52, 105)]
    rng.shuffle(weeks)
    room_slugs = list(Room.objects.bookable().values_list("slug", flat=True))
    organisations = house["organisation_slugs"]
    upcoming = list(
        Event.objects.filter(slug__startswith="bench-", start__gte=timezone.now())
        .order_by("start")
        .values_list("slug", flat=True)[:4000]
    )
    rng.shuffle(upcoming)
    groups = list(TargetGroup.objects.values_list("slug", flat=True))
    listing = [f"/events/?page={p}" for p in range(1, 51)] + [
        f"/events/?category={c}&target_group={g}&page={p}"
        for c in Category.values
        for g in groups
        for p in (1, 2, 3)
    ]
    rng.shuffle(listing)
    searches = [f"/directory/?q={w}" for w in ("beratung", "familie", "schulden", "sprache")]
    searches += [f"/directory/?target_group={g}" for g in groups]
    rng.shuffle(searches)
    board = [f"/reception/?view=week&date={w}" for w in weeks]
    room_pages = [f"/rooms/{rng.choice(room_slugs)}/?week={w}" for w in weeks * 4]
    first_room = room_slugs[0]
    return [
        {"label": "home", "path": "/", "cold": []},
        {"label": "rooms", "path": "/rooms/", "cold": []},
        {
            "label": "room page",
            "path": f"/rooms/{first_room}/",
            "cold": room_pages,
        },
        {
            "label": "reception week board",
            "path": f"/reception/?view=week&date={today}",
            "cold": board,
            "login": True,
        },
        {"label": "event list", "path": "/events/", "cold": listing},
        {
            "label": "event list, filtered",
            "path": f"/events/?category=health&target_group={groups[0] if groups else ''}",
            "cold": listing,
        },
        {
            "label": "event detail",
            "path": f"/events/{upcoming[0]}/" if upcoming else "/events/",
            "cold": [f"/events/{slug}/" for slug in upcoming],
        },
        {"label": "directory", "path": "/directory/", "cold": []},
        {"label": "directory, search", "path": "/directory/?q=beratung", "cold": searches},
        {
            "label": "organisation page",
            "path": f"/organisations/{organisations[0]}/",
            "cold": [f"/organisations/{slug}/" for slug in organisations],
        },
        {"label": "programme feed", "path": "/events/feed.ics", "cold": [], "feed": True},
        {
            "label": "category feed",
            "path": "/events/category/health/feed.ics",
            "cold": [f"/events/category/{c}/feed.ics" for c in Category.values],
            "feed": True,
        },
        {
            "label": "target group feed",
            "path": f"/events/target-group/{groups[0]}/feed.ics" if groups else "/events/feed.ics",
            "cold": [f"/events/target-group/{g}/feed.ics" for g in groups],
            "feed": True,
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    call_command("seed_demo", "--quiet-logins")
    email, cookie = staff_login()
    rooms = generate_rooms(args.scale)
    events = generate_events(args.scale)
    house = generate_house(args.scale)
    rooms["booking_post"]["cookie"] = cookie
    # A running house has statistics and visibility maps from autovacuum; a freshly
    # bulk-loaded one has neither, and the planner then picks plans (and counts read
    # every row from the table) as no production database would.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    from tenants.models import Organisation, Service

    print(
        json.dumps(
            {
                "counts": rooms["counts"]
                | events["counts"]
                | {
                    "organisations": Organisation.objects.count(),
                    "services": Service.objects.count(),
                },
                "pages": page_specs(rooms, house),
                "staff_email": email,
                "staff_cookie": cookie,
                "booking_post": rooms["booking_post"],
            }
        )
    )


if __name__ == "__main__":
    main()
