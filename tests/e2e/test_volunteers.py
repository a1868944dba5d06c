"""The volunteer registers, signs up for a café shift and asks for a stand-in; the
coordinator plans the week, fills a gap and records attendance; a visitor offers help.

Selectors use field names and addresses, not labels, so they hold in German and English.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.utils import timezone

from house.demo import seed_house
from house.roles import Role
from house.volunteers.models import Assignment, Interest, VolunteerProfile
from house.volunteers.services import shifts
from tests.e2e.conftest import axe_violations, login, login_staff
from tests.factories import PASSWORD, UserFactory, staff_user
from tests.volunteers.factories import OpportunityFactory, ShiftFactory, in_days, volunteer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "var/e2e-screenshots"))


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"volunteers-{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _patient(page):
    """A busy build machine can take longer than the default to serve a page."""
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)


@pytest.fixture
def cafe(db):
    seed_house()
    opportunity = OpportunityFactory(title="Café im Stadthaus", slug="stadthaus-cafe")
    return ShiftFactory(
        opportunity=opportunity,
        title="Café Vormittag",
        start=in_days(3, 9),
        end=in_days(3, 12, 30),
        min_staff=2,
        max_staff=3,
    )


def test_volunteer_registers_signs_up_and_asks_for_a_stand_in(page, cafe):
    UserFactory(email="karin@example.org", name="Karin Schulz")
    volunteer(name="Heinz Brückner")  # a possible stand-in
    login(page, "karin@example.org", PASSWORD)

    page.goto("/volunteering/register/")
    assert axe_violations(page) == []
    page.fill("textarea[name=interests]", "Café, Vorlesen")
    page.check("input[name=available_weekdays][value='0']")
    page.check("input[name=consent_registry]")
    page.check("input[name=show_name]")
    _shot(page, "register")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/volunteering/shifts/")
    assert axe_violations(page) == []
    _shot(page, "shifts")

    page.locator(f"a[href='/volunteering/shifts/{cafe.pk}/']").click()
    page.wait_for_url(f"**/volunteering/shifts/{cafe.pk}/")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/volunteering/my-shifts/")
    assert "Café Vormittag" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "my-shifts")

    page.locator("form[action$='/stand-in/'] button").click()
    page.wait_for_url("**/volunteering/my-shifts/")
    assignment = Assignment.objects.get(profile__user__email="karin@example.org")
    assert assignment.stand_in_wanted_at is not None
    assert assignment.status == Assignment.Status.CONFIRMED  # the place stays covered

    page.goto("/volunteering/hours/")
    assert axe_violations(page) == []
    _shot(page, "hours")
    page.goto("/volunteering/profile/")
    assert axe_violations(page) == []
    _shot(page, "profile")


def test_coordinator_fills_a_gap_and_records_attendance(page, cafe):
    coordinator = staff_user(Role.VOLUNTEER_COORDINATION, email="koordination@example.org")
    helper = volunteer(name="Gisela Warnecke")
    past = ShiftFactory(
        opportunity=cafe.opportunity,
        title="Café Nachmittag",
        start=timezone.now() + dt.timedelta(hours=2),
        min_staff=1,
        max_staff=2,
    )
    came = shifts.sign_up(shift=past, profile=helper, actor=helper.user)
    past.start = timezone.now() - dt.timedelta(hours=4)
    past.end = timezone.now() - dt.timedelta(hours=1)
    past.save()
    login_staff(page, coordinator.email, PASSWORD)

    week = timezone.localtime(cafe.start).date().isoformat()
    page.goto(f"/volunteering/coordination/?week={week}")
    assert "Café Vormittag" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "coordination-week")

    page.locator(f"main a[href='/volunteering/coordination/shifts/{cafe.pk}/']").first.click()
    page.wait_for_url(f"**/coordination/shifts/{cafe.pk}/")
    assert "Gisela Warnecke" in page.locator("main").inner_text()  # a match for the gap
    assert axe_violations(page) == []
    page.select_option("select[name=profile]", str(helper.pk))
    page.locator("main form:has(select[name=profile]) button[type=submit]").click()
    page.wait_for_url(f"**/coordination/shifts/{cafe.pk}/")
    assert cafe.assignments.filter(profile=helper, status="confirmed").exists()
    _shot(page, "coordination-shift")

    page.goto(f"/volunteering/coordination/shifts/{past.pk}/")
    page.select_option(f"select[name=attendance][id=attendance-{came.pk}]", "came")
    page.locator(f"form[action$='/attendance/{came.pk}/'] button").click()
    page.wait_for_url(f"**/coordination/shifts/{past.pk}/")
    assert helper.hours.count() == 1

    page.goto(f"/volunteering/coordination/plan/?week={week}")
    assert "Gisela Warnecke" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "plan")

    page.goto("/volunteering/coordination/volunteers/new/")
    assert axe_violations(page) == []
    page.fill("input[name=name]", "Erna Alt")
    page.fill("input[name=phone]", "05102 4711")
    page.check("input[name=consent_registry]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/coordination/volunteers/*/")
    assert VolunteerProfile.objects.get(name="Erna Alt").user is None
    assert axe_violations(page) == []
    _shot(page, "volunteer-detail")


def test_visitor_offers_help_without_an_account(page, cafe):
    page.goto("/volunteering/")
    assert axe_violations(page) == []
    _shot(page, "public")
    page.locator("main a[href='/volunteering/o/stadthaus-cafe/']").first.click()
    page.wait_for_url("**/o/stadthaus-cafe/")
    assert axe_violations(page) == []
    page.fill("input[name=name]", "Hanna Sommer")
    page.fill("input[name=phone]", "0511 123456")
    page.check("input[name=consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/thanks/")
    assert Interest.objects.get().name == "Hanna Sommer"
