"""The demo house's volunteers: a café that runs, histories long and short, no e-mails."""

from __future__ import annotations

import pytest
from django.utils import timezone

from house import demo as house_demo
from house.models import OutboxEmail
from house.tenure import volunteer_tenure
from house.volunteers import demo
from house.volunteers.models import Assignment, Shift, VolunteerProfile

pytestmark = pytest.mark.django_db


def test_the_demo_is_idempotent_queues_no_mail_and_tells_the_tenure_stories():
    users = house_demo.seed()

    profiles = demo.seed(users=users)
    demo.seed(users=users)

    today = timezone.localdate()
    assert VolunteerProfile.objects.count() == len(demo.PEOPLE)
    assert OutboxEmail.objects.count() == 0
    assert volunteer_tenure(user=users["volunteer"], on=today).qualifies is True
    assert volunteer_tenure(user=profiles["mehmet"].user, on=today).qualifies is True
    assert volunteer_tenure(user=profiles["olena"].user, on=today).qualifies is False
    assert volunteer_tenure(user=profiles["jutta"].user, on=today).qualifies is False
    assert Assignment.objects.filter(status=Assignment.Status.WAITING).exists()
    assert Shift.objects.filter(opportunity__slug="stadthaus-cafe").count() > 40
    assert profiles["renate"].user is None
