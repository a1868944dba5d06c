import datetime as dt

import pytest
from django.db import IntegrityError

from house.models import Role
from tenants.models import Membership, Organisation
from tenants.permissions import is_org_admin, is_org_member, organisations_of
from tests.factories import UserFactory, staff_user
from tests.tenants.factories import (
    MembershipFactory,
    OrganisationFactory,
    org_admin,
    org_member,
)

pytestmark = pytest.mark.django_db


def test_nonprofit_proof_valid_without_expiry():
    org = OrganisationFactory.build(nonprofit_notice_date=dt.date(2024, 1, 1))
    assert org.has_valid_nonprofit_proof(on=dt.date(2030, 1, 1)) is True


def test_nonprofit_proof_invalid_after_expiry():
    org = OrganisationFactory.build(
        nonprofit_notice_date=dt.date(2022, 1, 1), nonprofit_notice_expires=dt.date(2024, 12, 31)
    )
    assert org.has_valid_nonprofit_proof(on=dt.date(2024, 12, 31)) is True
    assert org.has_valid_nonprofit_proof(on=dt.date(2025, 1, 1)) is False


def test_nonprofit_proof_missing_notice():
    org = OrganisationFactory.build(nonprofit_notice_date=None)
    assert org.has_valid_nonprofit_proof(on=dt.date(2025, 1, 1)) is False


def test_membership_unique_per_user_and_organisation():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=membership.user, organisation=membership.organisation)


def test_org_admin_is_admin_and_member_of_own_organisation_only():
    org, other = OrganisationFactory(), OrganisationFactory()
    admin = org_admin(org)
    assert is_org_admin(admin, org)
    assert is_org_member(admin, org)
    assert not is_org_admin(admin, other)
    assert not is_org_member(admin, other)


def test_org_member_is_not_admin():
    org = OrganisationFactory()
    member = org_member(org)
    assert is_org_member(member, org)
    assert not is_org_admin(member, org)


def test_house_management_is_admin_of_every_organisation():
    org = OrganisationFactory()
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    assert is_org_admin(manager, org)
    assert set(Organisation.objects.managed_by(manager)) == {org}


def test_visible_to_hides_private_organisations_from_outsiders():
    public = OrganisationFactory(is_public=True)
    private = OrganisationFactory(is_public=False)
    member = org_member(private)
    assert list(Organisation.objects.visible_to(UserFactory())) == [public]
    assert set(Organisation.objects.visible_to(member)) == {public, private}
    assert list(organisations_of(member)) == [private]


def test_managed_by_lists_only_organisations_one_administers():
    org, other = OrganisationFactory(), OrganisationFactory()
    admin = org_admin(org)
    MembershipFactory(user=admin, organisation=other, role=Membership.Role.MEMBER)
    assert list(Organisation.objects.managed_by(admin)) == [org]
