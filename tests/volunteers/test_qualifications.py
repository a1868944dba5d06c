"""Qualifications with an expiry and the certificate of conduct under § 72a SGB VIII."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.volunteers.models import Qualification
from house.volunteers.services import VolunteerError, qualifications, shifts
from tests.volunteers.factories import (
    OpportunityFactory,
    coordinator,
    in_days,
    kind,
    sent_to,
    volunteer,
)

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


def _certificate(profile, *, issued_on, inspected_on=TODAY, relevant=False):
    return qualifications.record_conduct_certificate(
        profile=profile,
        kind=kind("fuehrungszeugnis"),
        issued_on=issued_on,
        has_relevant_entry=relevant,
        inspected_by=coordinator(),
        inspected_on=inspected_on,
    )


def test_a_certificate_of_conduct_keeps_only_what_the_law_allows_and_is_due_again_in_five_years():
    record = _certificate(volunteer(), issued_on=TODAY - dt.timedelta(days=20))

    assert record.issued_on == TODAY - dt.timedelta(days=20)
    assert record.inspected_on == TODAY
    assert record.valid_until == dt.date(2031, 3, 10)
    assert record.has_relevant_entry is False
    stored = {f.name for f in Qualification._meta.get_fields() if f.concrete}
    assert not stored & {"document", "file", "scan", "entries"}


def test_a_certificate_older_than_three_months_at_inspection_is_refused():
    with pytest.raises(VolunteerError, match="drei Monate"):
        _certificate(volunteer(), issued_on=TODAY - dt.timedelta(days=95))


def test_a_certificate_with_a_relevant_entry_never_qualifies_for_child_contact():
    conduct = kind("fuehrungszeugnis")
    opportunity = OpportunityFactory(involves_children=True)
    opportunity.required_qualifications.add(conduct)
    shift = shifts.create_shift(
        opportunity=opportunity, title="Lesepaten", start=in_days(3, 15), end=in_days(3, 17)
    )
    profile = volunteer()
    _certificate(
        profile,
        issued_on=timezone.localdate() - dt.timedelta(days=5),
        inspected_on=timezone.localdate(),
        relevant=True,
    )

    with pytest.raises(VolunteerError, match="Führungszeugnis"):
        shifts.sign_up(shift=shift, profile=profile, actor=profile.user)


def test_the_record_is_deleted_three_months_after_the_last_assignment_that_needed_it():
    conduct = kind("fuehrungszeugnis")
    opportunity = OpportunityFactory(involves_children=True)
    opportunity.required_qualifications.add(conduct)
    shift = shifts.create_shift(
        opportunity=opportunity, title="Lesepaten", start=in_days(3, 15), end=in_days(3, 17)
    )
    profile = volunteer()
    _certificate(
        profile,
        issued_on=timezone.localdate() - dt.timedelta(days=5),
        inspected_on=timezone.localdate(),
    )
    shifts.sign_up(shift=shift, profile=profile, actor=profile.user)
    shift_day = timezone.localtime(shift.end).date()

    kept = qualifications.delete_stale_conduct_certificates(today=shift_day + dt.timedelta(days=85))
    deleted = qualifications.delete_stale_conduct_certificates(
        today=shift_day + dt.timedelta(days=93)
    )

    assert kept == 0
    assert deleted == 1
    assert not Qualification.objects.filter(profile=profile).exists()


def test_a_record_no_assignment_needed_goes_three_months_after_inspection():
    profile = volunteer()
    _certificate(profile, issued_on=TODAY - dt.timedelta(days=10))

    assert (
        qualifications.delete_stale_conduct_certificates(today=TODAY + dt.timedelta(days=80)) == 0
    )
    assert (
        qualifications.delete_stale_conduct_certificates(today=TODAY + dt.timedelta(days=95)) == 1
    )


def test_other_qualifications_are_not_deleted_by_the_conduct_rule():
    profile = volunteer()
    qualifications.record_qualification(
        profile=profile, kind=kind("erste-hilfe"), valid_from=TODAY, actor=coordinator()
    )
    assert (
        qualifications.delete_stale_conduct_certificates(today=TODAY + dt.timedelta(days=400)) == 0
    )


def test_volunteer_and_coordination_hear_once_before_a_qualification_ends():
    profile = volunteer()
    staff = coordinator()
    qualifications.record_qualification(
        profile=profile,
        kind=kind("lebensmittelhygiene"),
        valid_from=timezone.localdate() - dt.timedelta(days=700),
        actor=staff,
    )

    first = qualifications.send_expiry_notices(today=timezone.localdate() + dt.timedelta(days=20))
    second = qualifications.send_expiry_notices(today=timezone.localdate() + dt.timedelta(days=21))

    assert first == 1
    assert second == 0
    assert len(sent_to(profile.user.email)) == 1
    assert len(sent_to(staff.email)) == 1
