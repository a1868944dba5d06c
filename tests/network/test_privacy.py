"""The network's personal data: exported on request, erased on request."""

from __future__ import annotations

import pytest

from house.privacy import erase_person, export_person
from tenants.network.models import BoardPost, Dot, Subscriber, Topic, TopicComment
from tenants.network.services.topics import propose_topic
from tests.factories import UserFactory
from tests.network.canary import plant
from tests.network.factories import BoardPostFactory, RoundFactory

pytestmark = pytest.mark.django_db


def test_export_holds_the_persons_comments_proposals_dots_posts_and_subscription():
    user = UserFactory()
    plant(user=user, marker="KANARIE-1")
    round_ = RoundFactory()
    actor = TopicComment.objects.get(author=user).actor
    propose_topic(name="Thema KANARIE-1", description="", actor=actor, proposer=user)
    Dot.objects.create(round=round_, topic=round_.topics.first(), actor=actor, cast_by=user)
    BoardPostFactory(actor=actor, created_by=user, title="Werkzeug")

    data = export_person(user=user)["network"]

    assert data["topic_comments"][0]["text"] == "Kommentar KANARIE-1"
    assert data["topics_proposed"] == ["Thema KANARIE-1"]
    assert data["newsletter_subscriptions"][0]["email"] == user.email
    assert "KANARIE-1" in data["newsletter_subscriptions"][0]["consent_text"]
    assert data["dots_placed"][0]["round"] == round_.title
    assert data["board_posts"][0]["title"] == "Werkzeug"


def test_erasure_removes_the_persons_words_and_subscription_and_keeps_the_organisations_work():
    user = UserFactory()
    plant(user=user, marker="KANARIE-2")
    round_ = RoundFactory()
    actor = TopicComment.objects.get(author=user).actor
    propose_topic(name="Thema der Organisation", description="", actor=actor, proposer=user)
    Dot.objects.create(round=round_, topic=round_.topics.first(), actor=actor, cast_by=user)
    post = BoardPostFactory(actor=actor, created_by=user)
    Subscriber.objects.create(email="other@example.org", consent_text="x")

    erase_person(user=user)

    assert not TopicComment.objects.filter(text__contains="KANARIE-2").exists()
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["other@example.org"]
    assert Topic.objects.get(name="Thema der Organisation").proposer is None
    assert Dot.objects.get().cast_by is None
    assert BoardPost.objects.get(pk=post.pk).created_by is None
