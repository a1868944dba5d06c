"""A booking at the desk in the browser, interaction by interaction.

From the reception's week board: a click on a free time, a few letters of the booker,
the booker picked from the matches (the price comes with them), confirm. Four
interactions for a tenant or a known contact; a new external contact adds only their
own fields. Each interaction a person makes is counted; waiting for the page is not.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.demo import seed_house
from house.models import Role
from rooms.models import Booking
from rooms.services import book_room, request_booking
from tests.e2e.conftest import axe_violations
from tests.e2e.test_rooms import _sign_in
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


class Steps:
    """The interactions a person makes: clicks, typed fields, chosen options, keys."""

    def __init__(self, page) -> None:
        self.page = page
        self.count = 0

    def click(self, locator) -> None:
        self.count += 1
        locator.click()

    def fill(self, locator, text: str) -> None:
        self.count += 1
        locator.fill(text)

    def select(self, locator, value: str) -> None:
        self.count += 1
        locator.select_option(value)

    def press(self, key: str) -> None:
        self.count += 1
        self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.count += 1
        self.page.keyboard.type(text, delay=30)


@pytest.fixture
def desk(default_fee_rules):
    """Raum Eder; a tenant that books it in U-shape, and Mara Jansen, who asked for it as a
    local choir before. The reception's day to book on is free."""
    seed_house()
    reception = staff_user(Role.RECEPTION)
    room = RoomFactory(name="Raum Eder", slug="raum-eder", max_advance_days=800)
    tenant = OrganisationFactory(kind="tenant", name="Der PARITÄTISCHE Nordhessen", slug="parit")
    earlier = next_weekday_at(9, days_ahead=21)
    for days in (0, 1):
        book_room(
            actor=reception,
            draft=draft(
                room, earlier + dt.timedelta(days=days), organisation=tenant, layout="u_shape"
            ),
        )
    request_booking(
        actor=None,
        draft=draft(
            room,
            earlier + dt.timedelta(days=2),
            layout="theatre",
            contact_name="Mara Jansen",
            contact_email="mara@example.org",
            contact_organisation="Chor Wehlheiden",
            stated_category="local_nonprofit",
        ),
    )
    day = timezone.localtime(next_weekday_at(10)).date()
    return reception, room, tenant, day


def _free_time(page, day: dt.date):
    """The week board's first free time of Raum Eder on ``day``."""
    return page.locator(f'a[href^="/reception/book/?room=raum-eder&date={day.isoformat()}&"]').first


def _booked_on(day: dt.date) -> Booking:
    return Booking.objects.get(start__date=day)


@pytest.mark.parametrize(
    ("letters", "booker"), [("parit", "tenant"), ("jansen", "contact")], ids=["tenant", "contact"]
)
def test_a_tenant_or_a_known_contact_is_booked_in_four_interactions(
    page, live_server, desk, letters, booker
):
    reception, _room, tenant, day = desk
    _sign_in(page, live_server, reception)
    page.goto(f"/reception/?date={day.isoformat()}&view=week")
    assert axe_violations(page) == []
    steps = Steps(page)

    steps.click(_free_time(page, day))
    page.wait_for_url("**/reception/book/?*")
    steps.fill(page.locator('input[name="booker_search"]'), letters)
    match = page.locator('#booker-matches button[name="booker"]').first
    match.wait_for()
    assert axe_violations(page) == []
    steps.click(match)
    book = page.locator('#quote-region button[value="book"]')
    book.wait_for()
    assert page.locator('[data-testid="quote-gross"]').is_visible()
    steps.click(book)

    page.wait_for_url("**/reception/?date=*")
    assert steps.count == 4
    booking = _booked_on(day)
    assert timezone.localtime(booking.start).time() == dt.time(7, 0)
    if booker == "tenant":
        assert (booking.organisation, booking.layout) == (tenant, "u_shape")
        assert booking.booker_category == "tenant"
    else:
        assert booking.organisation is None
        assert (booking.contact_email, booking.layout) == ("mara@example.org", "theatre")
        assert booking.booker_category == "local_nonprofit"


def test_a_new_external_contact_adds_only_their_own_fields(page, live_server, desk):
    reception, _room, _tenant, day = desk
    _sign_in(page, live_server, reception)
    page.goto(f"/reception/?date={day.isoformat()}&view=week")
    steps = Steps(page)

    steps.click(_free_time(page, day))
    page.wait_for_url("**/reception/book/?*")
    own_fields = [
        ('input[name="contact_name"]', "Jonas Reuter"),
        ('input[name="contact_email"]', "jonas@example.org"),
        ('select[name="stated_category"]', "commercial"),
    ]
    for selector, value in own_fields:
        field = page.locator(selector)
        if selector.startswith("select"):
            steps.select(field, value)
        else:
            steps.fill(field, value)
    book = page.locator('#quote-region button[value="book"]')
    book.wait_for()
    assert axe_violations(page) == []
    steps.click(book)

    page.wait_for_url("**/reception/?date=*")
    assert steps.count == 2 + len(own_fields)
    booking = _booked_on(day)
    assert (booking.contact_name, booking.booker_category) == ("Jonas Reuter", "commercial")
    assert booking.title == "Jonas Reuter"
    assert booking.gross > 0


def test_the_booker_is_found_and_booked_with_the_keyboard_alone(page, live_server, desk):
    reception, _room, tenant, day = desk
    _sign_in(page, live_server, reception)
    page.goto(f"/reception/book/?room=raum-eder&date={day.isoformat()}&start=10:00")
    steps = Steps(page)

    page.locator('input[name="booker_search"]').focus()
    steps.type("parit")
    page.locator('#booker-matches button[name="booker"]').wait_for()
    steps.press("Tab")  # the search button
    steps.press("Tab")  # the first match
    assert page.evaluate("document.activeElement.name") == "booker"
    steps.press("Enter")
    # The form comes back priced, with the focus on the button that books.
    page.wait_for_function("() => document.activeElement?.value === 'book'")
    steps.press("Enter")

    page.wait_for_url("**/reception/?date=*")
    assert _booked_on(day).organisation == tenant
    assert steps.count == 5


def test_without_javascript_the_search_button_lists_the_bookers(browser, live_server, desk):
    reception, _room, tenant, day = desk
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", java_script_enabled=False
    )
    page = context.new_page()
    try:
        _sign_in(page, live_server, reception)
        page.goto(f"/reception/book/?room=raum-eder&date={day.isoformat()}&start=10:00")
        page.locator('input[name="booker_search"]').fill("parit")
        page.locator('button[value="find_booker"]').click()
        page.locator('#booker-matches button[name="booker"]').first.click()
        page.locator('#quote-region button[value="book"]').click()

        page.wait_for_url("**/reception/?date=*")
        assert _booked_on(day).organisation == tenant
    finally:
        context.close()
