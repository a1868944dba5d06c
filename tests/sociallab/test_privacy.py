"""The Social Lab's part of a person's data export and erasure."""

from __future__ import annotations

import json

import pytest
from django.apps import apps

from house.privacy import DataSubject, export_person
from sociallab.privacy import SocialLabData
from tests.factories import UserFactory
from tests.sociallab.canary import plant

pytestmark = pytest.mark.django_db

MARKER = "Kanarienvogel-7731"


def _stored_text() -> str:
    chunks = []
    for model in apps.get_app_config("sociallab").get_models():
        for row in model.objects.all().values():
            chunks.append(json.dumps(row, default=str))
    return "\n".join(chunks)


def test_the_export_finds_the_marker_in_every_part(db):
    user = UserFactory()
    plant(user=user, marker=MARKER)
    exported = json.dumps(export_person(user=user)["sociallab"], default=str)
    data = json.loads(exported)
    assert MARKER in json.dumps(data["applications"])
    assert MARKER in json.dumps(data["messages"])
    assert MARKER in json.dumps(data["reviews"])
    assert MARKER in json.dumps(data["mentoring_slots"])
    assert MARKER in json.dumps(data["mentoring_sessions"])
    assert data["co_applications"]
    assert data["ventures"]


def test_erasure_leaves_the_marker_nowhere_in_the_social_lab(db):
    user = UserFactory()
    plant(user=user, marker=MARKER)
    assert MARKER in _stored_text()
    SocialLabData().erase(DataSubject.for_user(user))
    stored = _stored_text()
    assert MARKER not in stored
    assert user.email not in stored
