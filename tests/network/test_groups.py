"""Working groups: committees of the governance core that end with a report or an extension."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from house.governance.models import Committee
from house.models import OutboxEmail
from tenants.network.models import Topic, WorkingGroup
from tenants.network.services import NetworkError
from tenants.network.services.groups import (
    close_working_group,
    extend_working_group,
    prompt_due_groups,
    start_working_group,
)
from tests.factories import UserFactory
from tests.network.factories import ActorFactory, TopicFactory
from tests.tenants.factories import OrganisationFactory, org_member

pytestmark = pytest.mark.django_db


def _start(coordinator, *, days=30, chair=None, **kwargs):
    return start_working_group(
        name=kwargs.pop("name", "AG Ferien"),
        topic=kwargs.pop("topic", None) or TopicFactory(status=Topic.Status.PRIORITISED),
        mandate="Einen Ferienkalender aufbauen.",
        planned_end=timezone.localdate() + dt.timedelta(days=days),
        actors=kwargs.pop("actors", []),
        started_by=coordinator,
        chair=chair,
    )


def _report(group, **changes):
    values = {
        "group": group,
        "attendee_count": 12,
        "organisations": list(group.actors.all()),
        "decisions": "Gemeinsamer Kalender ab Juni.",
        "projects": "",
        "events": "Ferienfest",
        "documents": "",
        "closed_by": None,
    }
    return close_working_group(**{**values, **changes})


def test_a_group_is_a_working_group_committee_and_puts_its_topic_in_work(coordinator):
    chair = UserFactory()
    group = _start(coordinator, chair=chair)

    assert group.committee.kind == Committee.Kind.WORKING_GROUP
    assert group.committee.memberships.get().person == chair
    assert group.committee.memberships.get().end_date == group.planned_end
    assert group.topic.status == Topic.Status.IN_WORK or (
        Topic.objects.get(pk=group.topic.pk).status == Topic.Status.IN_WORK
    )


@pytest.mark.parametrize("days", [0, 800])
def test_an_end_date_today_or_beyond_two_years_is_refused(coordinator, days):
    with pytest.raises(NetworkError) as refused:
        _start(coordinator, days=days)
    assert refused.value.field == "planned_end"
    assert not Committee.objects.exists()


def test_at_the_planned_end_the_group_and_the_coordination_are_asked_once(coordinator):
    chair = UserFactory()
    group = _start(coordinator, days=3, chair=chair)
    later = timezone.localdate() + dt.timedelta(days=3)

    assert prompt_due_groups(today=later - dt.timedelta(days=1)) == 0
    assert prompt_due_groups(today=later) == 1
    assert prompt_due_groups(today=later) == 0

    recipients = sorted(m.to[0] for m in OutboxEmail.objects.filter(kind="network_group_end"))
    assert recipients == sorted([chair.email, coordinator.email])
    group.refresh_from_db()
    assert group.is_due(later)


def test_an_extension_needs_a_reason_and_asks_again_at_the_new_end(coordinator):
    group = _start(coordinator, days=3)
    prompt_due_groups(today=group.planned_end)
    with pytest.raises(NetworkError):
        extend_working_group(group=group, new_end=group.planned_end, reason="", extended_by=None)

    new_end = group.planned_end + dt.timedelta(days=60)
    extended = extend_working_group(
        group=group, new_end=new_end, reason="Kalender erst im Mai fertig", extended_by=coordinator
    )

    assert extended.planned_end == new_end
    assert extended.end_prompted_at is None
    assert extended.extensions.get().reason == "Kalender erst im Mai fertig"


def test_closing_ends_the_seats_and_publishes_the_outcomes_on_the_topic_page(client, coordinator):
    chair = UserFactory()
    actor = ActorFactory(organisation__name="Familienzentrum")
    group = _start(coordinator, chair=chair, actors=[actor])

    _report(group)

    group.refresh_from_db()
    assert group.state == WorkingGroup.State.CLOSED
    assert list(group.report_organisations.all()) == [actor]
    assert group.committee.memberships.get().end_date == timezone.localdate()
    page = client.get(group.topic.get_absolute_url())
    assert "Gemeinsamer Kalender ab Juni." in page.text
    with pytest.raises(NetworkError):
        _report(group)


def test_a_report_without_any_outcome_is_refused(coordinator):
    group = _start(coordinator)
    with pytest.raises(NetworkError):
        _report(group, decisions="", events="")
    group.refresh_from_db()
    assert group.is_active


def test_the_coordination_starts_a_group_through_the_page(client, coordinator):
    topic = TopicFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("network:group_new"),
        {
            "name": "AG Hitze",
            "topic": topic.pk,
            "mandate": "Kühle Orte finden.",
            "planned_end": (timezone.localdate() + dt.timedelta(days=90)).isoformat(),
        },
    )
    assert response.status_code == 302
    assert WorkingGroup.objects.get().committee.name == "AG Hitze"


def test_an_actor_member_can_neither_start_nor_close_a_group(client, coordinator):
    group = _start(coordinator)
    client.force_login(org_member(OrganisationFactory()))
    assert client.get(reverse("network:group_new")).status_code == 403
    close = reverse("network:group_close", args=[group.committee.slug])
    assert client.post(close, {"attendee_count": 1, "decisions": "x"}).status_code == 403
    group.refresh_from_db()
    assert group.is_active


def test_the_public_sees_a_groups_page_without_its_committee_area(client, coordinator):
    group = _start(coordinator)
    response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert reverse("governance:committee", args=[group.committee.slug]) not in response.text


def test_the_chair_closes_the_group_through_the_page(client, coordinator):
    chair = UserFactory()
    group = _start(coordinator, chair=chair)
    client.force_login(chair)
    response = client.post(
        reverse("network:group_close", args=[group.committee.slug]),
        {"attendee_count": 9, "projects": "Ferienpass"},
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.outcome_projects == "Ferienpass"
