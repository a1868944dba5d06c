"""Tenant members request rooms from their organisation's area, at their rate."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rooms.models import Booking
from rooms.services import request_booking
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory, org_member

pytestmark = pytest.mark.usefixtures("default_fee_rules")


@pytest.fixture
def tenant(db):
    return OrganisationFactory(kind="tenant", slug="paritaet", name="PARITÄTISCHE")


def _data(room, start, action):
    return {
        "room": room.pk,
        "date": start.date().isoformat(),
        "start_time": "10:00",
        "end_time": "13:00",
        "title": "Teamsitzung",
        "purpose": "nonprofit",
        "attendees": 8,
        "layout": "boardroom",
        "action": action,
    }


def test_member_sees_the_tenant_price_before_booking(client, tenant):
    member = org_member(tenant)
    client.force_login(member)
    room = RoomFactory()
    start = next_weekday_at(10)

    preview = client.post(
        reverse("rooms:organisation_bookings", args=[tenant.slug]), _data(room, start, "quote")
    )
    sent = client.post(
        reverse("rooms:organisation_bookings", args=[tenant.slug]), _data(room, start, "book")
    )

    assert "Freistunden" in preview.text
    assert (
        'data-testid="quote-gross">0,00' in preview.text
        or 'data-testid="quote-gross">0.00' in preview.text
    )
    assert sent.status_code == 302
    booking = Booking.objects.get()
    assert booking.organisation == tenant
    assert booking.booker_category == "tenant"
    assert booking.state == Booking.State.CONFIRMED  # the room allows tenants' auto-confirmation


def test_outsider_cannot_see_or_book_for_another_organisation(client, tenant):
    request_booking(actor=None, draft=draft(RoomFactory(), title="Interna", organisation=tenant))
    client.force_login(org_member(OrganisationFactory()))

    page = client.get(reverse("rooms:organisation_bookings", args=[tenant.slug]))
    post = client.post(
        reverse("rooms:organisation_bookings", args=[tenant.slug]),
        _data(RoomFactory(), next_weekday_at(10), "book"),
    )

    assert page.status_code == 404
    assert "Interna" not in page.text
    assert post.status_code == 404
    assert Booking.objects.count() == 1


def test_outsider_cannot_cancel_another_organisations_booking(client, tenant):
    booking = request_booking(actor=None, draft=draft(RoomFactory(), organisation=tenant))
    client.force_login(UserFactory())

    response = client.post(reverse("rooms:organisation_cancel", args=[tenant.slug, booking.pk]))

    booking.refresh_from_db()
    assert response.status_code == 404
    assert booking.state == Booking.State.CONFIRMED


def test_member_cancels_own_booking(client, tenant):
    booking = request_booking(actor=None, draft=draft(RoomFactory(), organisation=tenant))
    client.force_login(org_member(tenant))

    client.post(reverse("rooms:organisation_cancel", args=[tenant.slug, booking.pk]))

    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_bookings_query_count_is_constant(
    client, tenant, django_assert_num_queries, count
):
    member = org_member(tenant)
    client.force_login(member)
    room = RoomFactory()
    for i in range(count):
        request_booking(
            actor=None, draft=draft(room, next_weekday_at(8 + 3 * i), hours=1, organisation=tenant)
        )

    # One of them reads the cancellation terms of the bookings' fee rule, once for all rows.
    with django_assert_num_queries(7):
        response = client.get(reverse("rooms:organisation_bookings", args=[tenant.slug]))

    assert response.text.count("<td>Teamsitzung</td>") == count


def test_my_rooms_redirects_members_to_their_organisation(client, tenant):
    client.force_login(org_member(tenant))

    response = client.get(reverse("rooms:my_rooms"))

    assert response.url == reverse("rooms:organisation_bookings", args=[tenant.slug])


def test_member_booking_through_htmx(client, tenant):
    client.force_login(org_member(tenant))
    room = RoomFactory()
    start = next_weekday_at(10)
    url = reverse("rooms:organisation_bookings", args=[tenant.slug])

    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER": "booking-form"}
    preview = client.post(url, _data(room, start, "quote"), **htmx)
    sent = client.post(url, _data(room, start, "book"), **htmx)

    assert "Freistunden" in preview.text
    assert "Jetzt buchen" in preview.text  # the room confirms tenants at once
    assert "<html" not in preview.text
    assert sent["HX-Redirect"] == url
    assert Booking.objects.get().organisation == tenant
