"""Tenure for the room rule, computed from the hours ledger and explained in words."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from house.roles import Role
from house.tenure import volunteer_tenure
from house.volunteers.models import TenureRule
from house.volunteers.services import VolunteerError, hours
from rooms.fees import is_eligible_for_private_celebration, private_celebration_tenure
from tests.factories import UserFactory, staff_user
from tests.volunteers.factories import coordinator, volunteer
from tests.volunteers.history import give_volunteer_history

pytestmark = pytest.mark.django_db


def test_a_person_who_never_volunteered_does_not_qualify_and_is_told_why():
    tenure = volunteer_tenure(user=UserFactory(), on=timezone.localdate())

    assert tenure.qualifies is False
    assert "ehrenamtlich" in tenure.explanation


def test_active_just_past_a_year_qualifies_and_the_explanation_names_month_and_count():
    today = timezone.localdate()
    user = UserFactory()
    give_volunteer_history(user, since=today - relativedelta(months=13))

    with_translation = private_celebration_tenure(user, today)

    assert with_translation.qualifies is True
    assert "in 12 der letzten 12 Monate" in with_translation.explanation


def test_active_just_short_of_a_year_does_not_qualify():
    today = timezone.localdate()
    user = UserFactory()
    give_volunteer_history(user, since=today - relativedelta(months=12) + dt.timedelta(days=3))

    assert is_eligible_for_private_celebration(user, today) is False


def test_long_ago_volunteering_with_a_gap_does_not_count_as_regular():
    today = timezone.localdate()
    user = UserFactory()
    give_volunteer_history(
        user,
        since=today - relativedelta(months=30),
        until=today - relativedelta(months=10),
    )

    tenure = private_celebration_tenure(user, today)

    assert tenure.qualifies is False
    assert "der letzten 12 Monate" in tenure.explanation


def test_the_rule_is_data_and_a_stricter_rule_from_a_later_date_applies():
    today = timezone.localdate()
    user = UserFactory()
    give_volunteer_history(user, since=today - relativedelta(months=14))
    TenureRule.objects.create(
        valid_from=today - dt.timedelta(days=1), min_months=12, min_minutes_per_month=600
    )

    assert is_eligible_for_private_celebration(user, today) is False


def test_attended_shifts_count_towards_tenure():
    from house.volunteers.services import shifts
    from tests.volunteers.factories import ShiftFactory

    profile = volunteer()
    shift = ShiftFactory(start=timezone.now() + dt.timedelta(hours=1))
    assignment = shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    shift.start = timezone.now() - dt.timedelta(hours=3)
    shift.end = timezone.now() - dt.timedelta(hours=1)
    shift.save()

    hours.record_attendance(assignment=assignment, attendance="came", actor=coordinator())

    assert (
        hours.total_minutes(profile=profile, start=timezone.localdate(), end=timezone.localdate())
        == 120
    )


def test_house_management_may_decide_otherwise_with_a_logged_reason():
    today = timezone.localdate()
    profile = volunteer()
    management = staff_user(Role.HOUSE_MANAGEMENT)

    hours.override_tenure(
        profile=profile, qualifies=True, reason="Vorstand des Fördervereins", actor=management
    )

    tenure = volunteer_tenure(user=profile.user, on=today)
    assert tenure.qualifies is True
    assert "Vorstand des Fördervereins" in tenure.explanation
    from house.models import ActivityLog

    assert ActivityLog.objects.for_object(profile).of_type("volunteers.tenure.overridden").exists()


def test_only_house_management_may_decide_tenure_and_only_with_a_reason():
    profile = volunteer()
    with pytest.raises(VolunteerError):
        hours.override_tenure(profile=profile, qualifies=True, reason="x", actor=coordinator())
    with pytest.raises(VolunteerError):
        hours.override_tenure(
            profile=profile, qualifies=True, reason=" ", actor=staff_user(Role.HOUSE_MANAGEMENT)
        )
