"""Staff hear of new public requests: an e-mail digest through the outbox, and a count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.models import OutboxEmail, Role
from rooms.digest import KIND, queue_request_digest
from rooms.services import request_booking
from tests.factories import UserFactory, staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _digests():
    return list(OutboxEmail.objects.filter(kind=KIND).order_by("pk"))


def test_new_requests_are_sent_once_to_the_reception_in_their_language(settings, reception):
    settings.ROOMS_REQUEST_DIGEST_MINUTES = 60
    english = staff_user(Role.HOUSE_MANAGEMENT, language="en")
    UserFactory(email="nachbar@example.org")  # no staff role: no digest
    room = RoomFactory(name="Raum Eder")
    request_booking(actor=None, draft=draft(room, title="Chorprobe"))
    request_booking(actor=None, draft=draft(room, next_weekday_at(15), title="Lesekreis"))

    assert queue_request_digest() == 2

    mails = {m.to[0]: m for m in _digests()}
    assert set(mails) == {reception.email, english.email}
    assert "2 neue Raumanfragen" in mails[reception.email].subject
    assert "Chorprobe" in mails[reception.email].body_text
    assert "Lesekreis" in mails[reception.email].body_text
    assert "/reception/requests/" in mails[reception.email].body_text
    assert "2 new room requests" in mails[english.email].subject
    # Nothing new, or too soon: no second digest.
    assert queue_request_digest() == 0
    request_booking(actor=None, draft=draft(room, next_weekday_at(18), title="Yoga"))
    assert queue_request_digest() == 0
    later = timezone.now() + dt.timedelta(minutes=61)
    assert queue_request_digest(now=later) == 2
    assert "Yoga" in _digests()[-1].body_text
    assert "Chorprobe" not in _digests()[-1].body_text


def test_the_digest_goes_to_the_configured_addresses_or_nowhere(settings, reception):
    room = RoomFactory()
    request_booking(actor=None, draft=draft(room))
    settings.ROOMS_REQUEST_DIGEST_MINUTES = 0
    assert queue_request_digest() == 0
    settings.ROOMS_REQUEST_DIGEST_MINUTES = 30
    settings.ROOMS_REQUEST_DIGEST_TO = ["empfang@treppe4.example"]
    assert queue_request_digest() == 1
    assert _digests()[0].to == ["empfang@treppe4.example"]


def test_the_reception_menu_counts_the_waiting_requests(client, reception):
    room = RoomFactory()
    client.force_login(reception)
    request_booking(actor=None, draft=draft(room))
    request_booking(actor=None, draft=draft(room, next_weekday_at(15)))

    page = client.get("/reception/finder/").content.decode()

    assert 'data-testid="pending-count">2' in page
