"""The conference centre in the browser: reception, external request, tenant member, axe-core.

Selectors use field names and addresses, not labels, so they hold in German and English.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from house.demo import seed_house
from house.models import Role
from rooms.models import Booking
from rooms.services import request_booking
from tests.e2e.conftest import axe_violations
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory, org_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def centre(default_fee_rules):
    seed_house()
    return RoomFactory(name="Raum Eder", slug="raum-eder", max_advance_days=800)


@pytest.fixture
def tenant(db):
    return OrganisationFactory(kind="tenant", name="Der PARITÄTISCHE Nordhessen", slug="paritaet")


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def _next_october_change() -> dt.date:
    year = timezone.localdate().year
    while True:
        day = dt.date(year, 10, 31)
        while day.weekday() != 6:
            day -= dt.timedelta(days=1)
        if day > timezone.localdate() + dt.timedelta(days=21):
            return day
        year += 1


def test_reception_books_a_tenant_in_four_interactions(page, live_server, centre, tenant):
    _sign_in(page, live_server, staff_user(Role.RECEPTION))
    day = next_weekday_at(10).date()
    page.goto(f"/reception/?date={day.isoformat()}")

    page.locator('a[href*="room=raum-eder"][href*="start=10:00"]').click()  # 1: a free slot
    page.locator('select[name="organisation"]').select_option(str(tenant.pk))  # 2
    page.locator('input[name="title"]').fill("Vorstandssitzung")  # 3
    page.locator('#quote-region button[value="book"]').click()  # 4: after the live quote

    page.wait_for_url("**/reception/?date=*")
    booking = Booking.objects.get()
    assert booking.organisation == tenant
    assert timezone.localtime(booking.start).time() == dt.time(10, 0)
    assert "Vorstandssitzung" in page.content()


def test_reception_books_a_weekly_meeting_across_the_october_clock_change(
    page, live_server, centre, tenant
):
    _sign_in(page, live_server, staff_user(Role.RECEPTION))
    first = _next_october_change() - dt.timedelta(days=20)  # a Monday, three weeks before
    page.goto(f"/reception/book/?room=raum-eder&date={first.isoformat()}&start=10:00")

    page.locator('select[name="organisation"]').select_option(str(tenant.pk))
    page.locator('input[name="title"]').fill("Wöchentliche Teamrunde")
    page.locator("details summary").click()
    page.locator('select[name="repeat"]').select_option("weekly")
    page.locator('input[name="count"]').fill("6")
    page.locator('button[value="quote"]').click()
    page.locator("#plan-title").wait_for(state="visible")  # the plan arrives with the next page
    page.locator('#quote-region button[value="book"]').click()

    page.wait_for_url("**/reception/bookings/*/")
    starts = [timezone.localtime(b.start) for b in Booking.objects.order_by("start")]
    assert len(starts) == 6
    assert {(s.hour, s.minute) for s in starts} == {(10, 0)}
    assert {s.utcoffset() for s in starts} == {dt.timedelta(hours=2), dt.timedelta(hours=1)}


def test_external_requests_without_account_and_reception_approves(page, live_server, centre):
    day = next_weekday_at(10).date()
    page.goto("/rooms/raum-eder/")
    assert axe_violations(page) == []
    page.locator('a[href="/rooms/raum-eder/request/"]').first.click()
    assert axe_violations(page) == []
    page.locator('input[name="date"]').fill(day.isoformat())
    page.locator('input[name="start_time"]').fill("14:00")
    page.locator('input[name="end_time"]').fill("16:00")
    page.locator('input[name="title"]').fill("Chorprobe")
    page.locator('input[name="attendees"]').fill("12")
    page.locator('select[name="stated_category"]').select_option("local_nonprofit")
    page.locator('input[name="contact_name"]').fill("Mara Jansen")
    page.locator('input[name="contact_email"]').fill("mara@example.org")
    page.get_by_role("button", name="Anfrage senden").click()
    page.wait_for_url("**/request/sent/")
    request = Booking.objects.get()
    assert request.state == Booking.State.REQUESTED

    page.context.clear_cookies()
    _sign_in(page, live_server, staff_user(Role.RECEPTION))
    page.goto("/reception/requests/")
    assert axe_violations(page) == []
    page.locator(f'form[action="/reception/bookings/{request.pk}/confirm/"] button').click()

    page.wait_for_url("**/reception/requests/")
    request.refresh_from_db()
    assert request.state == Booking.State.CONFIRMED


def test_tenant_member_sees_the_tenant_price_before_confirming(page, live_server, centre, tenant):
    _sign_in(page, live_server, org_member(tenant))
    day = next_weekday_at(10).date()
    page.goto("/rooms/organisation/paritaet/")

    page.locator('select[name="room"]').select_option(str(centre.pk))
    page.locator('input[name="date"]').fill(day.isoformat())
    page.locator('input[name="start_time"]').fill("10:00")
    page.locator('input[name="end_time"]').fill("12:00")
    page.locator('input[name="title"]').fill("Teamsitzung")
    page.locator('button[value="quote"]').click()

    gross = page.locator('[data-testid="quote-gross"]')
    assert gross.inner_text().startswith("0,00")
    assert "Freistunden" in page.locator("#quote-region").inner_text()
    assert axe_violations(page) == []
    page.locator('#quote-region button[value="book"]').click()
    # The booking is sent by htmx; the page reloads with it in the list.
    page.get_by_role("cell", name="Teamsitzung", exact=True).wait_for()
    assert Booking.objects.get().booker_category == "tenant"


def test_reception_loses_a_slot_taken_meanwhile_and_keeps_the_form(
    page, live_server, centre, tenant
):
    """The reception fills the form; meanwhile a colleague books the slot. Pressing
    "Book now" names the slot and free alternatives beside the form, which stays as typed."""
    reception = staff_user(Role.RECEPTION)
    RoomFactory(name="Raum Fulda", slug="raum-fulda", max_advance_days=800)
    _sign_in(page, live_server, reception)
    start = next_weekday_at(10)
    day = timezone.localtime(start).date()
    page.goto(f"/reception/book/?room=raum-eder&date={day.isoformat()}&start=10:00")
    page.locator('select[name="organisation"]').select_option(str(tenant.pk))
    page.locator('input[name="title"]').fill("Vorstandssitzung")
    book = page.locator('#quote-region button[value="book"]')
    book.wait_for()  # the live quote

    from rooms.services import book_room

    book_room(actor=reception, draft=draft(centre, start, organisation=tenant, title="Schneller"))
    book.click()

    refusal = page.locator("#quote-region [data-focus]")
    refusal.wait_for()
    assert "Raum Eder" in refusal.inner_text()
    assert "Raum Fulda" in page.locator("#alternatives-title + ul").inner_text()
    # htmx moves the focus once it has settled the swapped region: wait for it.
    page.wait_for_function(
        "() => document.activeElement?.matches('#quote-region [data-focus]') === true"
    )
    assert page.url.endswith(f"/reception/book/?room=raum-eder&date={day.isoformat()}&start=10:00")
    assert page.locator('input[name="title"]').input_value() == "Vorstandssitzung"
    assert Booking.objects.count() == 1
    assert axe_violations(page) == []

    # One of the free alternatives goes into the form; its price comes with the live quote.
    fulda = page.get_by_role("button", name="Diesen Termin übernehmen: Raum Fulda")
    fulda.click()
    page.locator("#quote-title").wait_for()  # the whole form comes back, filled in
    assert page.locator('select[name="room"] option:checked').inner_text() == "Raum Fulda"
    assert page.locator('input[name="title"]').input_value() == "Vorstandssitzung"
    page.locator('#quote-region button[value="book"]').click()
    page.wait_for_url("**/reception/?date=*")
    booked = Booking.objects.exclude(title="Schneller").get()
    assert (booked.room.name, booked.title) == ("Raum Fulda", "Vorstandssitzung")


@pytest.mark.parametrize(
    "path",
    ["/rooms/", "/reception/", "/reception/book/", "/reception/finder/", "/reception/day-sheet/"],
)
def test_room_and_reception_pages_have_no_serious_accessibility_violations(
    page, live_server, centre, tenant, path
):
    request_booking(actor=None, draft=draft(centre, next_weekday_at(10), organisation=tenant))
    _sign_in(page, live_server, staff_user(Role.RECEPTION))

    page.goto(path)

    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


def test_booking_detail_has_no_serious_accessibility_violations(page, live_server, centre, tenant):
    from rooms.services import Recurrence, book_series

    reception = staff_user(Role.RECEPTION)
    start = next_weekday_at(10)
    _series, bookings = book_series(
        actor=reception,
        draft=draft(centre, start, organisation=tenant),
        recurrence=Recurrence(
            freq="weekly", weekdays=(timezone.localtime(start).weekday(),), count=2
        ),
    )
    _sign_in(page, live_server, reception)

    page.goto(f"/reception/bookings/{bookings[0].pk}/")
    for summary in page.locator("details summary").all():
        summary.click()

    assert axe_violations(page) == []
