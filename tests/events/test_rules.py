"""The programme rules: who runs an event, publishes for the house, reviews and reports."""

import pytest
from django.contrib.auth.models import AnonymousUser

from house.models import Role
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_members_of_the_organiser_manage_its_event(member, outsider_member, event):
    assert member.has_perm("events.manage_event", event)
    assert not outsider_member.has_perm("events.manage_event", event)
    assert not AnonymousUser().has_perm("events.manage_event", event)


def test_the_front_desk_manages_every_event_and_the_houses_own(event):
    for role in (Role.RECEPTION, Role.HOUSE_MANAGEMENT):
        staff = staff_user(role)
        assert staff.has_perm("events.manage_event", event)
        assert staff.has_perm("events.publish_house_event")


def test_the_programme_area_is_for_members_of_an_organisation_and_staff(member):
    assert member.has_perm("events.use_programme")
    assert not member.has_perm("events.publish_house_event")
    assert not UserFactory().has_perm("events.use_programme")


def test_reviews_and_reports_are_for_house_management(member):
    manager, reception = staff_user(Role.HOUSE_MANAGEMENT), staff_user(Role.RECEPTION)
    for name in ("events.review_event", "events.view_report"):
        assert manager.has_perm(name)
        assert not reception.has_perm(name)
        assert not member.has_perm(name)
