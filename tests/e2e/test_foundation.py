"""A newcomer's first steps in the browser: home, sign-up, sign-in, errors, with axe-core."""

import pytest

from house.demo import seed_house
from house.models import Role
from tests.e2e.conftest import axe_violations, login
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_house(db):
    return seed_house()


@pytest.mark.parametrize(
    "path", ["/", "/accounts/login/", "/accounts/signup/", "/gibt-es-nicht/", "/imprint/"]
)
def test_public_pages_have_no_serious_accessibility_violations(page, demo_house, path):
    page.goto(path)
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("main#main").count() == 1
    assert axe_violations(page) == []


def test_skip_link_is_the_first_stop_of_the_keyboard(page, demo_house):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Hauptinhalt springen"
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")


def test_home_fits_a_320px_phone_without_sideways_scrolling(browser, live_server, demo_house):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 320, "height": 640}, locale="de-DE"
    )
    page = context.new_page()
    page.goto("/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320
    page.get_by_role("button", name="Menü ein- oder ausblenden").click()
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Anmelden").wait_for(state="visible")
    context.close()


def test_signup_asks_for_name_and_consent_then_for_verification(page, demo_house):
    page.goto("/accounts/signup/")
    page.get_by_label("Vollständiger Name").fill("Erika Mustermann")
    page.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    page.get_by_label("Passwort*").fill("ein-sicheres-Passwort-42")
    page.get_by_label("Passwort (Wiederholung)").fill("ein-sicheres-Passwort-42")
    page.get_by_label("Datenschutzerklärung").check()
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert "E-Mail" in page.locator("main").inner_text()


def test_member_signs_in_and_sees_personal_area(page, demo_house):
    UserFactory(email="mitglied@example.org", name="Max Muster")
    login(page, "mitglied@example.org", PASSWORD)
    page.wait_for_url("**/my-area/")
    assert page.get_by_role("heading", level=1).inner_text() == "Hallo, Max Muster"
    assert axe_violations(page) == []


def test_staff_member_is_led_through_mfa_setup(page, demo_house):
    UserFactory(email="empfang@example.org", roles=[Role.RECEPTION])
    login(page, "empfang@example.org", PASSWORD)
    page.wait_for_url("**/accounts/2fa/totp/activate**")
    main = page.locator("main").inner_text()
    assert "Zwei-Faktor-Authentifizierung" in main
    assert axe_violations(page) == []


def test_staff_member_with_mfa_signs_in_with_a_code(page, demo_house):
    from tests.e2e.conftest import login_staff
    from tests.factories import staff_user

    staff_user(Role.HOUSE_MANAGEMENT, email="verwaltung@example.org", name="Miriam Adler")
    login_staff(page, "verwaltung@example.org", PASSWORD)
    page.wait_for_url("**/my-area/")
    assert "Hausverwaltung" in page.locator("main").inner_text()
