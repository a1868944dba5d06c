"""Staff sessions end after a time without activity (STAFF_SESSION_IDLE_MINUTES)."""

from __future__ import annotations

import time

import pytest

from house.models import Role
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

KEY = "house_staff_last_seen"


def _idle_for(client, minutes):
    session = client.session
    session[KEY] = int(time.time()) - minutes * 60
    session.save()


def test_staff_are_signed_out_after_the_idle_time(client, settings, house):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(staff_user(Role.RECEPTION))
    assert client.get("/my-area/").status_code == 200

    _idle_for(client, 31)
    response = client.get("/my-area/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_staff_working_within_the_idle_time_stay_signed_in(client, settings, house):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(staff_user(Role.RECEPTION))
    client.get("/my-area/")

    _idle_for(client, 29)

    assert client.get("/my-area/").status_code == 200


def test_people_without_a_staff_role_keep_their_long_session(client, settings, house):
    settings.STAFF_SESSION_IDLE_MINUTES = 30
    client.force_login(UserFactory())
    client.get("/my-area/")

    _idle_for(client, 600)

    assert client.get("/my-area/").status_code == 200
