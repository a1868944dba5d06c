"""factory_boy factories for organisations, memberships and the directory."""

from __future__ import annotations

import datetime as dt

import factory

from tenants.models import (
    ConsultationHours,
    Contact,
    Invitation,
    Language,
    Membership,
    Organisation,
    Service,
    TargetGroup,
    Topic,
)
from tests.factories import UserFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Verein Nummer {n} e.V.")
    slug = factory.Sequence(lambda n: f"verein-{n}")
    kind = Organisation.Kind.TENANT
    legal_form = Organisation.LegalForm.EV
    city = "Kassel"
    description = "Ein Verein im Haus."
    email = factory.Sequence(lambda n: f"info{n}@verein.example")
    office_floor = 1
    office_room = factory.Sequence(lambda n: f"1.{n:02d}")
    is_public = True
    nonprofit_notice_date = dt.date(2024, 3, 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


def org_admin(organisation: Organisation | None = None, **kwargs):
    """A person who is admin of ``organisation`` (a new one if none is given)."""
    membership = MembershipFactory(
        organisation=organisation or OrganisationFactory(), role=Membership.Role.ADMIN, **kwargs
    )
    return membership.user


def org_member(organisation: Organisation | None = None, **kwargs):
    membership = MembershipFactory(
        organisation=organisation or OrganisationFactory(), role=Membership.Role.MEMBER, **kwargs
    )
    return membership.user


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"gruppe-{n}")
    name = factory.Sequence(lambda n: f"Gruppe {n}")
    name_en = factory.Sequence(lambda n: f"Group {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"thema-{n}")
    name = factory.Sequence(lambda n: f"Thema {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"l{n}")
    name = factory.Sequence(lambda n: f"Sprache {n}")
    name_en = factory.Sequence(lambda n: f"Language {n}")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Beratung {n}")
    slug = factory.Sequence(lambda n: f"beratung-{n}")
    description = "Offene Beratung für alle."
    search_text = factory.LazyAttribute(lambda o: f"{o.name} {o.description}".lower())


class ConsultationHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationHours

    organisation = factory.LazyAttribute(lambda o: o.service.organisation if o.service else None)
    service = factory.SubFactory(ServiceFactory)
    weekday = 0
    opens_at = dt.time(9, 0)
    closes_at = dt.time(12, 0)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Faker("name", locale="de_DE")
    email = factory.Sequence(lambda n: f"kontakt{n}@verein.example")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"eingeladen{n}@example.org")
    role = Membership.Role.MEMBER
