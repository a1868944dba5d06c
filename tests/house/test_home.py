"""The home page shows what is coming up and what is open today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from house.caching import HOME_PAGE, raise_versions_now
from tests.events.factories import EventFactory
from tests.factories import ClosureDayFactory
from tests.tenants.factories import ConsultationHoursFactory, OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def _home(client) -> str:
    response = client.get(reverse("house:home"), HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    return response.content.decode()


def test_the_next_published_events_are_shown_soonest_first(client, house):
    later = EventFactory(title="Sommerfest", start=timezone.now() + dt.timedelta(days=20))
    sooner = EventFactory(title="Sprachcafé", start=timezone.now() + dt.timedelta(days=2))
    EventFactory(title="Entwurf", publication=Event.Publication.DRAFT)
    EventFactory(title="Vorbei", start=timezone.now() - dt.timedelta(days=3))

    page = _home(client)

    assert page.index(sooner.title) < page.index(later.title)
    assert "Entwurf" not in page
    assert "Vorbei" not in page


def test_todays_consultation_hours_are_listed(client, house):
    today = timezone.localdate()
    ConsultationHoursFactory(
        service=ServiceFactory(name="Schuldnerberatung"), weekday=today.weekday()
    )
    ConsultationHoursFactory(
        service=ServiceFactory(name="Morgen-Beratung"), weekday=(today.weekday() + 1) % 7
    )

    page = _home(client)

    assert "Schuldnerberatung" in page
    assert "Morgen-Beratung" not in page


def test_a_service_reached_by_phone_shows_the_number_to_call(client, house):
    today = timezone.localdate()
    organisation = OrganisationFactory(phone="0561 000 40")
    ConsultationHoursFactory(
        service=ServiceFactory(
            name="Schuldnerberatung", organisation=organisation, access_phone=True, phone=""
        ),
        weekday=today.weekday(),
    )
    ConsultationHoursFactory(
        service=ServiceFactory(name="Sprechstunde", access_phone=False, phone="0561 999 99"),
        weekday=today.weekday(),
    )

    page = _home(client)

    assert 'href="tel:056100040">0561 000 40</a>' in page
    assert "0561 999 99" not in page


def test_a_closure_day_says_the_house_is_closed_instead_of_listing_hours(client, house):
    today = timezone.localdate()
    ClosureDayFactory(date=today, reason="Betriebsausflug")
    ConsultationHoursFactory(
        service=ServiceFactory(name="Schuldnerberatung"), weekday=today.weekday()
    )

    page = _home(client)

    assert "Das Haus ist heute geschlossen: Betriebsausflug." in page
    assert "Schuldnerberatung" not in page


def test_the_house_picture_has_a_text_alternative(client, house):
    page = _home(client)
    assert 'src="/static/img/home/house.svg"' in page
    assert 'alt="Zeichnung des Hauses' in page


@pytest.mark.parametrize("count", [1, 3])
def test_home_page_query_count(client, house, count, django_assert_num_queries):
    today = timezone.localdate()
    organisation = OrganisationFactory()
    for _ in range(count):
        EventFactory(organisation=organisation)
        ConsultationHoursFactory(
            service=ServiceFactory(organisation=organisation), weekday=today.weekday()
        )
    _home(client)  # the page frame is cached after the first visit
    raise_versions_now([HOME_PAGE])  # as after a change: the body is rendered anew
    with django_assert_num_queries(5):
        _home(client)
    with django_assert_num_queries(0):  # kept: nothing asked of the database
        _home(client)
