"""Crafted input on the public registration: a message or a 404, never a 500."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Registration
from house.services import queue_email
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_an_email_address_longer_than_the_column_is_refused_with_a_message(client):
    event = EventFactory()
    address = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".de"
    assert len(address) > 254

    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"name": "Gast", "email": address, "seats": 1, "consent": "on"},
    )

    assert response.status_code == 200
    assert not Registration.objects.exists()


@pytest.mark.parametrize("suffix", ["%00/", "abc%00/", "abc/%00cancel/", "%00/cancel/"])
def test_a_nul_byte_in_a_personal_link_is_not_found(client, suffix):
    response = client.get(f"/events/registration/{suffix}")

    assert response.status_code == 404


def test_a_nul_byte_in_a_query_is_a_bad_request(client):
    assert client.get("/events/", {"q": "a\x00b"}).status_code == 400


def test_an_email_subject_with_line_breaks_is_sent_on_one_line(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue_email(
            to=["gast@example.org"], subject="Anfrage\r\nBcc: x@example.org\u2028", text="Hallo"
        )

    email.refresh_from_db()
    assert email.status == email.Status.SENT
    assert mail.outbox[0].subject == "Anfrage Bcc: x@example.org"


def _register(client, event, **extra):
    return client.post(
        reverse("events:register", args=[event.slug]),
        {"name": "Gast", "email": "gast@example.org", "seats": 1, "consent": "on", **extra},
    )


def test_a_bot_filling_the_honeypot_registers_nobody_and_sends_nothing(client):
    event = EventFactory()

    response = _register(client, event, website="http://spam.example")

    assert response.status_code == 302
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_registrations_from_one_address_are_limited_per_hour(client):
    event = EventFactory(capacity=60)
    for number in range(10):
        _register(client, event, email=f"gast{number}@example.org")

    response = _register(client, event, email="elf@example.org")

    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.text
    assert Registration.objects.count() == 10
