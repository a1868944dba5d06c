"""An external booker sees the price for their group before sending the request: live
while filling in the form, and with a button without JavaScript; never the reception's
notes. Checked with axe-core, also on a small phone."""

from __future__ import annotations

import pytest

from house.demo import seed_house
from rooms.models import Booking
from tests.e2e.conftest import axe_violations
from tests.rooms.factories import RoomFactory, next_weekday_at

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def centre(default_fee_rules):
    seed_house()
    return RoomFactory(name="Raum Eder", slug="raum-eder", max_advance_days=800)


def _fill_the_use(page, day) -> None:
    page.locator('input[name="date"]').fill(day.isoformat())
    page.locator('input[name="start_time"]').fill("14:00")
    page.locator('input[name="end_time"]').fill("16:00")
    page.locator('input[name="attendees"]').fill("12")
    page.locator('select[name="purpose"]').select_option("commercial")
    page.locator('select[name="stated_category"]').select_option("commercial")


@pytest.mark.parametrize("width", [1280, 320])
def test_the_request_form_shows_the_price_while_it_is_filled_in(page, centre, width):
    page.set_viewport_size({"width": width, "height": 900})
    day = next_weekday_at(10).date()
    page.goto("/rooms/raum-eder/request/")

    _fill_the_use(page, day)

    gross = page.locator('#quote-region [data-testid="quote-gross"]')
    gross.wait_for()
    assert gross.inner_text().endswith("€")
    assert not gross.inner_text().startswith("0,00")
    assert "Warnung" not in page.locator("#quote-region").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert Booking.objects.count() == 0

    page.locator('input[name="title"]').fill("Produktschulung")
    page.locator('input[name="contact_name"]').fill("Jonas Reuter")
    page.locator('input[name="contact_email"]').fill("jonas@example.org")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url("**/request/sent/")
    assert Booking.objects.get().state == Booking.State.REQUESTED


def test_a_stated_non_profit_group_sees_its_price_but_not_the_note_for_the_reception(page, centre):
    day = next_weekday_at(10).date()
    page.goto("/rooms/raum-eder/request/")

    _fill_the_use(page, day)
    page.locator('select[name="purpose"]').select_option("nonprofit")
    page.locator('select[name="stated_category"]').select_option("local_nonprofit")

    page.locator('#quote-region [data-testid="quote-gross"]').wait_for()
    page.wait_for_load_state("networkidle")
    region = page.locator("#quote-region").inner_text()
    assert "Unterlagen" not in region
    assert "Gemeinnütziger Verein" in region


def test_without_javascript_the_button_calculates_the_price(browser, live_server, centre):
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    page = context.new_page()
    try:
        day = next_weekday_at(10).date()
        page.goto("/rooms/raum-eder/request/")
        _fill_the_use(page, day)
        page.locator('input[name="contact_name"]').fill("Jonas Reuter")

        page.get_by_role("button", name="Preis berechnen").click()

        assert page.locator('[data-testid="quote-gross"]').is_visible()
        assert page.locator('input[name="contact_name"]').input_value() == "Jonas Reuter"
        assert Booking.objects.count() == 0
    finally:
        context.close()


def test_a_taken_time_is_named_with_free_alternatives_before_sending(page, centre):
    from house.models import Role
    from rooms.services import book_room
    from tests.factories import staff_user
    from tests.rooms.factories import draft

    start = next_weekday_at(14)
    book_room(actor=staff_user(Role.RECEPTION), draft=draft(centre, start, title="Intern"))
    page.goto("/rooms/raum-eder/request/")

    _fill_the_use(page, start.date())

    page.locator("#quote-region #alternatives-title").wait_for()
    assert "Intern" not in page.locator("#quote-region").inner_text()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
