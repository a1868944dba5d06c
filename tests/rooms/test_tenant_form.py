"""The tenant's room form says what will happen and shows the room's free times."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rooms.models import Booking
from rooms.services import book_room
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.rooms.test_views_tenant import _data
from tests.tenants.factories import OrganisationFactory, org_member

pytestmark = pytest.mark.usefixtures("default_fee_rules")

REGION = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER": "quote-region"}


@pytest.fixture
def tenant(db):
    return OrganisationFactory(kind="tenant", slug="paritaet", name="PARITÄTISCHE")


def _page(client, tenant, data, **headers):
    return client.post(reverse("rooms:organisation_bookings", args=[tenant.slug]), data, **headers)


def test_a_room_that_confirms_tenants_says_it_books_at_once(client, tenant):
    client.force_login(org_member(tenant))
    room = RoomFactory(auto_confirm_tenants=True)

    response = _page(client, tenant, _data(room, next_weekday_at(10), "quote"), **REGION)

    assert "sofort gebucht" in response.text
    assert ">Jetzt buchen<" in response.text


def test_a_room_the_reception_confirms_says_it_sends_a_request(client, tenant):
    client.force_login(org_member(tenant))
    room = RoomFactory(auto_confirm_tenants=False)
    start = next_weekday_at(10)

    response = _page(client, tenant, _data(room, start, "quote"), **REGION)
    _page(client, tenant, _data(room, start, "book"))

    assert "Der Empfang bestätigt" in response.text
    assert ">Anfrage senden<" in response.text
    assert Booking.objects.get().state == Booking.State.REQUESTED


def test_the_rooms_free_times_of_the_day_are_shown_beside_the_form(client, tenant, reception):
    client.force_login(org_member(tenant))
    room = RoomFactory(name="Raum Eder")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, hours=2, title="Vertraulich"))

    data = {**_data(room, start, "quote"), "start_time": "14:00", "end_time": "16:00"}

    response = _page(client, tenant, data, **REGION)

    assert 'id="free-times-title"' in response.text
    # The booking holds 09:30–12:15 with its set-up and tear-down; a new one needs its
    # own tear-down before and set-up after that.
    assert "07:00–09:15" in response.text
    assert "12:45–22:00" in response.text
    assert "Vertraulich" not in response.text


def test_a_clash_shows_the_free_times_and_alternatives(client, tenant, reception):
    client.force_login(org_member(tenant))
    room = RoomFactory(name="Raum Eder")
    RoomFactory(name="Saal Kassel")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, hours=2))

    response = _page(client, tenant, _data(room, start, "quote"), **REGION)

    assert 'id="free-times-title"' in response.text
    assert 'id="alternatives-title"' in response.text
    assert 'name="slot"' in response.text


def test_the_form_is_headed_as_a_booking(client, tenant):
    client.force_login(org_member(tenant))

    response = client.get(reverse("rooms:organisation_bookings", args=[tenant.slug]))

    assert "Raum anfragen" not in response.text
    assert "Raum buchen" in response.text
