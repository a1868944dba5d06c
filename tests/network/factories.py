"""factory_boy factories of the neighbourhood network."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from tenants.network.models import Actor, BoardPost, District, PriorityRound, Subscriber, Topic
from tests.tenants.factories import OrganisationFactory


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Bezirk {n}")
    slug = factory.Sequence(lambda n: f"bezirk-{n}")
    outline = factory.LazyFunction(
        lambda: [[9.48, 51.32], [9.50, 51.32], [9.50, 51.31], [9.48, 51.31]]
    )


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    district = factory.SubFactory(DistrictFactory)
    summary = "Wir sind im Stadtteil aktiv."

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(extracted)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class RoundFactory(factory.django.DjangoModelFactory):
    """An open round over ``topics`` (three new ones unless given)."""

    class Meta:
        model = PriorityRound
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Runde {n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
    budget = 5
    cap_per_topic = 3

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        self.topics.set(extracted if extracted is not None else TopicFactory.create_batch(3))


class BoardPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardPost

    actor = factory.SubFactory(ActorFactory)
    kind = BoardPost.Kind.NEED
    category = BoardPost.Category.ROOMS
    title = factory.Sequence(lambda n: f"Raum gesucht {n}")
    description = "Für ein Elterncafé."
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"leser{n}@example.org")
    status = Subscriber.Status.CONFIRMED
    consent_text = "Ich möchte den Newsletter erhalten."
    confirmed_at = factory.LazyFunction(timezone.now)
