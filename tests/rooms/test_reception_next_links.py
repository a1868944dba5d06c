"""After a decision the reception returns where it came from, never to another site."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rooms.services import (
    request_booking,
)
from tests.rooms.factories import RoomFactory, draft

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def test_decision_next_pointing_to_another_site_redirects_to_the_request_list(client, reception):
    booking = request_booking(actor=None, draft=draft(RoomFactory()))
    client.force_login(reception)

    response = client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "confirm"]),
        {"next": "//evil.example/phish"},
    )

    assert response.status_code == 302
    assert response.url == reverse("rooms:reception_requests")


def test_decision_next_on_this_site_is_followed(client, reception):
    booking = request_booking(actor=None, draft=draft(RoomFactory()))
    client.force_login(reception)
    detail = reverse("rooms:reception_booking", args=[booking.pk])

    response = client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "confirm"]), {"next": detail}
    )

    assert response.url == detail
