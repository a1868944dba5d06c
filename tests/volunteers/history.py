"""Real ledger history for tests elsewhere (the rooms' private-celebration rule)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from house.volunteers.models import VolunteerProfile
from house.volunteers.services import hours
from tests.volunteers.factories import coordinator, volunteer


def give_volunteer_history(
    user, *, since: dt.date | None, until: dt.date | None = None, actor=None
) -> VolunteerProfile | None:
    """Register ``user`` as a volunteer with four approved hours each month from ``since``
    up to (not including) ``until`` (default today). ``since=None`` leaves no history."""
    if since is None:
        return None
    profile = VolunteerProfile.objects.filter(user=user).first() or volunteer(user)
    actor = actor or coordinator()
    until = until or timezone.localdate()
    day = since
    months = 0
    while day < until and day <= timezone.localdate():
        hours.record_manual_hours(
            profile=profile, day=day, minutes=240, description="Café", actor=actor
        )
        months += 1
        day = since + relativedelta(months=months)
    return profile


def regular_volunteer(*, days: int):
    """A person whose monthly volunteering started ``days`` ago and continues to today."""
    from tests.factories import UserFactory

    user = UserFactory()
    give_volunteer_history(user, since=timezone.localdate() - dt.timedelta(days=days))
    return user
