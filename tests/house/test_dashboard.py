"""My area speaks of what the person is: house and organisation roles, and their name."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation

from house.models import Role
from tenants.models import Membership
from tests.factories import UserFactory
from tests.tenants.factories import MembershipFactory, OrganisationFactory


def _dashboard(client, user):
    client.force_login(user)
    with translation.override("de"):
        response = client.get(reverse("house:dashboard"), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def test_a_tenant_admin_is_told_they_are_admin_of_their_organisation(client, house):
    admin = UserFactory(name="Sabine Krüger")
    MembershipFactory(
        user=admin,
        organisation=OrganisationFactory(name="PARITÄTISCHE Nordhessen"),
        role=Membership.Role.ADMIN,
    )

    page = _dashboard(client, admin)

    assert "Admin von PARITÄTISCHE Nordhessen" in page
    assert "keine Rolle" not in page


def test_a_member_sees_membership_and_house_role_together(client, house):
    member = UserFactory(roles=[Role.CURATORIUM_MEMBER])
    MembershipFactory(user=member, organisation=OrganisationFactory(name="Freiwillig! e.V."))

    page = _dashboard(client, member)

    assert "Mitglied von Freiwillig! e.V." in page
    assert "Kuratoriumsmitglied" in page


def test_the_greeting_uses_the_name_as_the_person_gave_it(client, house):
    page = _dashboard(client, UserFactory(name="Dr. Helmut Fischer"))
    assert "Hallo, Dr. Helmut Fischer" in page


def test_someone_without_roles_is_not_told_they_have_none(client, house):
    """A volunteer or a founder has no house role, yet plenty to do: no "you have no role"."""
    page = _dashboard(client, UserFactory())
    assert 'id="roles-title"' not in page
    assert "keine Rolle" not in page
    assert "Zu meinen Veranstaltungen" not in page
