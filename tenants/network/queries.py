"""Reads that span the network and the apps below it: a topic's page, who works with whom."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from tenants.network.models import Actor, Dot, PriorityRound, Topic, WorkingGroup

if TYPE_CHECKING:
    from house.models import User


@dataclass
class Cooperation:
    """Two actors and what they share: working groups and events."""

    first: Actor
    second: Actor
    groups: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)

    @property
    def strength(self) -> int:
        return len(self.groups) + len(self.events)


def topic_page(topic: Topic) -> dict[str, Any]:
    """Everything "who works on this topic" shows: actors, groups, events, services."""
    from tenants.models import Service

    actors = list(Actor.objects.listed().filter(topics=topic).for_listing())
    services = list(
        Service.objects.public()
        .filter(topics__in=topic.directory_topics.all())
        .select_related("organisation")
        .distinct()
        .order_by("name")
    )
    events = list(
        topic.events.published().upcoming().select_related("organisation").order_by("start")
    )
    return {
        "actors": actors,
        "services": services,
        "events": events,
        "groups": _groups_on(topic),
    }


def _groups_on(topic: Topic) -> list[WorkingGroup]:
    return list(
        WorkingGroup.objects.public().filter(topic=topic).for_listing().order_by("-started_on")
    )


def cooperations(*, actors: list[Actor] | None = None) -> list[Cooperation]:
    """Pairs of listed actors that share a working group or an event, strongest first."""
    listed = {
        a.pk: a
        for a in (
            actors if actors is not None else Actor.objects.listed().select_related("organisation")
        )
    }
    pairs: dict[tuple[int, int], Cooperation] = {}

    def add(members: set[int], what: Any, kind: str) -> None:
        ids = sorted(m for m in members if m in listed)
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                pair = pairs.setdefault((a, b), Cooperation(first=listed[a], second=listed[b]))
                getattr(pair, kind).append(what)

    for event, members in _event_partners(listed).items():
        add(members, event, "events")
    for group, members in _group_members(listed).items():
        add(members, group, "groups")
    return sorted(
        pairs.values(),
        key=lambda c: (-c.strength, c.first.name.casefold(), c.second.name.casefold()),
    )


def _event_partners(listed: dict[int, Actor]) -> dict[Any, set[int]]:
    from events.models import Event

    organisation_to_actor = {a.organisation_id: a.pk for a in listed.values()}
    result: dict[Any, set[int]] = defaultdict(set)
    events = (
        Event.objects.published()
        .filter(network_partners__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("network_partners", queryset=Actor.objects.only("pk")))
    )
    for event in events:
        members = {p.pk for p in event.network_partners.all()}
        organiser = (
            organisation_to_actor.get(event.organisation_id)
            if event.organisation_id is not None
            else None
        )
        if organiser:
            members.add(organiser)
        result[event] = members
    return result


def _group_members(listed: dict[int, Actor]) -> dict[Any, set[int]]:
    result: dict[Any, set[int]] = {}
    for group in (
        WorkingGroup.objects.public()
        .select_related("committee")
        .prefetch_related(Prefetch("actors", queryset=Actor.objects.only("pk")))
    ):
        result[group] = {a.pk for a in group.actors.all()}
    return result


@dataclass
class Ballot:
    """What one organisation sees of an open round: its own dots only, never the counts."""

    actor: Actor
    used: int
    left: int
    per_topic: dict[int, int]


def ballot(round_: PriorityRound, actor: Actor) -> Ballot:
    rows = (
        Dot.objects.filter(round=round_, actor=actor)
        .values("topic_id")
        .annotate(n=Count("pk"))
        .values_list("topic_id", "n")
    )
    per_topic = dict(rows)
    used = sum(per_topic.values())
    return Ballot(actor=actor, used=used, left=max(round_.budget - used, 0), per_topic=per_topic)


def participation(round_: PriorityRound) -> int:
    """How many organisations have voted so far (shown while the counts stay hidden)."""
    return Dot.objects.filter(round=round_).values("actor_id").distinct().count()


def stale_actors() -> list[Actor]:
    return list(
        Actor.objects.stale().select_related("organisation", "district").order_by("last_verified")
    )


def my_actors(user: User) -> list[Actor]:
    return list(Actor.objects.of_member(user).select_related("organisation", "district"))


def open_rounds(now: Any = None) -> list[PriorityRound]:
    now = now or timezone.now()
    return list(
        PriorityRound.objects.filter(opens_at__lte=now, closes_at__gt=now, frozen_at__isnull=True)
    )


def topics_by_status() -> dict[str, list[Topic]]:
    topics = Topic.objects.annotate(
        actor_count=Count("actors", filter=Q(actors__is_listed=True), distinct=True)
    ).order_by("name")
    grouped: dict[str, list[Topic]] = {status: [] for status in Topic.Status.values}
    for topic in topics:
        grouped[topic.status].append(topic)
    return grouped
