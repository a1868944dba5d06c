"""House management can switch secret calendar links off without ever seeing them."""

import pytest

from house.models import Role
from rooms.tokens import FeedToken
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


def test_house_management_switches_a_calendar_link_off_without_seeing_it(client):
    owner = UserFactory()
    token = FeedToken.objects.create(scope=FeedToken.Scope.PERSON, user=owner, created_by=owner)
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))

    page = client.get(f"/admin/rooms/feedtoken/{token.pk}/change/").content.decode()
    assert token.token not in page

    client.post(
        "/admin/rooms/feedtoken/",
        {"action": "switch_off", "_selected_action": [token.pk]},
    )
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert client.get(f"/calendars/{token.token}.ics").status_code == 404
