"""The shared vote budget under real concurrency: PostgreSQL, real threads, one connection each."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from tenants.network.models import Dot
from tenants.network.services import VotingError
from tenants.network.services.priorities import place_dot
from tests.network.factories import ActorFactory, RoundFactory, TopicFactory
from tests.tenants.factories import org_member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PEOPLE = 12
ROUNDS = 15


def test_simultaneous_votes_of_one_organisations_people_never_exceed_its_budget():
    actor = ActorFactory()
    people = [org_member(actor.organisation) for _ in range(PEOPLE)]
    topics = TopicFactory.create_batch(4)
    outcomes: list[str] = []
    guard = threading.Lock()

    def vote(round_, person, topic, barrier: threading.Barrier) -> None:
        try:
            barrier.wait()
            place_dot(round=round_, topic=topic, actor=actor, user=person)
            result = "placed"
        except VotingError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error fails the test below
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            outcomes.append(result)

    rounds = [RoundFactory(topics=topics, budget=5, cap_per_topic=5) for _ in range(ROUNDS)]
    for round_ in rounds:
        barrier = threading.Barrier(PEOPLE)
        threads = [
            threading.Thread(target=vote, args=(round_, person, topics[i % 4], barrier))
            for i, person in enumerate(people)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("placed") == 5 * ROUNDS
    for round_ in rounds:
        assert Dot.objects.filter(round=round_, actor=actor).count() == 5


def test_simultaneous_votes_on_one_topic_never_exceed_the_cap():
    actor = ActorFactory()
    people = [org_member(actor.organisation) for _ in range(PEOPLE)]
    round_ = RoundFactory(budget=10, cap_per_topic=3)
    topic = round_.topics.first()
    barrier = threading.Barrier(PEOPLE)

    def vote(person) -> None:
        try:
            barrier.wait()
            place_dot(round=round_, topic=topic, actor=actor, user=person)
        except VotingError:
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Dot.objects.filter(round=round_, actor=actor, topic=topic).count() == 3
