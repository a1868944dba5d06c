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


def _sign_in(page, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_house_management_closes_a_day_deciding_for_each_booking(page, live_server, centre):
    from house.models import ClosureDay, Role
    from rooms.models import Booking
    from rooms.services import book_room
    from tests.factories import staff_user
    from tests.rooms.factories import draft, next_weekday_at

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    start = next_weekday_at(10, days_ahead=14)
    kept = book_room(actor=manager, draft=draft(centre, start, title="Notdienst"))
    gone = book_room(actor=manager, draft=draft(centre, start.replace(hour=15), title="Vorstand"))
    _sign_in(page, live_server, manager)
    page.goto(f"/reception/closure-days/new/?date={start.date().isoformat()}")

    page.locator('input[name="reason"]').fill("Wasserschaden")
    page.locator("main form button[type=submit]").click()
    # The bookings of the day are shown before anything is saved.
    page.locator(f'fieldset[data-booking="{kept.pk}"]').wait_for()
    assert not ClosureDay.objects.exists()
    assert axe_violations(page) == []
    page.locator(f'input[name="booking-{kept.pk}-action"][value="keep"]').check()
    page.locator(f'input[name="booking-{kept.pk}-reason"]').fill("Notfallberatung")
    page.locator(f'input[name="booking-{gone.pk}-action"][value="cancel"]').check()
    page.locator("main form button[type=submit]").click()

    page.wait_for_url("**/reception/?date=*")
    assert "Wasserschaden" in page.content()
    assert ClosureDay.objects.filter(date=start.date()).exists()
    assert Booking.objects.get(pk=gone.pk).state == Booking.State.CANCELLED
    assert Booking.objects.get(pk=kept.pk).state == Booking.State.CONFIRMED
    # No free slot of the closed day is offered on the board.
    assert page.locator('a[href*="/reception/book/?room="]').count() == 0
    assert axe_violations(page) == []


def test_the_finder_offers_the_nearest_possibilities_and_carries_them_into_the_form(
    page, live_server, centre
):
    from house.models import Role
    from rooms.services import book_room
    from tests.factories import staff_user
    from tests.rooms.factories import draft, next_weekday_at

    reception = staff_user(Role.RECEPTION)
    start = next_weekday_at(14, days_ahead=10)
    book_room(actor=reception, draft=draft(centre, start, title="Belegt"))
    _sign_in(page, live_server, reception)
    page.goto("/reception/finder/")
    page.locator('input[name="date"]').fill(start.date().isoformat())
    page.locator('input[name="start_time"]').fill("14:00")
    page.locator('input[name="attendees"]').fill("12")
    page.locator('select[name="layout"]').select_option("boardroom")
    page.locator('input[name="equipment"][value="projector"]').check()
    page.locator("main form button[type=submit]").click()

    page.locator("#nearest-title").wait_for()
    assert page.locator('a[data-kind="time"]').count() >= 1
    assert page.locator('a[data-kind="day"]').count() >= 1
    assert axe_violations(page) == []
    page.locator('a[data-kind="day"]').first.click()

    page.wait_for_url("**/reception/book/?*")
    assert page.locator('input[name="attendees"]').input_value() == "12"
    assert page.locator('select[name="layout"]').input_value() == "boardroom"
    assert page.locator('input[name="start_time"]').input_value() == "14:00"
    assert page.locator('input[name="extras"][value="equipment"]').is_checked()
