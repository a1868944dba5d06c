"""One anti-abuse layer for every form sent without an account: a rate limit per
visitor (django-ratelimit, keyed on the address the trusted proxies report) and a
honeypot, with the same German 429 page everywhere and no refusal while Redis is down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.urls import reverse

from events.models import Registration
from house.volunteers.models import Interest
from rooms.models import Booking
from tenants.models import OutdatedReport
from tenants.network.models import Subscriber
from tests.events.factories import EventFactory
from tests.rooms.factories import RoomFactory, next_weekday_at
from tests.rooms.test_views_public import _request_data
from tests.tenants.factories import ServiceFactory
from tests.volunteers.factories import OpportunityFactory

if TYPE_CHECKING:
    from collections.abc import Callable

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_fee_rules")]

LIMIT_PAGE = "Zu viele Anfragen von Ihrem Anschluss"


@dataclass
class PublicForm:
    name: str
    per_hour: int
    honeypot: str
    #: (url, data for the n-th post) for a fresh object
    arrange: Callable[[], tuple[str, Callable[[int], dict]]]
    stored: Callable[[], int]


def _room_request():
    room = RoomFactory()
    start = next_weekday_at(10)

    def data(n: int) -> dict:
        # One hour every other hour, on the same weekday, a week later after six.
        hour = 8 + 2 * (n % 6)
        return _request_data(
            start + dt.timedelta(weeks=n // 6),
            start_time=f"{hour}:00",
            end_time=f"{hour + 1}:00",
        )

    return reverse("rooms:request", args=[room.slug]), data


def _registration():
    event = EventFactory(capacity=60)
    return reverse("events:register", args=[event.slug]), lambda n: {
        "name": "Gast",
        "email": f"gast{n}@example.org",
        "seats": 1,
        "consent": "on",
    }


def _report():
    service = ServiceFactory()
    url = f"/organisations/{service.organisation.slug}/services/{service.slug}/report/"
    return url, lambda n: {"message": f"Die Zeiten stimmen nicht ({n})"}


def _interest():
    opportunity = OpportunityFactory()
    return opportunity.get_absolute_url(), lambda n: {
        "name": "Hanna",
        "email": f"hanna{n}@example.org",
        "consent": "on",
    }


def _newsletter():
    return reverse("network:newsletter_subscribe"), lambda n: {
        "email": f"nachbarin{n}@example.org",
        "consent": "on",
    }


FORMS = [
    PublicForm("room request", 5, "website", _room_request, Booking.objects.count),
    PublicForm("registration", 10, "website", _registration, Registration.objects.count),
    PublicForm("outdated report", 5, "homepage", _report, OutdatedReport.objects.count),
    PublicForm("volunteer interest", 5, "homepage", _interest, Interest.objects.count),
    PublicForm("newsletter", 10, "website", _newsletter, Subscriber.objects.count),
]
IDS = [form.name for form in FORMS]


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_every_public_form_refuses_one_visitor_beyond_its_rate_with_the_same_page(client, form):
    url, data = form.arrange()
    for n in range(form.per_hour):
        client.post(url, data(n))
    assert form.stored() == form.per_hour

    response = client.post(url, data(form.per_hour))

    assert response.status_code == 429
    assert LIMIT_PAGE in response.text
    assert form.stored() == form.per_hour
    assert client.get(url).status_code == 200  # reading stays possible


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_every_public_form_has_a_honeypot_that_stores_nothing(client, form):
    url, data = form.arrange()
    assert f'name="{form.honeypot}"' in client.get(url).text

    response = client.post(url, {**data(0), form.honeypot: "http://spam.example"})

    assert response.status_code == 302
    assert form.stored() == 0


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_visitors_behind_the_trusted_proxy_are_counted_apart(client, settings, form):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url, data = form.arrange()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(form.per_hour):
        client.post(url, data(n), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)

    blocked = client.post(url, data(50), HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy)
    other = client.post(url, data(51), HTTP_X_FORWARDED_FOR="198.51.100.20", **proxy)

    assert blocked.status_code == 429
    assert other.status_code == 302


def test_a_forged_forwarded_for_does_not_buy_a_fresh_count_without_a_trusted_proxy(
    client, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    url, data = _registration()
    for n in range(10):
        client.post(url, data(n), HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    response = client.post(url, data(10), HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429


def test_only_the_configured_number_of_proxies_is_trusted(client, settings):
    """With one trusted proxy, a client-supplied entry before the real one changes nothing."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    url, data = _registration()
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for n in range(10):
        client.post(url, data(n), HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7", **proxy)

    response = client.post(url, data(10), HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7", **proxy)

    assert response.status_code == 429


def test_the_hand_written_limiter_is_gone():
    import house.permissions

    assert not hasattr(house.permissions, "allow_public_post")


@pytest.fixture
def redis_down(settings):
    """The production cache backend pointing at a Redis that does not answer."""
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "house.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.RATELIMIT_USE_CACHE = "default"


@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_with_redis_down_the_public_forms_still_accept_posts(client, redis_down, form):
    url, data = form.arrange()
    for n in range(form.per_hour + 2):
        response = client.post(url, data(n))
        assert response.status_code == 302, response.text[:500]
    assert form.stored() == form.per_hour + 2


def test_the_system_checks_of_the_rate_limit_pass_in_development():
    call_command("check", fail_level="WARNING")
