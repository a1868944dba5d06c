"""A tenant admin keeps the Wegweiser current; a visitor finds the service by language and need.

Selectors use field names and addresses, not labels, so they hold in German and English.
"""

import pytest
from django.conf import settings
from django.test import Client

from house.demo import seed_house
from tenants.models import Invitation, Language, Service, TargetGroup
from tests.e2e.conftest import axe_violations
from tests.tenants.factories import OrganisationFactory, ServiceFactory, org_admin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def beratungszentrum(vocabularies):
    seed_house()
    return OrganisationFactory(
        name="Beratungszentrum mit Türkischer Beratungsstelle",
        slug="beratungszentrum",
        office_floor=1,
        office_room="1.05",
    )


def _sign_in(page, live_server, user):
    """Give the browser a session of ``user`` (the sign-in form is tested by the foundation)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_tenant_admin_keeps_the_directory_current_and_a_visitor_finds_it(
    page, live_server, beratungszentrum
):
    admin = org_admin(beratungszentrum)
    _sign_in(page, live_server, admin)

    # Invite a colleague.
    page.goto("/organisations/beratungszentrum/manage/members/")
    assert axe_violations(page) == []
    page.locator("input[name=email]").fill("kollegin@beratungszentrum.example")
    page.locator("select[name=role]").last.select_option("member")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/manage/members/")
    assert "kollegin@beratungszentrum.example" in page.locator("main").inner_text()
    assert Invitation.objects.filter(email="kollegin@beratungszentrum.example").exists()

    # Edit the profile.
    page.goto("/organisations/beratungszentrum/manage/profile/")
    assert axe_violations(page) == []
    page.locator("textarea[name=description]").fill("Beratung für Zugewanderte in Kassel.")
    page.locator("input[name=phone]").fill("0561 000 40")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/manage/")

    # Add a service offered in Turkish and German for refugees.
    page.goto("/organisations/beratungszentrum/manage/services/new/")
    assert axe_violations(page) == []
    page.locator("input[name=name]").fill("Sozialberatung auf Türkisch")
    page.locator("textarea[name=description]").fill("Hilfe bei Anträgen und Behördenpost.")
    refugees = TargetGroup.objects.get(slug="gefluechtete-migranten").pk
    page.locator(f"input[name=target_groups][value='{refugees}']").check()
    for code in ("tr", "de"):
        language = Language.objects.get(slug=code).pk
        page.locator(f"input[name=languages][value='{language}']").check()
    page.locator("input[name=access_walk_in]").check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/manage/")
    assert axe_violations(page) == []
    service = Service.objects.get(name="Sozialberatung auf Türkisch")
    assert set(service.languages.values_list("slug", flat=True)) == {"tr", "de"}
    assert set(service.target_groups.values_list("slug", flat=True)) == {"gefluechtete-migranten"}

    # An anonymous visitor filters for Turkish and refugees.
    page.context.clear_cookies()
    page.goto("/directory/")
    assert axe_violations(page) == []
    page.locator("select[name=language]").select_option("tr")
    page.locator("select[name=target_group]").select_option("gefluechtete-migranten")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**/directory/?*")
    assert "Sozialberatung auf Türkisch" in page.locator("main section").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Sozialberatung auf Türkisch").click()
    page.wait_for_url(f"**{service.get_absolute_url()}")
    assert "1.05" in page.locator("main").inner_text()
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    "path",
    ["/directory/", "/our-house/", "/organisations/beratungszentrum/", "SERVICE", "REPORT"],
)
def test_public_directory_pages_have_no_serious_accessibility_violations(
    page, beratungszentrum, path
):
    service = ServiceFactory(organisation=beratungszentrum, name="Schuldnerberatung")
    path = {
        "SERVICE": service.get_absolute_url(),
        "REPORT": service.get_absolute_url() + "report/",
    }.get(path, path)
    page.goto(path)
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []
