"""The free-room finder: when nothing fits, the nearest possibilities; a choice carries
everything into the booking form."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from house.models import ClosureDay
from rooms.availability import nearest_possibilities
from rooms.services import book_room
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _search(client, start, **extra):
    params = {
        "date": start.date().isoformat(),
        "start_time": start.strftime("%H:%M"),
        "duration": 120,
        "attendees": 25,
        "layout": "boardroom",
        "equipment": ["projector"],
    }
    params.update(extra)
    return client.get(reverse("rooms:reception_finder"), params)


@pytest.fixture
def busy_tuesday(reception):
    """A room for 30 at the table with a projector, taken at 14:00 on the day asked."""
    room = RoomFactory(
        name="Raum Eder",
        capacities={"boardroom": 30, "theatre": 60},
        equipment=["projector"],
    )
    start = next_weekday_at(14, days_ahead=10)
    book_room(actor=reception, draft=draft(room, start, title="Belegt"))
    return room, start


def test_nothing_fits_so_the_finder_offers_other_times_and_nearby_days(
    client, reception, busy_tuesday
):
    room, start = busy_tuesday
    client.force_login(reception)

    text = _search(client, start).content.decode()

    assert "ist kein Raum frei" in text
    assert "Andere Zeiten an diesem Tag" in text
    assert "Dieselbe Zeit an Tagen in der Nähe" in text
    nearest = nearest_possibilities(
        start=start,
        end=start + dt.timedelta(hours=2),
        attendees=25,
        layout="boardroom",
        equipment=["projector"],
    )
    first_time = nearest["time"][0]
    # The slot right after the booking and its buffers (tear-down 15 min, set-up 30 min).
    assert first_time.start - start in {dt.timedelta(hours=3), dt.timedelta(hours=-3)}
    assert nearest["day"][0].start.date() in {
        start.date() + dt.timedelta(days=1),
        start.date() - dt.timedelta(days=1),
    }
    for item in nearest["time"] + nearest["day"]:
        assert item.room == room


def test_a_closed_nearby_day_is_not_offered(client, reception, busy_tuesday):
    _room, start = busy_tuesday
    ClosureDay.objects.create(date=start.date() + dt.timedelta(days=1), reason="Wartung")
    nearest = nearest_possibilities(
        start=start, end=start + dt.timedelta(hours=2), attendees=25, layout="boardroom"
    )
    assert start.date() + dt.timedelta(days=1) not in {p.start.date() for p in nearest["day"]}


def test_a_combined_room_and_another_layout_are_offered(client, reception):
    small = RoomFactory(
        name="Klein A", capacities={"boardroom": 12, "theatre": 30}, equipment=["projector"]
    )
    other = RoomFactory(name="Klein B", capacities={"boardroom": 12, "theatre": 30}, equipment=[])
    both = RoomFactory(
        name="A und B",
        capacities={"boardroom": 26, "theatre": 60},
        equipment=[],
        parts=[small, other],
    )
    start = next_weekday_at(14, days_ahead=10)

    nearest = nearest_possibilities(
        start=start,
        end=start + dt.timedelta(hours=2),
        attendees=25,
        layout="boardroom",
        equipment=["projector"],
    )

    assert [p.room for p in nearest["combined"]] == [both]
    assert (nearest["layout"][0].room, nearest["layout"][0].layout) == (small, "theatre")


def test_choosing_a_possibility_carries_persons_layout_and_equipment_into_the_booking_form(
    client, reception, busy_tuesday
):
    room, start = busy_tuesday
    client.force_login(reception)
    page = _search(client, start)
    link = page.context["possibilities"][0][1][0][1]
    query = parse_qs(urlsplit(link).query)
    assert query["attendees"] == ["25"]
    assert query["layout"] == ["boardroom"]
    assert query["equipment"] == ["projector"]

    form = client.get(link).context["form"]

    assert form.initial["room"] == room
    assert form.initial["attendees"] == 25
    assert form.initial["layout"] == "boardroom"
    assert form.initial["extras"] == ["equipment"]
    assert "Beamer" in form.initial["internal_note"]
    assert form.initial["end_time"] > form.initial["start_time"]


def test_a_free_room_is_booked_with_everything_the_finder_knew(client, reception):
    RoomFactory(name="Raum Eder", capacities={"theatre": 60}, equipment=["projector"])
    start = next_weekday_at(10, days_ahead=10)
    client.force_login(reception)
    page = _search(client, start, layout="theatre", attendees=40)
    link = page.context["results"][0][2]
    form = client.get(link).context["form"]
    assert form.initial["attendees"] == 40
    assert form.initial["layout"] == "theatre"


def test_bad_finder_links_into_the_form_are_ignored(client, reception):
    client.force_login(reception)
    response = client.get(
        reverse("rooms:reception_book"),
        {"attendees": "viele", "layout": "zirkus", "equipment": "rakete", "end": "25:99"},
    )
    assert response.status_code == 200
    assert "attendees" not in response.context["form"].initial


def test_the_possibilities_cost_the_same_queries_however_many_rooms(client, reception):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(reception)
    start = next_weekday_at(14, days_ahead=10)
    counts = []
    for extra in (1, 3):
        for _ in range(extra):
            room = RoomFactory(capacities={"boardroom": 30}, equipment=["projector"])
            book_room(actor=reception, draft=draft(room, start, title="Belegt"))
        _search(client, start)  # warms the caches of the navigation
        with CaptureQueriesContext(connection) as queries:
            page = _search(client, start)
        assert page.context["possibilities"]
        counts.append(len(queries))
    assert counts[0] == counts[1]
