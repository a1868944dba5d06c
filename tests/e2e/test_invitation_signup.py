"""An invited colleague signs up from the invitation link and comes back to it."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from tests.e2e.conftest import axe_violations, login
from tests.factories import PASSWORD, UserFactory
from tests.tenants.factories import InvitationFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_invited_colleague_signs_up_with_the_address_filled_in_and_returns_to_the_invitation(
    page, house
):
    invitation = InvitationFactory(
        organisation=OrganisationFactory(name="Jugendhilfe Kassel"), email="neu@example.org"
    )
    page.goto(invitation.get_absolute_url())
    page.get_by_role("link", name="Konto anlegen").click()

    email = page.get_by_label("E-Mail-Adresse")
    assert email.input_value() == "neu@example.org"
    page.get_by_label("Vollständiger Name").fill("Nora Neumann")
    page.get_by_label("Passwort*").fill("ein-sicheres-Passwort-42")
    page.get_by_label("Passwort (Wiederholung)").fill("ein-sicheres-Passwort-42")
    page.get_by_label("Datenschutzerklärung").check()
    page.get_by_role("button", name="Registrieren").click()
    page.wait_for_url("**/accounts/confirm-email/")

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body).group(0)
    page.goto(link[link.index("/accounts/") :])
    page.get_by_role("button", name="Bestätigen").click()

    page.wait_for_url(f"**{invitation.get_absolute_url()}")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Einladung annehmen").click()
    assert "Jugendhilfe Kassel" in page.get_by_role("heading", level=1).inner_text()


def test_my_area_leads_with_a_waiting_invitation(page, house):
    user = UserFactory(email="warten@example.org")
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    InvitationFactory(organisation=OrganisationFactory(name="Familienzentrum"), email=user.email)
    login(page, user.email, PASSWORD)
    page.wait_for_load_state()
    page.goto(reverse("house:dashboard"))
    assert page.get_by_role("link", name="Einladung von Familienzentrum öffnen").is_visible()
    assert axe_violations(page) == []
