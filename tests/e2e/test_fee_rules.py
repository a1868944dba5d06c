"""Fee rules in the browser: house management sets an organisation's booker category, the
reception's live quote names it; a two-day event is quoted once; the pages pass axe-core.

Selectors use field names and addresses, not labels, so they hold in German and English.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from house.demo import seed_house
from house.models import Role
from rooms.models import Booking, FeeRule, OrganisationCategory
from tests.e2e.conftest import axe_violations
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, next_weekday_at
from tests.tenants.factories import OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def centre(default_fee_rules):
    seed_house()
    return RoomFactory(
        name="Saal Kassel",
        slug="saal-kassel",
        capacities={"theatre": 90, "boardroom": 30},
        max_advance_days=800,
    )


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_house_management_sets_a_category_and_the_live_quote_names_it(page, live_server, centre):
    initiative = OrganisationFactory(
        name="Stadtteilinitiative Nord", kind="external", city="Kassel", nonprofit_notice_date=None
    )
    _sign_in(page, live_server, staff_user(Role.HOUSE_MANAGEMENT))

    page.goto("/reception/booker-categories/")
    assert axe_violations(page) == []
    page.locator('select[name="organisation"]').select_option(str(initiative.pk))
    page.locator('form[method="get"] button[type="submit"]').click()
    page.wait_for_url(f"**/reception/booker-categories/{initiative.pk}/")
    assert axe_violations(page) == []
    page.locator('select[name="category"]').select_option("local_nonprofit")
    page.locator('input[name="reason"]').fill("Nachbarschaftsinitiative ohne Bescheid")
    review = timezone.localdate() + dt.timedelta(days=180)
    page.locator('input[name="review_on"]').fill(review.isoformat())
    page.locator('button[value="save"]').click()
    page.locator('[data-testid="house-category"]').wait_for()
    assert "Nachbarschaftsinitiative" in page.locator('[data-testid="house-category"]').inner_text()
    assert OrganisationCategory.objects.get(organisation=initiative).reason.startswith("Nachbar")

    day = next_weekday_at(10).date()
    page.goto(f"/reception/book/?room=saal-kassel&date={day.isoformat()}&start=10:00")
    page.locator('select[name="organisation"]').select_option(str(initiative.pk))
    page.locator('input[name="title"]').fill("Stadtteilfrühstück")
    category = page.locator('[data-testid="quote-category"]')
    category.wait_for()
    assert "Hausverwaltung" in category.inner_text()
    assert "0,00" in page.locator('[data-testid="quote-gross"]').inner_text()
    assert axe_violations(page) == []


def test_reception_quotes_and_books_a_two_day_conference_once(page, live_server, centre):
    organiser = OrganisationFactory(name="SPI GmbH", kind="external", nonprofit_notice_date=None)
    _sign_in(page, live_server, staff_user(Role.RECEPTION))
    day = next_weekday_at(9, days_ahead=14).date()
    while day.weekday() > 3:
        day += dt.timedelta(days=1)

    page.goto(f"/reception/book/?room=saal-kassel&date={day.isoformat()}&start=09:30")
    page.locator('select[name="organisation"]').select_option(str(organiser.pk))
    page.locator('input[name="end_time"]').fill("15:30")
    page.locator('input[name="event_days"]').fill("2")
    page.locator('input[name="title"]').fill("Gemeinsam Zukunft schaffen im Quartier")
    page.locator('select[name="purpose"]').select_option("commercial")
    page.locator('input[name="attendees"]').fill("60")
    page.locator('select[name="layout"]').select_option("theatre")
    page.locator('button[value="quote"]').first.click()
    gross = page.locator('[data-testid="quote-gross"]')
    gross.wait_for()
    assert gross.inner_text().startswith("297,50")  # 250 € once, + 19 %
    assert axe_violations(page) == []
    page.locator('#quote-region button[value="book"]').click()

    page.wait_for_url("**/reception/bookings/*/")
    assert sorted(b.gross for b in Booking.objects.all()) == [Decimal(0), Decimal("297.50")]


def test_the_fee_rule_page_with_its_surcharges_is_accessible(page, live_server, centre):
    rule = FeeRule.objects.filter(pricing="half_day").first()
    _sign_in(page, live_server, staff_user(Role.HOUSE_MANAGEMENT))

    page.goto(f"/admin/rooms/feerule/{rule.pk}/change/")

    assert page.locator('input[name="quota_purposes"]').count() == 3
    assert page.locator('input[name="surcharges-TOTAL_FORMS"]').count() == 1
    assert axe_violations(page) == []
