"""Public room pages and the request form for externals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from rooms.models import Booking
from rooms.services import book_room
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.volunteers.history import regular_volunteer

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _request_data(start: dt.datetime, **extra):
    data = {
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
    }
    data.update(extra)
    return data


def test_room_list_shows_bookable_rooms_only(client):
    RoomFactory(name="Saal Kassel", area_m2=90)
    RoomFactory(name="Abstellraum", is_bookable=False)

    response = client.get(reverse("rooms:list"))

    assert "Saal Kassel" in response.text
    assert "90 m²" in response.text
    assert "Abstellraum" not in response.text


@pytest.mark.parametrize("count", [1, 3])
def test_room_list_query_count_is_constant(client, django_assert_num_queries, count):
    RoomFactory.create_batch(count)

    with django_assert_num_queries(4):  # house profile, rooms, parts, photos
        client.get(reverse("rooms:list"))


def test_room_detail_shows_prices_capacities_and_public_titles_only(client, reception):
    room = RoomFactory(name="Raum Eder", accessible_toilet=True)
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, title="Geheime Sitzung"))
    book_room(
        actor=reception,
        draft=draft(
            room, start + dt.timedelta(hours=4), title="Offener Treff", show_title_publicly=True
        ),
    )

    response = client.get(
        reverse("rooms:detail", args=[room.slug]), {"week": start.date().isoformat()}
    )

    text = response.text
    assert "kostenfrei nach Nutzungsordnung" in text
    assert "Offener Treff" in text
    assert "Geheime Sitzung" not in text
    assert '<td class="text-end">20</td>' in text  # boardroom capacity of the factory room


@pytest.mark.parametrize("count", [1, 3])
def test_room_detail_query_count_is_constant(client, reception, django_assert_num_queries, count):
    room = RoomFactory()
    for i in range(count):
        book_room(actor=reception, draft=draft(room, next_weekday_at(8 + 3 * i), hours=1))

    with django_assert_num_queries(5):  # room, parts, photos, fee rules, occupancies
        client.get(reverse("rooms:detail", args=[room.slug]))


def test_room_detail_unknown_or_unbookable_room_is_404(client):
    hidden = RoomFactory(is_bookable=False)

    assert client.get(reverse("rooms:detail", args=["nope"])).status_code == 404
    assert client.get(reverse("rooms:detail", args=[hidden.slug])).status_code == 404


def test_public_request_creates_a_pending_request_with_quote(client):
    room = RoomFactory()
    start = next_weekday_at(10)

    response = client.post(reverse("rooms:request", args=[room.slug]), _request_data(start))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert booking.state == Booking.State.REQUESTED
    assert booking.contact_email == "mara@example.org"
    assert booking.booker_category == "local_nonprofit"
    assert booking.quote["warnings"]  # stated non-profit: the reception checks the papers
    sent = client.get(response.url)
    assert "Chorprobe" not in sent.text or room.name in sent.text
    assert room.name in sent.text


def test_public_request_for_a_taken_slot_names_it_and_saves_nothing(client, reception):
    room = RoomFactory(name="Saal")
    RoomFactory(name="Ausweichraum")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start))

    response = client.post(reverse("rooms:request", args=[room.slug]), _request_data(start))

    assert response.status_code == 200
    assert "already booked" in response.text or "bereits" in response.text
    assert "Ausweichraum" in response.text
    assert Booking.objects.count() == 1


def test_public_request_honeypot_saves_nothing(client):
    room = RoomFactory()

    response = client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(next_weekday_at(10), website="http://spam.example"),
    )

    assert response.status_code == 302
    assert not Booking.objects.exists()


def test_public_request_rate_limit_refuses_the_sixth_request(client):
    room = RoomFactory()
    start = next_weekday_at(10)
    for hour in (8, 10, 12, 14, 16):
        client.post(
            reverse("rooms:request", args=[room.slug]),
            _request_data(start, start_time=f"{hour}:00", end_time=f"{hour + 1}:00"),
        )

    response = client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(start, start_time="18:00", end_time="19:00"),
    )

    assert response.status_code == 429
    assert Booking.objects.count() == 5


def test_public_request_invalid_input_shows_errors_without_saving(client):
    room = RoomFactory()

    response = client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(next_weekday_at(10), end_time="09:00", contact_email="kaputt"),
    )

    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert not Booking.objects.exists()


def test_long_time_volunteer_requests_a_private_celebration(client):

    volunteer = regular_volunteer(days=800)
    client.force_login(volunteer)
    room = RoomFactory()

    form_page = client.get(reverse("rooms:request", args=[room.slug]))
    client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(
            next_weekday_at(10), purpose="private_celebration", stated_category="commercial"
        ),
    )

    booking = Booking.objects.get()
    assert 'value="private_celebration"' in form_page.text
    assert booking.person == volunteer
    assert booking.booker_category == "private_person"
    assert booking.deposit > 0


def test_private_celebration_is_not_offered_to_newcomers(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    room = RoomFactory()

    form_page = client.get(reverse("rooms:request", args=[room.slug]))
    response = client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(next_weekday_at(10), purpose="private_celebration"),
    )

    assert 'value="private_celebration"' not in form_page.text
    assert response.status_code == 200
    assert not Booking.objects.exists()
