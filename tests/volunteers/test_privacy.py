"""The volunteer area exports and erases what it keeps about a person."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from house.privacy import ERASED, erase_person, export_person
from house.volunteers.models import AllowancePayment, Interest, VolunteerProfile
from tests.factories import UserFactory
from tests.volunteers.canary import plant

pytestmark = pytest.mark.django_db

MARKER = "Kanarienvogel-7f3a"


def test_export_holds_every_planted_field():
    user = UserFactory()
    plant(user=user, marker=MARKER)

    section = export_person(user=user)["volunteers"]

    text = json.dumps(section, ensure_ascii=False)
    assert text.count(MARKER) >= 9  # profile fields, notes, hours, allowance, interest
    assert section["consents"]
    assert section["profile"]["coordinator_notes"] == MARKER


def test_erasure_removes_the_profile_and_keeps_payments_without_the_person():
    user = UserFactory()
    plant(user=user, marker=MARKER)

    erase_person(user=user)

    assert not VolunteerProfile.objects.filter(name=user.name).exists()
    assert not Interest.objects.filter(message=MARKER).exists()
    payment = AllowancePayment.objects.get()
    assert payment.amount == Decimal("10.00")
    assert payment.note == ERASED
    assert payment.profile.name == ERASED


def test_erasure_takes_the_name_out_of_shift_histories():
    from house.models import ActivityLog
    from house.volunteers.services import shifts
    from tests.volunteers.factories import ShiftFactory

    user = UserFactory(name="Edith Erasmus")
    plant(user=user, marker=MARKER)
    profile = VolunteerProfile.objects.get(user=user)
    shift = ShiftFactory()
    shifts.sign_up(shift=shift, profile=profile, actor=user)

    erase_person(user=user)

    names = [e.data.get("name") for e in ActivityLog.objects.for_object(shift)]
    assert names == [ERASED]


def test_erasure_also_clears_the_coordinations_copy_of_an_interest():
    from house.models import OutboxEmail

    user = UserFactory()
    plant(user=user, marker=MARKER)

    erase_person(user=user)

    assert not OutboxEmail.objects.filter(body_text__contains=MARKER).exists()
