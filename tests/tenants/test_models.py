import datetime as dt

import pytest
from django.db import IntegrityError

from tenants.models import Membership, Organisation
from tests.factories import UserFactory
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


def test_visible_to_hides_private_organisations_from_outsiders():
    public = OrganisationFactory(is_public=True)
    private = OrganisationFactory(is_public=False)
    member = org_member(private)
    assert list(Organisation.objects.visible_to(UserFactory())) == [public]
    assert set(Organisation.objects.visible_to(member)) == {public, private}
    assert list(Organisation.objects.of_member(member)) == [private]


def test_managed_by_lists_only_organisations_one_administers():
    org, other = OrganisationFactory(), OrganisationFactory()
    admin = org_admin(org)
    MembershipFactory(user=admin, organisation=other, role=Membership.Role.MEMBER)
    assert list(Organisation.objects.managed_by(admin)) == [org]
