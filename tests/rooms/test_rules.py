"""The booking rules: the reception desk, cancelling, calendars, reports, and the admin."""

import pytest
from django.contrib.auth.models import AnonymousUser

from house.models import Role
from rooms.admin import BookingAdmin
from rooms.models import Booking
from tests.factories import UserFactory, staff_user
from tests.rooms.factories import BookingFactory
from tests.tenants.factories import OrganisationFactory, org_admin, org_member

pytestmark = pytest.mark.django_db


def test_the_reception_desk_is_for_reception_and_house_management_only(reception, manager):
    assert reception.has_perm("rooms.manage_booking")
    assert manager.has_perm("rooms.manage_booking")
    assert not UserFactory().has_perm("rooms.manage_booking")
    assert not staff_user(Role.MENTOR).has_perm("rooms.manage_booking")
    assert not AnonymousUser().has_perm("rooms.manage_booking")


def test_members_cancel_their_organisations_bookings_but_not_others(reception):
    organisation = OrganisationFactory()
    booking = BookingFactory(organisation=organisation)
    assert org_member(organisation).has_perm("rooms.cancel_booking", booking)
    assert reception.has_perm("rooms.cancel_booking", booking)
    assert not org_member(OrganisationFactory()).has_perm("rooms.cancel_booking", booking)
    assert not UserFactory().has_perm("rooms.cancel_booking", BookingFactory())


def test_every_member_subscribes_to_their_organisations_calendar_and_no_one_else():
    organisation = OrganisationFactory()
    assert org_admin(organisation).has_perm("rooms.subscribe_organisation_calendar", organisation)
    assert org_member(organisation).has_perm("rooms.subscribe_organisation_calendar", organisation)
    assert not UserFactory().has_perm("rooms.subscribe_organisation_calendar", organisation)


def test_reports_are_for_house_management(reception, manager):
    assert manager.has_perm("rooms.view_report")
    assert not reception.has_perm("rooms.view_report")


def test_the_admin_asks_the_same_rules_for_one_booking(rf, reception):
    booking = BookingFactory()
    admin = BookingAdmin(Booking, None)
    request = rf.get("/")
    request.user = reception
    assert admin.has_view_permission(request, booking)
    assert not admin.has_change_permission(request, booking)
    request.user = org_member(OrganisationFactory())
    assert not admin.has_view_permission(request, booking)
