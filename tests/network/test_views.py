"""The network's pages: what the public sees, what actors and the coordination may do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import Role
from tenants.models import TargetGroup
from tenants.network.models import Dot, PriorityRound, Topic
from tests.factories import UserFactory, staff_user
from tests.network.factories import (
    ActorFactory,
    BoardPostFactory,
    DistrictFactory,
    RoundFactory,
    TopicFactory,
)
from tests.tenants.factories import OrganisationFactory, org_admin, org_member

pytestmark = pytest.mark.django_db


# --- the public page ----------------------------------------------------------------


def test_the_network_page_filters_by_district_topic_and_target_group(client):
    north, south = DistrictFactory(slug="nord"), DistrictFactory(slug="sued")
    seniors = TargetGroup.objects.create(slug="alte", name="Ältere", name_en="Older people")
    topic = TopicFactory(slug="einsam")
    match = ActorFactory(district=north, organisation__name="Treff Nord", topics=[topic])
    match.target_groups.add(seniors)
    ActorFactory(district=south, organisation__name="Treff Süd", topics=[topic])
    ActorFactory(district=north, organisation__name="Chor Nord")

    response = client.get(
        reverse("network:index"), {"district": "nord", "topic": "einsam", "target_group": "alte"}
    )

    assert list(response.context["actors"]) == [match]
    assert "Treff Süd" not in response.text


def test_hidden_and_external_actors_are_not_public(client):
    ActorFactory(organisation__name="Versteckter Verein", is_listed=False)
    ActorFactory(organisation__name="Privater Verein", organisation__is_public=False)
    ActorFactory(organisation__name="Externe Firma", organisation__kind="external")
    response = client.get(reverse("network:index"))
    for name in ("Versteckter Verein", "Privater Verein", "Externe Firma"):
        assert name not in response.text
    hidden = ActorFactory(is_listed=False)
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_the_map_is_drawn_by_the_house_and_asks_no_other_server(client):
    ActorFactory(organisation__name="Mit Adresse", latitude=51.315, longitude=9.49)
    ActorFactory(organisation__name="Ohne Adresse", show_address=False)
    response = client.get(reverse("network:index"))
    svg = response.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert "http://www.w3.org/2000/svg" in svg
    assert "https://" not in svg.replace("http://www.w3.org/2000/svg", "")
    markers = response.context["map"].markers
    assert sorted((m.name, m.at_district) for m in markers) == [
        ("Mit Adresse", False),
        ("Ohne Adresse", True),
    ]


def test_an_actors_private_contacts_do_not_show(client):
    from tenants.models import Contact

    actor = ActorFactory()
    Contact.objects.create(
        organisation=actor.organisation, name="Öffentliche Person", is_public=True
    )
    Contact.objects.create(organisation=actor.organisation, name="Interne Person", is_public=False)
    response = client.get(actor.get_absolute_url())
    assert "Öffentliche Person" in response.text
    assert "Interne Person" not in response.text


@pytest.mark.parametrize(("count", "queries"), [(1, 8), (3, 8)])
def test_the_network_page_needs_the_same_queries_for_one_or_three_actors(
    client, django_assert_num_queries, count, queries
):
    ActorFactory.create_batch(count, topics=[TopicFactory()])
    with django_assert_num_queries(queries):
        client.get(reverse("network:index"))


@pytest.mark.parametrize(("count", "queries"), [(1, 2), (3, 2)])
def test_the_board_needs_the_same_queries_for_one_or_three_posts(
    client, django_assert_num_queries, count, queries
):
    BoardPostFactory.create_batch(count)
    with django_assert_num_queries(queries):
        client.get(reverse("network:board"))


# --- topics ---------------------------------------------------------------------------


def test_the_topic_page_lists_actors_services_and_events_on_it(client):
    from events.models import Event
    from tenants.models import Service
    from tenants.models import Topic as DirectoryTopic

    topic = TopicFactory(name="Einsamkeit")
    directory = DirectoryTopic.objects.create(slug="alter", name="Alter", name_en="Age")
    topic.directory_topics.add(directory)
    actor = ActorFactory(topics=[topic], organisation__name="Besuchsdienst")
    service = Service.objects.create(
        organisation=actor.organisation,
        name="Besuche zu Hause",
        slug="besuche",
        description="x",
        status=Service.Status.ACTIVE,
    )
    service.topics.add(directory)
    start = timezone.now() + dt.timedelta(days=3)
    event = Event.objects.create(
        title="Erzählcafé",
        slug="erzaehlcafe",
        summary="s",
        category="culture",
        start=start,
        end=start + dt.timedelta(hours=2),
        publication=Event.Publication.PUBLISHED,
    )
    topic.events.add(event)

    response = client.get(topic.get_absolute_url())

    for text in ("Besuchsdienst", "Besuche zu Hause", "Erzählcafé"):
        assert text in response.text


def test_an_actors_person_proposes_and_comments_on_a_topic(client):
    actor = ActorFactory()
    client.force_login(org_member(actor.organisation))

    response = client.post(
        reverse("network:topic_propose"),
        {"actor": actor.pk, "name": "Hitze im Sommer", "description": "Schattige Plätze"},
    )
    topic = Topic.objects.get(name="Hitze im Sommer")
    assert response.status_code == 302
    assert topic.status == Topic.Status.PROPOSED
    assert topic.proposed_by == actor

    client.post(
        reverse("network:topic_comment", args=[topic.slug]), {"actor": actor.pk, "text": "Ja!"}
    )
    assert topic.comments.get().text == "Ja!"


def test_someone_outside_the_network_can_neither_propose_nor_comment(client):
    topic = TopicFactory()
    client.force_login(UserFactory())
    assert client.get(reverse("network:topic_propose")).status_code == 403
    assert (
        client.post(reverse("network:topic_comment", args=[topic.slug]), {"text": "x"}).status_code
        == 403
    )
    assert not topic.comments.exists()


def test_only_the_coordination_moves_a_topics_status(client, coordinator):
    topic = TopicFactory()
    client.force_login(org_admin(ActorFactory().organisation))
    assert client.get(reverse("network:topic_edit", args=[topic.slug])).status_code == 403

    client.force_login(coordinator)
    response = client.post(
        reverse("network:topic_edit", args=[topic.slug]),
        {"name": topic.name, "description": "", "status": "prioritised"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.status == Topic.Status.PRIORITISED


# --- the actor's entry ------------------------------------------------------------------


def test_an_actors_admin_keeps_the_entry(client):
    actor = ActorFactory()
    client.force_login(org_admin(actor.organisation))
    response = client.post(
        reverse("network:actor_edit", args=[actor.slug]),
        {"district": actor.district.pk, "summary": "Neu im Stadtteil", "show_address": "on"},
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.summary == "Neu im Stadtteil"


@pytest.mark.parametrize("who", ["member", "other admin", "anonymous"])
def test_nobody_else_changes_an_entry(client, who):
    actor = ActorFactory(summary="Unverändert")
    if who == "member":
        client.force_login(org_member(actor.organisation))
    elif who == "other admin":
        client.force_login(org_admin(OrganisationFactory()))
    response = client.post(
        reverse("network:actor_edit", args=[actor.slug]),
        {"district": actor.district.pk, "summary": "Übernommen"},
    )
    assert response.status_code in (302, 403)
    if who == "anonymous":
        assert "/accounts/login/" in response["Location"]
    actor.refresh_from_db()
    assert actor.summary == "Unverändert"


def test_the_coordination_keeps_any_entry(client, coordinator):
    actor = ActorFactory()
    client.force_login(coordinator)
    assert client.get(reverse("network:actor_edit", args=[actor.slug])).status_code == 200


# --- rounds -----------------------------------------------------------------------------


def test_an_open_round_shows_an_organisation_its_own_dots_but_no_counts(client):
    mine, theirs = ActorFactory(), ActorFactory()
    round_ = RoundFactory(budget=5)
    topic = round_.topics.first()
    Dot.objects.bulk_create(
        [Dot(round=round_, actor=theirs, topic=topic) for _ in range(3)]
        + [Dot(round=round_, actor=mine, topic=topic)]
    )
    client.force_login(org_member(mine.organisation))

    response = client.get(round_.get_absolute_url())

    assert "4 von 5" in response.text or "4 of 5" in response.text
    (ballot,) = response.context["ballots"]
    assert ballot.per_topic == {topic.pk: 1}
    assert "result" not in response.context or response.context["round"].result is None


def test_a_person_votes_through_the_page_and_sees_what_is_left(client):
    actor = ActorFactory()
    round_ = RoundFactory(budget=2, cap_per_topic=2)
    topic = round_.topics.first()
    client.force_login(org_member(actor.organisation))

    response = client.post(
        reverse("network:round_vote", args=[round_.pk]), {"topic": topic.pk, "actor": actor.pk}
    )

    assert response.status_code == 302
    assert Dot.objects.filter(actor=actor, topic=topic).count() == 1


def test_nobody_votes_with_another_organisations_budget_through_the_page(client):
    actor = ActorFactory()
    round_ = RoundFactory()
    client.force_login(org_member(OrganisationFactory()))
    response = client.post(
        reverse("network:round_vote", args=[round_.pk]),
        {"topic": round_.topics.first().pk, "actor": actor.pk},
    )
    assert response.status_code == 403
    assert not Dot.objects.exists()


def test_a_round_not_yet_open_is_only_seen_by_the_coordination(client, coordinator):
    now = timezone.now()
    round_ = RoundFactory(opens_at=now + dt.timedelta(days=1), closes_at=now + dt.timedelta(days=5))
    assert client.get(round_.get_absolute_url()).status_code == 404
    client.force_login(coordinator)
    assert client.get(round_.get_absolute_url()).status_code == 200


def test_the_result_pdf_exists_only_once_the_round_is_frozen(client):
    from tenants.network.services.priorities import freeze_round

    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(days=1))
    url = reverse("network:round_pdf", args=[round_.pk])
    assert client.get(url).status_code == 404

    freeze_round(round=round_)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    page = client.get(round_.get_absolute_url())
    round_.refresh_from_db()
    assert round_.result_sha256 in page.text


def test_the_coordination_creates_a_round(client, coordinator):
    topics = [TopicFactory(), TopicFactory()]
    client.force_login(coordinator)
    response = client.post(
        reverse("network:round_new"),
        {
            "title": "Frühjahr",
            "topics": [t.pk for t in topics],
            "opens_at": "2030-03-01T09:00",
            "closes_at": "2030-03-15T18:00",
            "budget": 6,
            "cap_per_topic": 2,
            "min_spread": 2,
        },
    )
    assert response.status_code == 302
    assert PriorityRound.objects.get().budget == 6


@pytest.mark.parametrize(
    "name",
    ["network:coordination", "network:actor_add", "network:round_new", "network:newsletter_new"],
)
def test_coordination_pages_are_closed_to_actors_and_other_staff(client, name):
    for user in (org_admin(ActorFactory().organisation), staff_user(Role.RECEPTION)):
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 403


def test_the_coordination_sees_stale_entries(client, coordinator):
    ActorFactory(
        organisation__name="Lange nicht bestätigt",
        last_verified=timezone.localdate() - dt.timedelta(days=300),
    )
    ActorFactory(organisation__name="Frisch bestätigt")
    client.force_login(coordinator)
    response = client.get(reverse("network:coordination"))
    assert "Lange nicht bestätigt" in response.text
    assert "Frisch bestätigt" not in response.text


def test_the_coordination_adds_an_outside_actor(client, coordinator):
    district = DistrictFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("network:actor_add"),
        {
            "which": "outside",
            "outside-name": "Sportverein Süd",
            "outside-district": district.pk,
            "outside-legal_form": "ev",
        },
    )
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200


# --- the board ---------------------------------------------------------------------------


def test_a_member_posts_a_need_and_a_room_need_points_to_the_rooms(client):
    actor = ActorFactory()
    client.force_login(org_member(actor.organisation))
    response = client.post(
        reverse("network:board_new"),
        {
            "actor": actor.pk,
            "kind": "need",
            "category": "rooms",
            "title": "Raum für Elterncafé",
            "description": "Dienstags",
            "expires_on": (timezone.localdate() + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    board = client.get(reverse("network:board"))
    assert "Raum für Elterncafé" in board.text
    assert reverse("rooms:list") in board.text


def test_only_the_posting_organisation_withdraws_a_post(client):
    post = BoardPostFactory()
    client.force_login(org_member(OrganisationFactory()))
    assert client.post(reverse("network:board_withdraw", args=[post.pk])).status_code == 403
    client.force_login(org_member(post.actor.organisation))
    client.post(reverse("network:board_withdraw", args=[post.pk]))
    post.refresh_from_db()
    assert post.closed_at is not None


def test_actors_can_neither_read_nor_send_a_newsletter_nor_freeze_a_round(client, coordinator):
    from tenants.network.models import Newsletter
    from tenants.network.services.newsletter import draft_newsletter

    today = timezone.localdate()
    newsletter = draft_newsletter(period_start=today, period_end=today, drafted_by=coordinator)
    now = timezone.now()
    round_ = RoundFactory(opens_at=now - dt.timedelta(days=3), closes_at=now - dt.timedelta(days=1))
    client.force_login(org_admin(ActorFactory().organisation))

    assert client.get(reverse("network:newsletter", args=[newsletter.pk])).status_code == 403
    assert client.post(reverse("network:newsletter_send", args=[newsletter.pk])).status_code == 403
    assert client.post(reverse("network:round_freeze", args=[round_.pk])).status_code == 403
    newsletter.refresh_from_db()
    round_.refresh_from_db()
    assert newsletter.status == Newsletter.Status.DRAFT
    assert not round_.is_frozen
