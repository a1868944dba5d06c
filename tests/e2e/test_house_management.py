"""House management's pages in a browser: the roles page and the admin pages they use."""

from __future__ import annotations

import pytest

from house.models import Role
from tests.e2e.conftest import axe_violations, login_staff
from tests.factories import PASSWORD, UserFactory, staff_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def manager(house):
    return staff_user(Role.HOUSE_MANAGEMENT, email="verwaltung@example.org", name="Miriam Adler")


def test_management_assigns_a_role_on_the_roles_page(page, manager):
    UserFactory(email="jonas@example.org", name="Jonas Becker")
    login_staff(page, manager.email, PASSWORD)
    page.goto("/staff/roles/")
    assert axe_violations(page) == []

    page.locator("#id_role").select_option(label="Empfang")
    page.get_by_label("E-Mail-Adresse der Person").fill("jonas@example.org")
    page.get_by_role("button", name="Rolle vergeben").click()

    assert "Jonas Becker hat jetzt die Rolle Empfang." in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Jonas Becker entfernen").is_visible()


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/house/user/", "/admin/auth/group/", "/admin/house/closureday/"]
)
def test_admin_pages_used_by_house_management_are_accessible(page, manager, path):
    login_staff(page, manager.email, PASSWORD)
    page.goto(path)
    assert axe_violations(page) == []


def test_the_person_form_in_the_admin_is_accessible(page, manager):
    person = UserFactory(name="Karin Schulz")
    login_staff(page, manager.email, PASSWORD)
    page.goto(f"/admin/house/user/{person.pk}/change/")
    assert page.get_by_label("Ehrenamtskoordination").is_visible()
    assert axe_violations(page) == []


ADMIN_FORMS = [
    "/admin/auth/group/{group}/change/",
    "/admin/house/user/{manager}/password/",
    "/admin/house/closureday/add/",
    "/admin/tenants/organisation/add/",
    "/admin/tenants/service/add/",
    "/admin/tenants/membership/add/",
    "/admin/tenants/language/",
    "/admin/tenants/topic/",
    "/admin/rooms/room/",
    "/admin/rooms/room/add/",
    "/admin/rooms/feerule/add/",
    "/admin/events/event/add/",
]


def test_the_admin_forms_house_management_fills_in_are_accessible(page, manager, vocabularies):
    """Dual list boxes, autocompletes and editable lists included: every control has a name."""
    from django.contrib.auth.models import Group

    from tests.rooms.factories import RoomFactory

    RoomFactory(name="Raum Eder")
    group = Group.objects.get(name=Role.RECEPTION)
    login_staff(page, manager.email, PASSWORD)
    found = {}
    for path in ADMIN_FORMS:
        page.goto(path.format(group=group.pk, manager=manager.pk))
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        if violations:
            found[page.url] = violations
    assert found == {}


def test_the_navigation_keeps_its_sections_on_one_row_at_1280_px(page, manager):
    """With all of house management's tools, the row does not wrap; the tools are in My area."""
    page.set_viewport_size({"width": 1280, "height": 800})
    login_staff(page, manager.email, PASSWORD)
    page.goto("/")

    tops = page.evaluate(
        "[...document.querySelectorAll('#main-nav > ul > li')]"
        ".map(item => Math.round(item.getBoundingClientRect().top))"
    )
    assert max(tops) - min(tops) <= 8, tops

    page.get_by_role("button", name="Mein Bereich").click()
    menu = page.locator("#main-nav .dropdown-menu")
    for tool in ("Übersicht", "Rechnungen", "Gremien", "Empfang", "Verwaltung"):
        assert menu.get_by_role("link", name=tool).is_visible(), tool
    assert axe_violations(page) == []


def test_management_closes_the_house_with_an_english_reason_on_a_phone(page, manager, live_server):
    import datetime as dt

    from django.conf import settings
    from django.utils import timezone

    from tests.rooms.factories import RoomFactory

    RoomFactory(name="Raum Eder", name_en="Eder room")
    day = timezone.localdate() + dt.timedelta(days=40)
    login_staff(page, manager.email, PASSWORD)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "en", "url": live_server.url}]
    )
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/reception/closure-days/new/")
    assert axe_violations(page) == []

    page.get_by_label("Date").fill(day.isoformat())
    page.get_by_label("Reason", exact=False).first.fill("Betriebsausflug")
    page.get_by_label("Reason (English)").fill("Staff outing")
    page.locator("main").get_by_role("button", name="Close the house").click()
    page.wait_for_url(f"**/reception/?date={day.isoformat()}")

    main = page.locator("main").inner_text()
    assert "The house is closed on this day: Staff outing." in main
    assert "Betriebsausflug" not in main
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []
