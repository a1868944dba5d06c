"""Actors join the network, keep their entry, and are reminded when it goes stale."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.models import OutboxEmail
from tenants.models import Invitation, Organisation
from tenants.network.models import Actor
from tenants.network.services import NetworkError
from tenants.network.services.actors import (
    add_organisation_as_actor,
    add_outside_actor,
    flag_overdue_actors,
    remind_stale_actors,
    save_actor,
    verify_actor,
)
from tests.network.factories import ActorFactory, DistrictFactory, TopicFactory
from tests.tenants.factories import OrganisationFactory, org_admin

pytestmark = pytest.mark.django_db


def test_an_organisation_of_the_directory_joins_once(coordinator):
    organisation, district = OrganisationFactory(), DistrictFactory()
    actor = add_organisation_as_actor(
        organisation=organisation, district=district, added_by=coordinator
    )
    assert actor.organisation == organisation

    with pytest.raises(NetworkError):
        add_organisation_as_actor(
            organisation=organisation, district=district, added_by=coordinator
        )


def test_an_outside_actor_becomes_a_network_member_and_its_admin_is_invited(coordinator):
    actor = add_outside_actor(
        name="Ev. Kirchengemeinde Süd",
        district=DistrictFactory(),
        added_by=coordinator,
        invite_email="pfarramt@kirche.example",
    )

    assert actor.organisation.kind == Organisation.Kind.NETWORK_MEMBER
    assert actor.organisation.slug == "ev-kirchengemeinde-sued"
    invitation = Invitation.objects.get(organisation=actor.organisation)
    assert invitation.email == "pfarramt@kirche.example"
    assert invitation.role == "admin"
    assert OutboxEmail.objects.filter(to=["pfarramt@kirche.example"]).exists()


def test_two_outside_actors_of_the_same_name_get_different_addresses(coordinator):
    district = DistrictFactory()
    first = add_outside_actor(name="Sportverein", district=district, added_by=coordinator)
    second = add_outside_actor(name="Sportverein", district=district, added_by=coordinator)
    assert first.slug != second.slug


def test_saving_the_entry_confirms_it_and_clears_the_flags():
    actor = ActorFactory(
        last_verified=timezone.localdate() - dt.timedelta(days=400),
        flagged_at=timezone.now(),
        verification_requested_at=timezone.now(),
    )
    topic = TopicFactory()
    save_actor(
        actor=actor,
        changed_by=org_admin(actor.organisation),
        district=actor.district,
        summary="Neu",
        show_address=False,
        latitude=None,
        longitude=None,
        topics=[topic],
        target_groups=[],
        partner_events=[],
    )
    actor.refresh_from_db()
    assert actor.last_verified == timezone.localdate()
    assert actor.flagged_at is None
    assert list(actor.topics.all()) == [topic]


def test_half_a_position_is_refused():
    actor = ActorFactory()
    with pytest.raises(NetworkError):
        save_actor(
            actor=actor,
            changed_by=None,
            district=actor.district,
            summary="",
            show_address=True,
            latitude=51.3,
            longitude=None,
            topics=[],
            target_groups=[],
            partner_events=[],
        )


def test_entries_unconfirmed_for_six_months_remind_their_admins_once():
    stale = ActorFactory(last_verified=timezone.localdate() - dt.timedelta(days=200))
    admin = org_admin(stale.organisation)
    ActorFactory(last_verified=timezone.localdate() - dt.timedelta(days=20))

    assert remind_stale_actors() == 1
    assert remind_stale_actors() == 0

    mail = OutboxEmail.objects.get(kind="network_verification_request")
    assert mail.to == [admin.email]
    assert stale.organisation.name in mail.subject


def test_an_entry_without_admins_is_the_coordinations_to_confirm(coordinator):
    ActorFactory(last_verified=timezone.localdate() - dt.timedelta(days=200))
    remind_stale_actors()
    assert OutboxEmail.objects.get(kind="network_verification_request").to == [coordinator.email]


def test_entries_silent_a_month_after_the_reminder_are_flagged_to_the_coordination(coordinator):
    now = timezone.now()
    silent = ActorFactory(
        last_verified=timezone.localdate() - dt.timedelta(days=230),
        verification_requested_at=now - dt.timedelta(days=31),
    )
    ActorFactory(
        last_verified=timezone.localdate() - dt.timedelta(days=200),
        verification_requested_at=now - dt.timedelta(days=3),
    )

    assert flag_overdue_actors() == 1
    assert flag_overdue_actors() == 0

    silent.refresh_from_db()
    assert silent.flagged_at is not None
    assert list(Actor.objects.stale()) == [silent] or silent in Actor.objects.stale()
    assert OutboxEmail.objects.get(kind="network_stale_flag").to == [coordinator.email]


def test_confirming_takes_an_entry_off_the_stale_list():
    actor = ActorFactory(
        last_verified=timezone.localdate() - dt.timedelta(days=300), flagged_at=timezone.now()
    )
    verify_actor(actor=actor, verified_by=None)
    assert not Actor.objects.stale().filter(pk=actor.pk).exists()
