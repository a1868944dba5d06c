"""Factories and small builders of the volunteer area's tests."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from house.ical import BERLIN
from house.roles import Role
from house.volunteers.models import Opportunity, QualificationType, Shift, VolunteerProfile
from house.volunteers.models.people import ConsentPurpose
from house.volunteers.services import people
from tests.factories import UserFactory, staff_user


class OpportunityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Opportunity

    title = factory.Sequence(lambda n: f"Café-Dienst {n}")
    slug = factory.Sequence(lambda n: f"cafe-{n}")
    description = "Kaffee ausschenken, Kuchen verkaufen, Gäste begrüßen."
    place = "Café im Erdgeschoss"


class ShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shift

    opportunity = factory.SubFactory(OpportunityFactory)
    title = factory.LazyAttribute(lambda o: o.opportunity.title)
    start = factory.LazyFunction(lambda: in_days(3, 10))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=3))
    min_staff = 2
    max_staff = 3


def in_days(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=BERLIN)


def volunteer(user=None, *, name: str | None = None, **details) -> VolunteerProfile:
    """A registered volunteer with an account, through the registration service."""
    user = user or (UserFactory(name=name) if name else UserFactory())
    return people.register_volunteer(
        user=user,
        details=details,
        consents=[ConsentPurpose.REGISTRY, ConsentPurpose.CONTACT, ConsentPurpose.NAME_ON_LISTS],
    )


def coordinator():
    return staff_user(Role.VOLUNTEER_COORDINATION)


def kind(slug: str) -> QualificationType:
    return QualificationType.objects.get(slug=slug)


def sent_to(address: str):
    """Outbox rows (queued e-mails) addressed to ``address``, oldest first."""
    from house.models import OutboxEmail

    return [e for e in OutboxEmail.objects.order_by("pk") if address in e.to]
