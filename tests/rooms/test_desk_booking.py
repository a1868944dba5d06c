"""Booking at the desk in few steps: a free time on the week board, the booker found by a
few letters with their category and usual layout, the price, confirm."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from rooms.models import Booking
from rooms.services import book_room, request_booking
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory, org_admin

pytestmark = pytest.mark.usefixtures("default_fee_rules")

REGION = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER": "booking-form"}


@pytest.fixture
def desk(client, reception):
    """The reception is signed in; Raum Eder is free, a tenant has booked it in U-shape
    twice and as a boardroom once, and Mara Jansen asked for it twice as a local group."""
    client.force_login(reception)
    room = RoomFactory(name="Raum Eder", slug="raum-eder", max_advance_days=800)
    tenant = OrganisationFactory(kind="tenant", name="Der PARITÄTISCHE Nordhessen")
    OrganisationFactory(kind="external", name="Stadtwerke Kassel")
    start = next_weekday_at(9, days_ahead=21)
    for days, layout in ((0, "u_shape"), (1, "u_shape"), (2, "boardroom")):
        book_room(
            actor=reception,
            draft=draft(room, start + dt.timedelta(days=days), organisation=tenant, layout=layout),
        )
    for days, layout, email in (
        (3, "theatre", "MARA@example.org"),
        (4, "theatre", "mara@example.org"),
    ):
        request_booking(
            actor=None,
            draft=draft(
                room,
                start + dt.timedelta(days=days),
                layout=layout,
                contact_name="Mara Jansen",
                contact_email=email,
                contact_organisation="Chor Wehlheiden",
                stated_category="local_nonprofit",
            ),
        )
    return room, tenant


def _matches(client, text):
    return client.get(reverse("rooms:reception_bookers"), {"booker_search": text})


def _keys(html: str) -> list[str]:
    return re.findall(r'name="booker" value="([^"]+)"', html)


def test_a_few_letters_find_the_organisation_with_its_category_and_usual_layout(client, desk):
    _room, tenant = desk

    response = _matches(client, "parit")

    assert _keys(response.text) == [f"organisation:{tenant.pk}"]
    assert "Der PARITÄTISCHE Nordhessen" in response.text
    assert "Mieter" in response.text  # the category the fee rules give a house tenant
    assert "U-Form" in response.text  # two of its three bookings


def test_an_earlier_contact_is_found_once_by_name_or_address_with_their_category(client, desk):
    by_name = _matches(client, "jansen")
    by_address = _matches(client, "MARA@")
    by_group = _matches(client, "wehlheiden")

    assert len(_keys(by_name.text)) == 1
    assert _keys(by_name.text) == _keys(by_address.text) == _keys(by_group.text)
    assert "Chor Wehlheiden" in by_name.text
    assert "Reihen" in by_name.text or "Theater" in by_name.text
    assert "gemeinnützig" in by_name.text.lower()


def test_one_letter_finds_nothing_and_says_how_many_are_needed(client, desk):
    response = _matches(client, "p")

    assert _keys(response.text) == []
    assert "2" in response.text


def test_no_match_invites_a_new_contact(client, desk):
    response = _matches(client, "Zzyzx")

    assert _keys(response.text) == []
    assert "Zzyzx" in response.text


def test_the_search_is_closed_to_people_who_are_not_reception(client, desk):
    client.force_login(org_admin())

    response = _matches(client, "jansen")

    assert response.status_code == 403
    assert "Jansen" not in response.text
    client.logout()
    assert _matches(client, "jansen").status_code == 302


@pytest.mark.parametrize(("extra_organisations", "queries"), [(0, 6), (2, 6)])
def test_the_search_reads_a_fixed_number_of_rows_however_many_match(
    client, desk, django_assert_num_queries, extra_organisations, queries
):
    for n in range(extra_organisations):
        OrganisationFactory(name=f"Paritätische Stelle {n}")

    # session, user, organisations, the categories house management set for them,
    # their usual layouts, contacts (the house is cached)
    with django_assert_num_queries(queries):
        _matches(client, "parit")


@pytest.mark.parametrize("with_htmx", [True, False])
def test_picking_the_organisation_fills_the_form_and_shows_the_price(client, desk, with_htmx):
    room, tenant = desk
    day = next_weekday_at(10).date().isoformat()
    data = {"room": room.pk, "date": day, "start_time": "10:00", "end_time": "12:00"}
    data.update(purpose="nonprofit", attendees=8, layout="boardroom", booker_search="parit")

    response = client.post(
        reverse("rooms:reception_book"),
        {**data, "booker": f"organisation:{tenant.pk}"},
        **(REGION if with_htmx else {}),
    )

    assert response.status_code == 200
    assert f'<option value="{tenant.pk}" selected>' in response.text
    assert '<option value="u_shape" selected>' in response.text
    assert 'data-testid="quote-gross"' in response.text
    assert re.search(r'value="book"[^>]*autofocus', response.text)
    assert Booking.objects.filter(start__date=day).count() == 0
    if with_htmx:
        assert response["HX-Retarget"] == "#booking-form"


def test_picking_a_contact_fills_their_details_and_category(client, desk):
    room, _tenant = desk
    key = _keys(_matches(client, "jansen").text)[0]
    day = next_weekday_at(10).date().isoformat()
    data = {"room": room.pk, "date": day, "start_time": "10:00", "end_time": "12:00"}
    data.update(purpose="nonprofit", attendees=8, layout="boardroom", booker=key)

    response = client.post(reverse("rooms:reception_book"), data, **REGION)

    assert 'value="Mara Jansen"' in response.text
    assert 'value="mara@example.org"' in response.text
    assert '<option value="local_nonprofit" selected>' in response.text
    assert '<option value="theatre" selected>' in response.text
    assert 'data-testid="quote-gross"' in response.text


def test_an_unknown_pick_is_ignored(client, desk):
    room, _tenant = desk
    day = next_weekday_at(10).date().isoformat()
    data = {"room": room.pk, "date": day, "start_time": "10:00", "end_time": "12:00"}
    data.update(purpose="nonprofit", attendees=8, layout="boardroom", action="quote")

    for key in ("organisation:999999", "contact:abc", "person:1", "<script>"):
        response = client.post(reverse("rooms:reception_book"), {**data, "booker": key})
        assert response.status_code == 200
        assert "<script>" not in response.text


def test_without_javascript_the_search_button_lists_the_matches_in_the_page(client, desk):
    room, tenant = desk
    day = next_weekday_at(10).date().isoformat()
    data = {"room": room.pk, "date": day, "start_time": "10:00", "end_time": "12:00"}
    data.update(purpose="nonprofit", attendees=8, layout="boardroom")

    response = client.post(
        reverse("rooms:reception_book"),
        {**data, "booker_search": "parit", "action": "find_booker"},
    )

    assert response.status_code == 200
    assert "<html" in response.text
    assert _keys(response.text) == [f"organisation:{tenant.pk}"]
    assert Booking.objects.filter(start__date=day).count() == 0


def test_a_booking_without_a_title_is_named_after_its_booker(client, desk):
    room, tenant = desk
    start = next_weekday_at(10)
    data = {"room": room.pk, "date": start.date().isoformat()}
    data.update(start_time="10:00", end_time="12:00", purpose="nonprofit", attendees=8)
    data.update(layout="boardroom", organisation=tenant.pk, title="", action="book")

    client.post(reverse("rooms:reception_book"), data)
    contact = client.post(
        reverse("rooms:reception_book"),
        {
            **data,
            "organisation": "",
            "start_time": "14:00",
            "end_time": "16:00",
            "contact_name": "Jonas Reuter",
            "contact_email": "jonas@example.org",
        },
    )

    assert contact.status_code == 302
    titles = set(Booking.objects.filter(start__date=start.date()).values_list("title", flat=True))
    assert titles == {"Der PARITÄTISCHE Nordhessen", "Jonas Reuter"}


def test_the_week_board_offers_the_free_times_of_each_room_as_links(client, desk, reception):
    room, _tenant = desk
    start = next_weekday_at(10)
    day = timezone.localtime(start).date()
    book_room(actor=reception, draft=draft(room, start, hours=2))

    page = client.get(reverse("rooms:reception"), {"date": day.isoformat(), "view": "week"}).text

    prefix = f'href="/reception/book/?room=raum-eder&amp;date={day}'
    links = re.findall(re.escape(prefix) + r'[^"]*"', page)
    assert len(links) == 2
    # Before the booking and its set-up, and after it and its tear-down.
    assert "start=07:00" in links[0]
    assert "start=12:" in links[1] or "start=13:" in links[1]


def test_the_week_board_offers_no_free_time_on_a_closed_day_or_in_the_past(client, desk):
    from house.models import ClosureDay

    start = next_weekday_at(10)
    day = timezone.localtime(start).date()
    ClosureDay.objects.create(date=day, reason="Betriebsausflug")

    closed = client.get(reverse("rooms:reception"), {"date": day.isoformat(), "view": "week"})
    past = client.get(
        reverse("rooms:reception"),
        {"date": (timezone.localdate() - dt.timedelta(days=14)).isoformat(), "view": "week"},
    )

    assert f"date={day}&amp;start=" not in closed.text
    assert "Betriebsausflug" in closed.text
    assert "/reception/book/?room=" not in past.text


def test_the_search_needs_a_signed_in_account(client, db):
    client.force_login(UserFactory())

    assert _matches(client, "parit").status_code == 403
