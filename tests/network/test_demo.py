"""The demo network of seed 001 loads, repeats without duplicates and writes no e-mail."""

from __future__ import annotations

import pytest

from house.models import OutboxEmail
from tenants.network.models import Actor, BoardPost, PriorityRound

pytestmark = pytest.mark.django_db


def test_the_demo_network_has_its_actors_rounds_and_posts_and_sends_nothing():
    from house import demo
    from tenants import demo as tenants_demo
    from tenants.network import demo as network_demo

    users = demo.seed()
    tenants_demo.seed(users=users)
    outbox_before = OutboxEmail.objects.count()

    network_demo.seed(users=users)
    network_demo.seed(users=users)

    assert 38 <= Actor.objects.count() <= 45
    assert Actor.objects.values("district").distinct().count() >= 8
    frozen = PriorityRound.objects.get(frozen_at__isnull=False)
    assert frozen.result["ranking"][0]["dots"] > 0
    assert PriorityRound.objects.filter(frozen_at__isnull=True).count() == 1
    assert BoardPost.objects.current().count() >= 5
    assert Actor.objects.stale().exists()
    assert OutboxEmail.objects.count() == outbox_before
