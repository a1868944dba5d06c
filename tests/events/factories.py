"""factory_boy factories for the public programme."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from events.models import Category, Event, ProgrammeItem, Registration
from tenants.models import Organisation


def in_days(days: int, hour: int = 18) -> dt.datetime:
    """An aware local datetime ``days`` from today at ``hour`` o'clock."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Verein {n}")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    city = "Kassel"


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Vortrag {n}")
    slug = factory.Sequence(lambda n: f"vortrag-{n}")
    summary = "Ein Abend zum Zuhören und Mitreden."
    category = Category.EDUCATION
    organisation = factory.SubFactory(OrganisationFactory)
    venue_name = "Bürgerhaus"
    address = "Treppenstraße 4, 34117 Kassel"
    start = factory.LazyFunction(lambda: in_days(7))
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=2))
    publication = Event.Publication.PUBLISHED
    registration_mode = Event.RegistrationMode.REQUIRED
    capacity = 10
    max_seats_per_registration = 4


class ProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgrammeItem

    event = factory.SubFactory(EventFactory)
    start = factory.LazyAttribute(lambda o: o.event.start)
    end = factory.LazyAttribute(lambda o: o.event.start + dt.timedelta(minutes=45))
    title = "Begrüßung"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"gast{n}@example.org")
    seats = 1
    status = Registration.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)


def calendar_of(message) -> tuple[str, str]:
    """The iTIP part of an outbox e-mail: ``(method mimetype, calendar text)``.

    Invitations travel as a ``text/calendar; method=…`` alternative (so Outlook shows a
    meeting request) plus an .ics attachment with the same text.
    """
    for content, mimetype in message.alternatives:
        if mimetype.startswith("text/calendar"):
            text = content.decode() if isinstance(content, bytes) else content
            return mimetype, text
    raise AssertionError("the e-mail carries no calendar invitation")
