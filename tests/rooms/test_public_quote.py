"""The public request form's price before sending: the reception's quote card, without
the reception's notes, with and without JavaScript, counted apart from the requests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rooms.models import Booking
from rooms.services import book_room
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.rooms.test_views_public import _request_data

pytestmark = pytest.mark.usefixtures("default_fee_rules")

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "quote-region"}


@pytest.fixture
def room(db):
    return RoomFactory(name="Raum Eder", slug="raum-eder")


def _quote(client, room, data, **headers):
    return client.post(reverse("rooms:request_quote", args=[room.slug]), data, **headers)


def test_the_live_quote_shows_the_price_for_the_group_without_the_receptions_notes(client, room):
    start = next_weekday_at(10)
    data = _request_data(start, stated_category="commercial", purpose="commercial")

    response = _quote(client, room, data, **HTMX)

    assert response.status_code == 200
    assert 'data-testid="quote-gross"' in response.text
    assert "<html" not in response.text  # the answer area alone
    assert "Kategorie: " in response.text
    assert Booking.objects.count() == 0


def test_a_stated_non_profit_category_gets_its_price_but_not_the_note_to_check_papers(client, room):
    start = next_weekday_at(10)

    response = _quote(client, room, _request_data(start), **HTMX)

    assert 'data-testid="quote-gross"' in response.text
    assert "papers" not in response.text
    assert "Unterlagen" not in response.text
    assert "Warnung" not in response.text


def test_the_price_needs_only_the_fields_it_depends_on(client, room):
    start = next_weekday_at(10)
    data = _request_data(start, contact_name="", contact_email="", title="")

    response = _quote(client, room, data, **HTMX)

    assert 'data-testid="quote-gross"' in response.text
    assert 'id="id_contact_email"' not in response.text


def test_a_missing_time_names_the_field_instead_of_a_price(client, room):
    start = next_weekday_at(10)

    response = _quote(client, room, _request_data(start, end_time=""), **HTMX)

    assert response.status_code == 200
    assert "quote-gross" not in response.text
    assert 'href="#id_end_time"' in response.text


def test_a_taken_slot_is_named_with_free_alternatives(client, room, reception):
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, title="Geheime Sitzung"))

    response = _quote(client, room, _request_data(start), **HTMX)

    assert "quote-gross" not in response.text
    assert 'id="alternatives-title"' in response.text
    assert "Geheime Sitzung" not in response.text


def test_without_javascript_the_button_shows_the_whole_page_with_the_price(client, room):
    start = next_weekday_at(10)

    response = _quote(client, room, _request_data(start, contact_email=""))

    assert "<html" in response.text
    assert 'data-testid="quote-gross"' in response.text
    assert 'value="Mara Jansen"' in response.text  # the form as filled in
    # The address is asked for when the request is sent, not while pricing it.
    assert "is-invalid" not in response.text
    assert Booking.objects.count() == 0


def test_bad_input_is_answered_in_words_not_with_an_error(client, room):
    response = _quote(
        client, room, {"date": "31.02.", "attendees": "viele", "layout": "<b>"}, **HTMX
    )

    assert response.status_code == 200
    assert "quote-gross" not in response.text
    assert "<b>" not in response.text


def test_only_bookable_rooms_are_priced(client):
    hidden = RoomFactory(slug="abstellraum", is_bookable=False)

    response = _quote(client, hidden, _request_data(next_weekday_at(10)))

    assert response.status_code == 404


def test_the_quote_is_post_only(client, room):
    response = client.get(reverse("rooms:request_quote", args=[room.slug]))

    assert response.status_code == 405


def test_quotes_are_limited_per_visitor_apart_from_requests(client, room, settings):
    from rooms.views import public_quote

    start = next_weekday_at(10)
    data = _request_data(start)
    for _ in range(public_quote.QUOTES_PER_HOUR):
        assert _quote(client, room, data, **HTMX).status_code == 200

    assert _quote(client, room, data, **HTMX).status_code == 429
    # Asking for prices used none of the visitor's requests.
    sent = client.post(reverse("rooms:request", args=[room.slug]), data)
    assert sent.status_code == 302
    assert Booking.objects.count() == 1


def test_the_request_page_offers_the_price_button_before_the_send_button(client, room):
    response = client.get(reverse("rooms:request", args=[room.slug]))

    text = response.text
    quote_url = reverse("rooms:request_quote", args=[room.slug])
    assert f'formaction="{quote_url}"' in text
    assert text.index(f'formaction="{quote_url}"') < text.index('class="btn btn-primary mb-2"')
    assert 'id="quote-region"' in text
