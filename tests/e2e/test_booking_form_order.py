"""On the booking forms the price and the buttons come after the fields, as on the screen.

The reception fills in some forty fields; the price and the buttons used to sit at the
top right of the screen but come last when tabbing. Now they are placed after the fields
on the screen as in the page, and the keyboard reaches them right after the last field.
"""

from __future__ import annotations

import pytest

from house.demo import seed_house
from house.models import Role
from tests.e2e.conftest import axe_violations
from tests.e2e.test_rooms import _sign_in
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, next_weekday_at
from tests.tenants.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def centre(default_fee_rules):
    seed_house()
    return RoomFactory(name="Raum Eder", slug="raum-eder")


@pytest.fixture
def tenant(db):
    return OrganisationFactory(kind="tenant", name="Der PARITÄTISCHE Nordhessen", slug="paritaet")


#: Each tab stop of the form: its name or value, and where it is on the page.
TAB_STOPS = """() => {
    const el = document.activeElement;
    const box = el.getBoundingClientRect();
    return {
        inForm: !!el.closest('#booking-form'),
        name: el.getAttribute('name') || el.tagName.toLowerCase(),
        value: el.getAttribute('value') || '',
        top: box.top + window.scrollY,
        bottom: box.bottom + window.scrollY,
    };
}"""


def _tab_through_the_form(page) -> list[dict]:
    form = page.locator("#booking-form")
    form.locator("input:visible, select:visible, textarea:visible").first.focus()
    stops = [page.evaluate(TAB_STOPS)]
    for _ in range(120):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOPS)
        if not stop["inForm"]:
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("width", [1280, 320])
def test_the_price_and_buttons_follow_the_fields_in_tab_order_and_on_screen(
    page, live_server, centre, tenant, width
):
    page.set_viewport_size({"width": width, "height": 800})
    _sign_in(page, live_server, staff_user(Role.RECEPTION))
    day = next_weekday_at(10).date()
    page.goto(f"/reception/book/?room=raum-eder&date={day.isoformat()}&start=10:00")
    page.locator('select[name="organisation"]').select_option(str(tenant.pk))
    page.locator('input[name="title"]').fill("Vorstandssitzung")
    page.locator('input[name="attendees"]').focus()  # leaves the title: the live quote comes
    page.locator('#quote-region button[value="book"]').wait_for(state="visible")
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []

    stops = _tab_through_the_form(page)

    names = [s["name"] for s in stops]
    # The booker search's own button belongs to its field, among the fields.
    buttons = [
        i for i, s in enumerate(stops) if s["name"] == "action" and s["value"] != "find_booker"
    ]
    fields = [i for i, s in enumerate(stops) if i not in buttons]
    # Book, then check the price again: right after the last field, nothing after them.
    assert [stops[i]["value"] for i in buttons] == ["book", "quote"], names
    assert buttons == [len(stops) - 2, len(stops) - 1]
    assert max(fields) < min(buttons)
    assert len(fields) > 20
    # On the screen too: no button starts above the first field, and the buttons end the
    # form (their lower edge is at or below every field's).
    first_field_top = stops[fields[0]]["top"]
    last_field_bottom = max(stops[i]["bottom"] for i in fields)
    for i in buttons:
        assert stops[i]["top"] > first_field_top
    # On wide screens the price and buttons stick to the bottom of the window while the
    # fields scroll past; at the end of the page they rest in their place below the fields.
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    resting_bottom = page.evaluate(
        """() => {
            const box = document.querySelector('#booking-form button[name="action"][value="quote"]')
                .getBoundingClientRect();
            return box.bottom + window.scrollY;
        }"""
    )
    assert resting_bottom >= last_field_bottom - 1
