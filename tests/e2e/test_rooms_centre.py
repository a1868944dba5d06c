"""The conference centre in the browser: a room page on a small phone, house management
closing a day with bookings on it, and the finder's nearest possibilities.

Selectors use field names and addresses where they can, so they hold in both languages.
"""

from __future__ import annotations

import pytest

from house.demo import seed_house
from tests.e2e.conftest import axe_violations
from tests.rooms.factories import RoomFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def centre(default_fee_rules):
    seed_house()
    return RoomFactory(name="Raum Eder", slug="raum-eder", max_advance_days=800)


def test_the_price_table_of_a_room_fits_a_small_phone(page, centre):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/rooms/raum-eder/")

    prices = page.locator("section[aria-labelledby=prices-title] table")
    assert prices.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert prices.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth")
    assert axe_violations(page) == []
