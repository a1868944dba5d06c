"""The organisation rules: who enters an organisation's area and who changes it."""

import pytest
from django.contrib.auth.models import AnonymousUser

from house.models import Role
from tenants.models import Organisation
from tests.factories import UserFactory, staff_user
from tests.tenants.factories import OrganisationFactory, ServiceFactory, org_admin, org_member

pytestmark = pytest.mark.django_db


def test_org_admin_is_admin_and_member_of_own_organisation_only():
    org, other = OrganisationFactory(), OrganisationFactory()
    admin = org_admin(org)
    assert admin.has_perm("tenants.change_organisation", org)
    assert admin.has_perm("tenants.enter_organisation", org)
    assert not admin.has_perm("tenants.change_organisation", other)
    assert not admin.has_perm("tenants.enter_organisation", other)


def test_org_member_is_not_admin():
    org = OrganisationFactory()
    member = org_member(org)
    assert member.has_perm("tenants.enter_organisation", org)
    assert not member.has_perm("tenants.change_organisation", org)


def test_house_management_is_admin_of_every_organisation():
    org = OrganisationFactory()
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    assert manager.has_perm("tenants.change_organisation", org)
    assert set(Organisation.objects.managed_by(manager)) == {org}


def test_outsiders_and_visitors_neither_enter_nor_change_an_organisation():
    org = OrganisationFactory()
    org_admin(org)
    for user in (UserFactory(), AnonymousUser()):
        assert not user.has_perm("tenants.enter_organisation", org)
        assert not user.has_perm("tenants.change_organisation", org)


def test_a_service_is_changed_by_the_admins_of_its_organisation_only():
    service = ServiceFactory()
    assert org_admin(service.organisation).has_perm("tenants.change_service", service)
    assert not org_member(service.organisation).has_perm("tenants.change_service", service)
    assert not org_admin(OrganisationFactory()).has_perm("tenants.change_service", service)


def test_reception_does_not_change_organisations():
    reception = staff_user(Role.RECEPTION)
    assert not reception.has_perm("tenants.change_organisation", OrganisationFactory())
    assert not reception.has_perm("tenants.change_organisation")
