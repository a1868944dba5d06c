"""Factories and small builders for the governance tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from house.governance import services
from house.governance.models import Committee, Meeting, Membership
from house.models import User
from tests.factories import UserFactory


def next_weekday_at(hour: int, *, days_ahead: int = 30) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days_ahead)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def committee(**kwargs) -> Committee:
    kwargs.setdefault("name", "Kuratorium")
    kwargs.setdefault("kind", Committee.Kind.CURATORIUM)
    return services.create_committee(**kwargs)


def members(committee: Committee, count: int, **kwargs) -> list[Membership]:
    start = kwargs.pop("start_date", timezone.localdate() - dt.timedelta(days=30))
    return [
        services.add_membership(
            committee=committee, person=UserFactory(), start_date=start, **kwargs
        )
        for _ in range(count)
    ]


def member_with_deputy(committee: Committee, **kwargs) -> Membership:
    return services.add_membership(
        committee=committee,
        person=UserFactory(),
        deputy=UserFactory(),
        start_date=timezone.localdate() - dt.timedelta(days=30),
        **kwargs,
    )


def meeting(committee: Committee, actor: User, *, days_ahead: int = 30, **kwargs) -> Meeting:
    start = kwargs.pop("start", None) or next_weekday_at(17, days_ahead=days_ahead)
    return services.schedule_meeting(
        committee=committee,
        title=kwargs.pop("title", "Sitzung des Kuratoriums"),
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=actor,
        **kwargs,
    )


def running_meeting(
    committee: Committee, actor: User, *, present: list[Membership], **kwargs
) -> Meeting:
    """A meeting in progress with ``present`` members in the room."""
    m = meeting(committee, actor, **kwargs)
    services.open_meeting(meeting=m, actor=actor)
    for membership in present:
        services.record_attendance(meeting=m, membership=membership, actor=actor, status="present")
    return m
