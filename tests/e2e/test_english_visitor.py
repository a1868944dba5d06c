"""An English-speaking visitor reads what the house wrote in English, on a phone and a desk.

House-entered texts (opening hours, closure reasons, room names, floors, descriptions,
fee reasons) show their English version, and the event page names the street and links
the map; every page is axe-clean and fits 320 px without sideways scrolling.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from events import services
from house.models import Role
from tests.e2e.conftest import axe_violations
from tests.e2e.test_rooms import _sign_in
from tests.events.factories import EventFactory
from tests.factories import ClosureDayFactory, staff_user
from tests.rooms.factories import FeeRuleFactory, RoomFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def english_house(house, default_fee_rules):
    ClosureDayFactory(
        date=timezone.localdate() + dt.timedelta(days=30),
        reason="Betriebsausflug",
        reason_en="Staff outing",
    )
    room = RoomFactory(
        name="Fulda + Werra (kombiniert)",
        name_en="Fulda + Werra (combined)",
        slug="fulda-werra",
        floor="1. Obergeschoss",
        floor_en="First floor",
        description="Zwei Räume, zu einem geöffnet.",
        description_en="Two rooms opened into one.",
    )
    FeeRuleFactory(room=room, reason="Externer Veranstalter", reason_en="External organiser")
    start = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(
        hour=18, minute=0, second=0, microsecond=0
    )
    event = EventFactory.build(
        slug="",
        title="Infoabend",
        room=room,
        venue_name="",
        address="",
        organisation=None,
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    services.save_event(actor=staff_user(Role.HOUSE_MANAGEMENT), event=event)
    return room, event


@pytest.mark.parametrize("width", [320, 1280])
def test_the_english_pages_show_the_houses_english_texts(page, live_server, english_house, width):
    room, event = english_house
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 800})
    expected = {
        "/": ["Monday to Thursday 8 am – 6 pm", "Staff outing"],
        "/rooms/": ["Fulda + Werra (combined)", "First floor", "Two rooms opened into one."],
        room.get_absolute_url(): ["Fulda + Werra (combined)", "External organiser"],
        event.get_absolute_url(): ["Fulda + Werra (combined), First floor", "Treppenstraße 4"],
    }

    for url, texts in expected.items():
        page.goto(url)
        text = page.locator("main").inner_text()
        for wanted in texts:
            assert wanted in text, (url, wanted)
        for german in ("kombiniert", "Obergeschoss", "Betriebsausflug", "Externer Veranstalter"):
            assert german not in text, (url, german)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert axe_violations(page) == [], url

    page.goto(event.get_absolute_url())
    link = page.get_by_role("link", name="Show on the map (OpenStreetMap)")
    assert link.get_attribute("href").startswith("https://www.openstreetmap.org/")
    assert page.locator("iframe").count() == 0


def test_the_price_tables_and_the_board_fit_a_phone_in_german(page, live_server, english_house):
    """Long German words (“Gemeinwohlorientiert”) used to push the room page sideways."""
    room, _event = english_house
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto(room.get_absolute_url())
    assert "Gemeinwohlorientiert" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    _sign_in(page, live_server, staff_user(Role.RECEPTION))
    page.goto("/reception/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
