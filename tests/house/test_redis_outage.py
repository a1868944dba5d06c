"""A Redis outage: the cache and the broker are optimisations, never a reason for a 500.

Each test runs against a Redis of its own, stops it in the middle, and checks
that pages render from the database, that registrations and booking requests
are stored, and that their e-mails go out from the outbox when Redis returns.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from events.models import Registration
from house import cache as house_cache
from house.celery import app
from house.models import OutboxEmail
from house.services import sweep_outbox
from rooms.models import Booking
from tests.events.factories import EventFactory
from tests.rooms.factories import RoomFactory, next_weekday_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis_backed(private_redis, settings, monkeypatch, house):
    """The portal wired to the private Redis as in production: cache and broker, no eager tasks."""
    cache_url = private_redis.url.replace("/0", "/1")
    settings.REDIS_URL = private_redis.url
    settings.REDIS_CACHE_URL = cache_url
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "house.cache.DegradingRedisCache",
            "LOCATION": cache_url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    # Come back at once after an outage instead of pausing for seconds.
    monkeypatch.setattr(house_cache, "OUTAGE_PAUSE", 0.0)
    previous = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager = False
    app.conf.broker_url = private_redis.url
    app._after_fork()  # forget the connection pools made for the previous broker
    yield private_redis
    app.conf.task_always_eager, app.conf.broker_url = previous
    app._after_fork()


def _send_what_the_sweeper_finds():
    """What beat and the worker do once the broker is back: here in-process."""
    app.conf.task_always_eager = True
    try:
        sweep_outbox()
    finally:
        app.conf.task_always_eager = False


def test_pages_render_from_the_database_while_redis_is_down(client, redis_backed):
    event = EventFactory(title="Erzählcafé")
    room = RoomFactory(name="Raum Werra")
    assert client.get("/").status_code == 200  # fills the cache

    redis_backed.stop()

    for path in ("/", event.get_absolute_url(), reverse("events:list"), room.get_absolute_url()):
        response = client.get(path)
        assert response.status_code == 200, path
    assert "Erzählcafé" in client.get(event.get_absolute_url()).text


def test_registration_lands_and_its_email_goes_out_when_redis_returns(
    client, redis_backed, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=10)
    client.get(event.get_absolute_url())
    redis_backed.stop()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:register", args=[event.slug]),
            {"name": "Familie Yilmaz", "email": "yilmaz@example.org", "seats": 2, "consent": "on"},
        )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.QUEUED
    assert mail.outbox == []

    redis_backed.start()
    _send_what_the_sweeper_finds()

    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT
    assert mail.outbox[0].to == ["yilmaz@example.org"]


def test_booking_request_lands_and_its_email_goes_out_when_redis_returns(
    client, redis_backed, default_fee_rules, django_capture_on_commit_callbacks
):
    room = RoomFactory()
    start = next_weekday_at(10)
    redis_backed.stop()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rooms:request", args=[room.slug]),
            {
                "date": start.date().isoformat(),
                "start_time": "10:00",
                "end_time": "12:00",
                "title": "Chorprobe",
                "purpose": "nonprofit",
                "attendees": 12,
                "layout": "boardroom",
                "stated_category": "local_nonprofit",
                "contact_name": "Mara Jansen",
                "contact_email": "mara@example.org",
                "website": "",
            },
        )

    assert response.status_code == 302
    assert Booking.objects.get().state == Booking.State.REQUESTED
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.QUEUED).exists()

    redis_backed.start()
    _send_what_the_sweeper_finds()

    assert ["mara@example.org"] in [message.to for message in mail.outbox]


def test_a_key_changed_during_the_outage_is_not_served_stale_when_redis_returns(redis_backed):
    """A sign-out (or a bumped version) that Redis missed must not come back with Redis."""
    import redis

    redis_backed.stop()
    cache.delete("session:abc")  # signed out while Redis was down
    redis_backed.start()
    # A Redis that was only unreachable still holds the old value.
    redis.Redis.from_url(cache._cache._servers[0]).set(cache.make_key("session:abc"), b"x")

    assert cache.get("session:abc") is None
    assert not redis.Redis.from_url(cache._cache._servers[0]).exists(cache.make_key("session:abc"))
