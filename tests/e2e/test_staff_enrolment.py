"""A new staff member's one-time link and a visitor refused by a rate limit, in a browser."""

import pytest

from house import enrolment
from house.demo import seed_house
from house.models import Role, User
from house.services import assign_role
from tests.e2e.conftest import axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_house(db):
    return seed_house()


def test_the_enrolment_link_sets_the_password_and_opens_the_second_factor(page, demo_house):
    person = User.objects.create_user(email="neu@example.org", password=None, name="Nele Neumann")
    assign_role(user=person, role=Role.RECEPTION)
    person.refresh_from_db()

    page.goto(f"/staff/enrol/{enrolment.make_token(person)}/")
    assert "Ihr Zugang als Mitarbeitende" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    page.locator("#id_new_password1").fill("Ein-neues-Passwort-2026")
    page.locator("#id_new_password2").fill("Ein-neues-Passwort-2026")
    page.get_by_role("button", name="Passwort speichern und weiter").click()

    page.wait_for_url("**/accounts/2fa/totp/activate/")
    assert "Authenticator-App" in page.locator("main").inner_text()


def test_the_rate_limit_page_is_german_and_accessible(page, demo_house):
    for number in range(11):
        page.goto("/network/newsletter/")
        page.locator("#id_email").fill(f"nachbar{number}@example.org")
        page.locator("input[name=consent]").check()
        page.get_by_role("button", name="Abonnieren").click()
        page.wait_for_load_state()

    assert "Zu viele Anfragen von Ihrem Anschluss" in page.locator("main").inner_text()
    assert axe_violations(page) == []
