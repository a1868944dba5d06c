"""The hours ledger: attendance, manual entries, allowances, cards and certificates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.volunteers.certificates import certificate_pdf
from house.volunteers.models import AllowanceLimit, HoursEntry
from house.volunteers.services import VolunteerError, hours, shifts
from tests.volunteers.factories import ShiftFactory, coordinator, volunteer

pytestmark = pytest.mark.django_db


def _past_assignment(profile, hours_long=3):
    shift = ShiftFactory(start=timezone.now() + dt.timedelta(hours=1))
    assignment = shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    shift.start = timezone.now() - dt.timedelta(hours=hours_long + 1)
    shift.end = shift.start + dt.timedelta(hours=hours_long)
    shift.save()
    return assignment


def test_came_writes_the_shift_to_the_ledger_and_missed_takes_it_back():
    profile = volunteer()
    assignment = _past_assignment(profile)
    staff = coordinator()

    hours.record_attendance(assignment=assignment, attendance="came", actor=staff)
    entry = HoursEntry.objects.get(assignment=assignment)
    hours.record_attendance(assignment=assignment, attendance="missed", actor=staff)

    assert entry.minutes == 180
    assert entry.approved_at is not None
    assert not HoursEntry.objects.filter(assignment=assignment).exists()


def test_attendance_cannot_be_recorded_before_the_shift():
    profile = volunteer()
    shift = ShiftFactory()
    assignment = shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    with pytest.raises(VolunteerError):
        hours.record_attendance(assignment=assignment, attendance="came", actor=coordinator())


def test_hours_entered_by_the_volunteer_count_only_once_approved():
    profile = volunteer()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    entry = hours.record_manual_hours(
        profile=profile, day=yesterday, minutes=90, description="Sommerfest", actor=profile.user
    )
    before = hours.total_minutes(profile=profile, start=yesterday, end=yesterday)
    hours.approve_hours(entry=entry, actor=coordinator())

    assert before == 0
    assert hours.total_minutes(profile=profile, start=yesterday, end=yesterday) == 90


def test_future_or_overlong_manual_hours_are_refused():
    profile = volunteer()
    with pytest.raises(VolunteerError):
        hours.record_manual_hours(
            profile=profile,
            day=timezone.localdate() + dt.timedelta(days=1),
            minutes=60,
            description="x",
            actor=profile.user,
        )
    with pytest.raises(VolunteerError):
        hours.record_manual_hours(
            profile=profile,
            day=timezone.localdate(),
            minutes=25 * 60,
            description="x",
            actor=profile.user,
        )


def test_an_allowance_above_the_yearly_limit_needs_confirmation():
    profile = volunteer()
    staff = coordinator()
    paid_on = dt.date(2026, 5, 1)
    hours.record_allowance(profile=profile, paid_on=paid_on, amount=Decimal("900"), actor=staff)

    with pytest.raises(hours.AllowanceOverLimitError, match="960"):
        hours.record_allowance(profile=profile, paid_on=paid_on, amount=Decimal("100"), actor=staff)
    hours.record_allowance(
        profile=profile, paid_on=paid_on, amount=Decimal("100"), actor=staff, accept_over_limit=True
    )

    assert hours.allowance_status(profile=profile, year=2026).paid == Decimal("1000")


def test_the_allowance_limit_is_dated_data():
    AllowanceLimit.objects.create(valid_from=dt.date(2027, 1, 1), yearly_amount=Decimal("1200"))
    profile = volunteer()

    assert hours.allowance_status(profile=profile, year=2025).limit == Decimal("840.00")
    assert hours.allowance_status(profile=profile, year=2027).limit == Decimal("1200")


def test_the_volunteer_card_precheck_uses_the_thresholds_as_data():
    profile = volunteer()
    staff = coordinator()
    for weeks in range(1, 53):
        hours.record_manual_hours(
            profile=profile,
            day=timezone.localdate() - dt.timedelta(weeks=weeks),
            minutes=5 * 60,
            description="Café",
            actor=staff,
        )

    checks = {
        c.rule.federal_state: c
        for c in hours.volunteer_card_precheck(profile=profile, on=timezone.localdate())
    }

    assert checks["NI"].met is True
    assert checks["NI"].hours_last_year == Decimal("260.0")


def test_a_certificate_sums_the_counted_hours_and_renders_a_german_pdf():
    profile = volunteer()
    staff = coordinator()
    day = timezone.localdate() - dt.timedelta(days=3)
    hours.record_manual_hours(
        profile=profile, day=day, minutes=150, description="Café", actor=staff
    )
    hours.record_manual_hours(
        profile=profile, day=day, minutes=60, description="Ungeprüft", actor=profile.user
    )

    certificate = hours.issue_certificate(profile=profile, start=day, end=day, actor=profile.user)
    pdf = certificate_pdf(certificate, verify_url="https://example.org/volunteering/verify/")

    assert certificate.minutes == 150
    assert len(certificate.code) == 10
    assert pdf.startswith(b"%PDF")


def test_no_certificate_for_a_period_without_hours():
    profile = volunteer()
    with pytest.raises(VolunteerError):
        hours.issue_certificate(
            profile=profile,
            start=dt.date(2020, 1, 1),
            end=dt.date(2020, 12, 31),
            actor=profile.user,
        )
