"""Reminders before shifts and alerts about understaffed shifts, each sent once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.volunteers.services import notices, shifts
from tests.volunteers.factories import ShiftFactory, coordinator, in_days, sent_to, volunteer

pytestmark = pytest.mark.django_db


def test_a_reminder_goes_out_48_hours_before_the_shift_and_only_once():
    profile = volunteer()
    soon = ShiftFactory(start=timezone.now() + dt.timedelta(hours=30))
    later = ShiftFactory(start=in_days(10, 9))
    shifts.sign_up(shift=soon, profile=profile, actor=profile.user)
    shifts.sign_up(shift=later, profile=profile, actor=profile.user)

    first = notices.send_shift_reminders()
    again = notices.send_shift_reminders()

    assert first == 1
    assert again == 0
    reminders = [e for e in sent_to(profile.user.email) if e.kind == "volunteers.reminder"]
    assert len(reminders) == 1
    assert soon.title in reminders[0].subject


def test_the_coordination_hears_once_about_a_shift_below_its_minimum():
    staff = coordinator()
    understaffed = ShiftFactory(
        min_staff=2, max_staff=3, start=timezone.now() + dt.timedelta(hours=40)
    )
    staffed = ShiftFactory(min_staff=1, max_staff=2, start=timezone.now() + dt.timedelta(hours=50))
    helper = volunteer()
    shifts.sign_up(shift=staffed, profile=helper, actor=helper.user)

    assert notices.alert_understaffed_shifts() == 1
    assert notices.alert_understaffed_shifts() == 0
    (alert,) = sent_to(staff.email)
    assert understaffed.title in alert.subject
