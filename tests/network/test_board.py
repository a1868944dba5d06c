"""Needs and offers: posted by an actor's people, shown until they expire or are withdrawn."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tenants.network.models import BoardPost
from tenants.network.services import NetworkError
from tenants.network.services.board import post_to_board, withdraw_post
from tests.network.factories import ActorFactory, BoardPostFactory
from tests.tenants.factories import org_member

pytestmark = pytest.mark.django_db


def _post(actor, person, **changes):
    values = {
        "actor": actor,
        "kind": "offer",
        "category": "material",
        "title": "Werkzeug",
        "description": "Zum Ausleihen",
        "expires_on": timezone.localdate() + dt.timedelta(days=10),
        "posted_by": person,
    }
    return post_to_board(**{**values, **changes})


def test_a_member_posts_for_their_organisation():
    actor = ActorFactory()
    post = _post(actor, org_member(actor.organisation))
    assert BoardPost.objects.current().get() == post


@pytest.mark.parametrize("days", [-1, 181])
def test_an_expiry_in_the_past_or_beyond_six_months_is_refused(days):
    actor = ActorFactory()
    with pytest.raises(NetworkError) as refused:
        _post(
            actor,
            org_member(actor.organisation),
            expires_on=timezone.localdate() + dt.timedelta(days=days),
        )
    assert refused.value.field == "expires_on"


def test_nobody_posts_for_an_organisation_they_do_not_belong_to():
    with pytest.raises(NetworkError):
        _post(ActorFactory(), org_member(ActorFactory().organisation))


def test_expired_and_withdrawn_posts_leave_the_board():
    expired = BoardPostFactory(expires_on=timezone.localdate() - dt.timedelta(days=1))
    withdrawn = withdraw_post(post=BoardPostFactory(), withdrawn_by=None)
    current = BoardPostFactory()

    assert list(BoardPost.objects.current()) == [current]
    assert not expired.is_current
    assert not withdrawn.is_current
