"""Plant a marker in every personal field the network keeps for a person (the house canary test).

The network keeps a person's own words (comments on topics) and their
newsletter subscription; entries, topics, dots and posts belong to
organisations and keep only a link to the person, which erasure removes
(``tests/network/test_privacy.py`` checks those links).
"""

from __future__ import annotations

from tenants.network.services.newsletter import subscribe
from tenants.network.services.topics import comment_on_topic
from tests.network.factories import ActorFactory, TopicFactory
from tests.tenants.factories import MembershipFactory


def plant(*, user, marker: str) -> None:
    actor = ActorFactory()
    MembershipFactory(user=user, organisation=actor.organisation)
    topic = TopicFactory()
    comment_on_topic(topic=topic, text=f"Kommentar {marker}", actor=actor, author=user)
    subscribe(email=user.email, consent_text=f"Einwilligung {marker}", user=user)
