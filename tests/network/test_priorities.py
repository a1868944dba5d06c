"""Dot voting: the shared budget, the cap per topic, hidden counts and the frozen result."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tenants.network import results
from tenants.network.models import Dot
from tenants.network.services import NetworkError, VotingError
from tenants.network.services.priorities import (
    create_round,
    freeze_due_rounds,
    freeze_round,
    place_dot,
    take_back_dot,
)
from tests.network.factories import ActorFactory, RoundFactory, TopicFactory
from tests.tenants.factories import org_member

pytestmark = pytest.mark.django_db


def _member(actor):
    return org_member(actor.organisation)


def test_people_of_one_organisation_share_its_budget():
    actor = ActorFactory()
    first, second = _member(actor), _member(actor)
    round_ = RoundFactory(budget=3, cap_per_topic=2)
    a, b, c = round_.topics.all()

    place_dot(round=round_, topic=a, actor=actor, user=first)
    place_dot(round=round_, topic=b, actor=actor, user=second)
    place_dot(round=round_, topic=c, actor=actor, user=first)

    with pytest.raises(VotingError, match="3"):
        place_dot(round=round_, topic=a, actor=actor, user=second)
    assert Dot.objects.filter(round=round_, actor=actor).count() == 3


def test_a_topic_takes_no_more_dots_of_one_organisation_than_the_cap():
    actor = ActorFactory()
    person = _member(actor)
    round_ = RoundFactory(budget=5, cap_per_topic=2)
    topic = round_.topics.first()
    place_dot(round=round_, topic=topic, actor=actor, user=person)
    place_dot(round=round_, topic=topic, actor=actor, user=person)

    with pytest.raises(VotingError):
        place_dot(round=round_, topic=topic, actor=actor, user=person)


def test_other_organisations_have_budgets_of_their_own():
    round_ = RoundFactory(budget=1, cap_per_topic=1)
    topic = round_.topics.first()
    for actor in ActorFactory.create_batch(2):
        place_dot(round=round_, topic=topic, actor=actor, user=_member(actor))
    assert Dot.objects.filter(round=round_).count() == 2


def test_a_person_cannot_vote_with_another_organisations_budget():
    actor, other = ActorFactory(), ActorFactory()
    round_ = RoundFactory()
    with pytest.raises(VotingError):
        place_dot(round=round_, topic=round_.topics.first(), actor=actor, user=_member(other))


@pytest.mark.parametrize(
    ("opens", "closes"),
    [(1, 5), (-5, -1)],
    ids=["not yet open", "closed"],
)
def test_no_dot_outside_the_voting_period(opens, closes):
    now = timezone.now()
    round_ = RoundFactory(
        opens_at=now + dt.timedelta(days=opens), closes_at=now + dt.timedelta(days=closes)
    )
    actor = ActorFactory()
    with pytest.raises(VotingError):
        place_dot(round=round_, topic=round_.topics.first(), actor=actor, user=_member(actor))


def test_a_topic_off_the_ballot_takes_no_dot():
    actor = ActorFactory()
    round_ = RoundFactory()
    with pytest.raises(VotingError):
        place_dot(round=round_, topic=TopicFactory(), actor=actor, user=_member(actor))


def test_taking_back_prefers_ones_own_dot_and_frees_the_budget():
    actor = ActorFactory()
    me, colleague = _member(actor), _member(actor)
    round_ = RoundFactory(budget=2, cap_per_topic=2)
    topic = round_.topics.first()
    place_dot(round=round_, topic=topic, actor=actor, user=colleague)
    place_dot(round=round_, topic=topic, actor=actor, user=me)

    take_back_dot(round=round_, topic=topic, actor=actor, user=me)

    assert list(Dot.objects.values_list("cast_by", flat=True)) == [colleague.pk]
    place_dot(round=round_, topic=topic, actor=actor, user=me)


def test_taking_back_without_a_dot_is_refused():
    actor = ActorFactory()
    round_ = RoundFactory()
    with pytest.raises(VotingError):
        take_back_dot(round=round_, topic=round_.topics.first(), actor=actor, user=_member(actor))


def _closed_round(**kwargs):
    now = timezone.now()
    return RoundFactory(
        opens_at=now - dt.timedelta(days=10), closes_at=now - dt.timedelta(minutes=1), **kwargs
    )


def test_freezing_ranks_topics_and_ignores_organisations_below_the_minimum_spread():
    a, b, c = TopicFactory(name="Armut"), TopicFactory(name="Bildung"), TopicFactory(name="Chor")
    round_ = _closed_round(topics=[a, b, c], min_spread=2)
    spread, narrow = ActorFactory(), ActorFactory()
    Dot.objects.bulk_create(
        [Dot(round=round_, actor=spread, topic=t) for t in (b, b, a)]
        + [Dot(round=round_, actor=narrow, topic=c) for _ in range(3)]
    )

    frozen = freeze_round(round=round_)

    ranking = [(r["topic"], r["dots"], r["rank"]) for r in frozen.result["ranking"]]
    assert ranking == [("Bildung", 2, 1), ("Armut", 1, 2), ("Chor", 0, 3)]
    assert frozen.result["organisations_not_counted"] == 1
    assert frozen.result_sha256 == results.checksum(results.canonical(frozen.result))
    assert bytes(frozen.result_pdf).startswith(b"%PDF")
    assert frozen.result_pdf_sha256 == results.checksum(bytes(frozen.result_pdf))


def test_a_frozen_result_does_not_change_when_frozen_again():
    round_ = _closed_round()
    first = freeze_round(round=round_)
    Dot.objects.create(round=round_, actor=ActorFactory(), topic=round_.topics.first())

    again = freeze_round(round=round_)

    assert again.result == first.result
    assert again.result_sha256 == first.result_sha256
    assert again.frozen_at == first.frozen_at


def test_the_pdf_is_the_same_file_for_the_same_result():
    result = {
        "title": "Runde",
        "ranking": [{"rank": 1, "topic": "Ärger über Müll", "dots": 3, "organisations": 2}],
    }
    labels = {
        "author": "Netzwerk",
        "subtitle": "Ergebnis",
        "rank": "Rang",
        "topic": "Thema",
        "dots": "Punkte",
        "organisations": "Organisationen",
        "notes": ["Hinweis"],
        "checksum": "Prüfsumme",
    }
    assert results.render_pdf(result, sha256="ab", labels=labels) == results.render_pdf(
        result, sha256="ab", labels=labels
    )


def test_an_open_round_cannot_be_frozen():
    with pytest.raises(NetworkError):
        freeze_round(round=RoundFactory())


def test_the_beat_task_freezes_only_rounds_past_their_closing_time():
    due, running = _closed_round(), RoundFactory()
    assert freeze_due_rounds() == 1
    due.refresh_from_db()
    running.refresh_from_db()
    assert due.is_frozen
    assert not running.is_frozen


def test_equal_dots_and_support_share_a_rank():
    counted = results.count(
        dots=[results.CastDot(1, 10), results.CastDot(2, 20)],
        topics={10: ("A", "a"), 20: ("B", "b"), 30: ("C", "c")},
        min_spread=0,
    )
    assert [r["rank"] for r in counted["ranking"]] == [1, 1, 3]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"closes_at": timezone.now() - dt.timedelta(days=2)}, "closes_at"),
        ({"cap_per_topic": 11}, "cap_per_topic"),
        ({"min_spread": 4}, "min_spread"),
    ],
)
def test_a_round_with_impossible_rules_is_refused(coordinator, changes, field):
    values = {
        "title": "Runde",
        "description": "",
        "topics": TopicFactory.create_batch(3),
        "opens_at": timezone.now() - dt.timedelta(days=1),
        "closes_at": timezone.now() + dt.timedelta(days=1),
        "budget": 10,
        "cap_per_topic": 3,
        "min_spread": 0,
        "created_by": coordinator,
    }
    with pytest.raises(NetworkError) as refused:
        create_round(**{**values, **changes})
    assert refused.value.field == field
