"""Public room requests are limited per visitor, also behind the TLS proxy."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rooms.models import Booking
from tests.rooms.factories import RoomFactory, next_weekday_at
from tests.rooms.test_views_public import _request_data

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _public_request(client, room, start, hour: int, address: str):
    return client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(start, start_time=f"{hour}:00", end_time=f"{hour + 1}:00"),
        REMOTE_ADDR="10.0.0.1",  # the TLS proxy
        HTTP_X_FORWARDED_FOR=address,
    )


def test_rate_limit_counts_visitors_behind_the_proxy_separately(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    room = RoomFactory()
    start = next_weekday_at(10)
    for hour in (8, 10, 12, 14, 16):
        _public_request(client, room, start, hour, "203.0.113.7")

    blocked = _public_request(client, room, start, 18, "203.0.113.7")
    other = _public_request(client, room, start, 20, "198.51.100.20")

    assert blocked.status_code == 429
    assert other.status_code == 302
    assert Booking.objects.count() == 6
