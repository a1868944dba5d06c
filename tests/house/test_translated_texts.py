"""What the house enters itself reads in English on English pages, and in German otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import ClosureDay, HouseProfile, Role
from house.services import import_public_holidays
from tests.factories import ClosureDayFactory, staff_user
from tests.rooms.factories import FeeRuleFactory, RoomFactory

pytestmark = pytest.mark.django_db


def _page(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response.content.decode()


def test_the_home_page_shows_opening_hours_and_closure_reasons_in_the_readers_language(
    client, house
):
    HouseProfile.objects.filter(pk=1).update(
        opening_hours="Montag 9–12 Uhr", opening_hours_en="Monday 9 am – 12 noon"
    )
    ClosureDayFactory(reason="Betriebsausflug", reason_en="Staff outing")
    ClosureDayFactory(reason="Wartung der Heizung", reason_en="")

    english = _page(client, reverse("house:home"), "en")
    german = _page(client, reverse("house:home"), "de")

    assert "Monday 9 am – 12 noon" in english
    assert "Montag 9–12 Uhr" not in english
    assert "Staff outing" in english
    # No English reason: the German one stands in.
    assert "Wartung der Heizung" in english
    assert "Montag 9–12 Uhr" in german
    assert "Betriebsausflug" in german
    assert "Staff outing" not in german


def test_todays_closure_reason_is_translated(client, house):
    ClosureDayFactory(
        date=timezone.localdate(), reason="Betriebsversammlung", reason_en="Staff meeting"
    )

    assert "Staff meeting" in _page(client, reverse("house:home"), "en")
    assert "Betriebsversammlung" in _page(client, reverse("house:home"), "de")


def test_room_pages_show_name_floor_description_and_fee_reason_in_english(client, house):
    room = RoomFactory(
        name="Raum Eder",
        name_en="Eder Room",
        floor="1. Obergeschoss",
        floor_en="First floor",
        description="Kleiner Besprechungsraum.",
        description_en="Small meeting room.",
    )
    FeeRuleFactory(reason="Voller Satz", reason_en="Full rate")
    plain = RoomFactory(name="Raum Werra", floor="Erdgeschoss", description="Mit Teeküche.")

    detail = _page(client, room.get_absolute_url(), "en")
    listing = _page(client, reverse("rooms:list"), "en")
    german = _page(client, room.get_absolute_url(), "de")

    for text in ("Eder Room", "First floor", "Small meeting room.", "Full rate"):
        assert text in detail
    for text in ("1. Obergeschoss", "Kleiner Besprechungsraum.", "Voller Satz"):
        assert text not in detail
    assert "Eder Room" in listing
    assert "First floor" in listing
    # Where the house wrote no English, the German stands.
    assert "Raum Werra" in listing
    assert "Erdgeschoss" in listing
    assert "Mit Teeküche." in listing
    for text in ("Raum Eder", "1. Obergeschoss", "Kleiner Besprechungsraum.", "Voller Satz"):
        assert text in german
    assert "Small meeting room." not in german
    assert plain.translated("floor", "en") == "Erdgeschoss"


def test_public_holidays_are_imported_with_their_english_names():
    import_public_holidays(years=[2026], federal_state="HE")

    day = ClosureDay.objects.get(date=dt.date(2026, 12, 25))
    assert day.reason == "Erster Weihnachtstag"
    assert day.reason_en == "Christmas Day"


def test_house_management_edits_the_english_texts_in_the_admin(client, house):
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))

    pages = [
        client.get(reverse(name)).content.decode()
        for name in ("admin:rooms_room_add", "admin:rooms_feerule_add")
    ]
    closure = ClosureDayFactory()
    pages.append(
        client.get(reverse("admin:house_closureday_change", args=[closure.pk])).content.decode()
    )

    for name in ("name_en", "floor_en", "description_en"):
        assert f'name="{name}"' in pages[0]
    assert 'name="reason_en"' in pages[1]
    assert 'name="reason_en"' in pages[2]
    house_page = client.get(reverse("admin:house_houseprofile_change", args=[1])).content.decode()
    assert 'name="opening_hours_en"' in house_page


def test_the_demo_house_has_english_texts(house):
    from rooms.demo import seed_rooms

    rooms = seed_rooms()

    assert house.opening_hours_en
    assert rooms["fulda-werra"].translated("name", "en") == "Fulda + Werra (combined)"
    assert all(room.floor_en and room.description_en for room in rooms.values())
