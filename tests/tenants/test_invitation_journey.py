"""An invited colleague is never asked for what the portal knows, and never told two things."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import translation

from tests.factories import UserFactory
from tests.tenants.factories import InvitationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_the_invitation_page_offers_sign_up_with_the_invited_address(client):
    invitation = InvitationFactory(email="neu@example.org")

    response = client.get(invitation.get_absolute_url())

    signup = response.context["signup_url"]
    query = parse_qs(urlparse(signup).query)
    assert query["email"] == ["neu@example.org"]
    assert query["next"] == [invitation.get_absolute_url()]
    assert client.get(signup).context["form"].initial["email"] == "neu@example.org"


def _verified_user(email: str):
    user = UserFactory(email=email)
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def test_my_organisations_with_a_waiting_invitation_does_not_say_you_belong_nowhere(client):
    user = _verified_user("warten@example.org")
    InvitationFactory(organisation=OrganisationFactory(name="Familienzentrum"), email=user.email)
    client.force_login(user)

    with translation.override("de"):
        page = client.get(reverse("tenants:my_organisations"), HTTP_ACCEPT_LANGUAGE="de")

    text = page.content.decode()
    assert "Einladung von Familienzentrum öffnen" in text
    assert "gehören noch keiner Organisation" not in text
    assert "Nehmen Sie oben eine Einladung an" in text


def test_my_area_shows_the_waiting_invitation_first(client, house):
    user = _verified_user("warten@example.org")
    invitation = InvitationFactory(email=user.email)
    client.force_login(user)

    text = client.get(reverse("house:dashboard")).content.decode()

    assert text.index(invitation.get_absolute_url()) < text.index('id="tools-title"')


def test_someone_elses_invitation_is_not_shown_in_my_area(client, house):
    user = _verified_user("ich@example.org")
    other = InvitationFactory(email="jemand-anderes@example.org")
    client.force_login(user)

    assert other.get_absolute_url() not in client.get(reverse("house:dashboard")).content.decode()
