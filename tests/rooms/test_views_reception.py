"""The reception desk: access, board, finder, requests queue, day sheet, booking with quote."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from rooms.models import Booking
from rooms.services import book_room, request_booking
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, history, next_weekday_at
from tests.tenants.factories import OrganisationFactory, org_admin
from tests.volunteers.history import regular_volunteer

pytestmark = pytest.mark.usefixtures("default_fee_rules")

RECEPTION_PAGES = [
    ("rooms:reception", {}),
    ("rooms:reception_finder", {}),
    ("rooms:reception_requests", {}),
    ("rooms:reception_day_sheet", {}),
    ("rooms:reception_book", {}),
]


@pytest.fixture
def pending(db):
    return request_booking(
        actor=None,
        draft=draft(
            RoomFactory(name="Saal"), title="Geheimes Treffen", contact_email="x@example.org"
        ),
    )


@pytest.mark.parametrize(("name", "kwargs"), RECEPTION_PAGES)
def test_reception_pages_are_closed_to_outsiders(client, pending, name, kwargs):
    tenant_admin = org_admin()
    client.force_login(tenant_admin)

    response = client.get(reverse(name, kwargs=kwargs), {"date": pending.start.date().isoformat()})

    assert response.status_code == 403
    assert "Geheimes Treffen" not in response.text


def test_reception_pages_send_anonymous_visitors_to_login(client, pending):
    response = client.get(reverse("rooms:reception"))

    assert response.status_code == 302
    assert "login" in response.url


def test_booking_detail_and_decisions_are_closed_to_outsiders(client, pending):
    client.force_login(UserFactory())

    detail = client.get(reverse("rooms:reception_booking", args=[pending.pk]))
    decide = client.post(reverse("rooms:reception_decide", args=[pending.pk, "confirm"]))

    assert detail.status_code == 403
    assert decide.status_code == 403
    pending.refresh_from_db()
    assert pending.state == Booking.State.REQUESTED


def test_board_shows_bookings_buffers_and_pending_requests(client, reception, pending):
    client.force_login(reception)
    room = pending.room
    book_room(
        actor=reception, draft=draft(room, pending.start + dt.timedelta(hours=4), title="Teamtag")
    )

    response = client.get(
        reverse("rooms:reception"), {"date": timezone.localtime(pending.start).date().isoformat()}
    )

    text = response.text
    assert "Geheimes Treffen" in text
    assert "Teamtag" in text
    assert "board-pending" in text
    assert "board-buffer" in text
    assert "?room=" in text  # free slots link to a prefilled booking form


@pytest.mark.parametrize("count", [1, 3])
def test_board_query_count_is_constant(client, reception, django_assert_num_queries, count):
    client.force_login(reception)
    room = RoomFactory()
    RoomFactory(parts=[room, RoomFactory()])
    start = next_weekday_at(8)
    for i in range(count):
        book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=3 * i), hours=1))
    day = timezone.localtime(start).date().isoformat()

    # session, user, roles, rooms, their parts, closure days, occupancies, open requests
    with django_assert_num_queries(7):
        client.get(reverse("rooms:reception"), {"date": day})
    # the same, but the count of open requests is kept from the day before
    with django_assert_num_queries(6):
        client.get(reverse("rooms:reception"), {"date": day, "view": "week"})


@pytest.mark.parametrize("count", [1, 3])
def test_pending_requests_query_count_is_constant(
    client, reception, django_assert_num_queries, count
):
    client.force_login(reception)
    room = RoomFactory()
    for i in range(count):
        request_booking(actor=None, draft=draft(room, next_weekday_at(8 + 3 * i), hours=1))

    # One of them counts the waiting requests for the reception's menu (then cached).
    with django_assert_num_queries(4):
        response = client.get(reverse("rooms:reception_requests"))

    assert response.text.count("reception_decide") == 0
    assert response.text.count('name="reason"') == count


def test_reception_confirms_and_rejects_requests_with_log(client, reception, pending):
    client.force_login(reception)
    other = request_booking(
        actor=None, draft=draft(pending.room, pending.start + dt.timedelta(hours=5))
    )

    client.post(reverse("rooms:reception_decide", args=[pending.pk, "confirm"]))
    client.post(reverse("rooms:reception_decide", args=[other.pk, "reject"]), {"reason": "Doppelt"})

    pending.refresh_from_db()
    other.refresh_from_db()
    assert pending.state == Booking.State.CONFIRMED
    assert history(pending)[-1].actor == reception
    assert other.state == Booking.State.REJECTED
    assert other.decision_reason == "Doppelt"


def test_reject_without_reason_keeps_the_request(client, reception, pending):
    client.force_login(reception)

    response = client.post(
        reverse("rooms:reception_decide", args=[pending.pk, "reject"]), follow=True
    )

    pending.refresh_from_db()
    assert pending.state == Booking.State.REQUESTED
    assert "reason" in response.text or "Grund" in response.text


def test_unknown_decision_is_404(client, reception, pending):
    client.force_login(reception)

    assert (
        client.post(reverse("rooms:reception_decide", args=[pending.pk, "explode"])).status_code
        == 404
    )
    assert (
        client.post(reverse("rooms:reception_decide", args=[999999, "confirm"])).status_code == 404
    )


def _booking_data(room, start, **extra):
    data = {
        "room": room.pk,
        "date": start.date().isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "title": "Mitgliederversammlung",
        "purpose": "nonprofit",
        "attendees": 12,
        "layout": "boardroom",
    }
    data.update(extra)
    return data


def test_reception_books_for_a_tenant_after_seeing_the_quote(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    tenant = OrganisationFactory(kind="tenant", name="PARITÄTISCHE")
    start = next_weekday_at(10)
    data = _booking_data(room, start, organisation=tenant.pk)

    preview = client.post(reverse("rooms:reception_book"), {**data, "action": "quote"})
    booked = client.post(reverse("rooms:reception_book"), {**data, "action": "book"})

    assert "Freistunden" in preview.text
    assert (
        not Booking.objects.filter(title="Mitgliederversammlung").exists()
        or booked.status_code == 302
    )
    booking = Booking.objects.get()
    assert booking.organisation == tenant
    assert booking.state == Booking.State.CONFIRMED
    assert booking.created_by == reception


def test_reception_booking_form_prefills_from_a_board_slot(client, reception):
    client.force_login(reception)
    room = RoomFactory(slug="raum-eder")

    response = client.get(
        reverse("rooms:reception_book"),
        {"room": "raum-eder", "date": "2030-01-07", "start": "14:00"},
    )

    assert 'value="2030-01-07"' in response.text
    assert 'value="14:00"' in response.text
    assert 'value="16:00"' in response.text
    assert f'value="{room.pk}" selected' in response.text


def test_reception_booking_for_an_expired_proof_shows_the_warning(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    org = OrganisationFactory(kind="partner", nonprofit_notice_expires=dt.date(2025, 1, 1))

    response = client.post(
        reverse("rooms:reception_book"),
        {**_booking_data(room, next_weekday_at(10), organisation=org.pk), "action": "quote"},
    )

    assert "alert-warning" in response.text
    assert not Booking.objects.exists()


def test_reception_weekly_series_lists_dates_then_books_them(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    data = {
        **_booking_data(room, start, contact_name="Gruppe"),
        "repeat": "weekly",
        "count": 3,
        "interval": 1,
    }

    preview = client.post(reverse("rooms:reception_book"), {**data, "action": "quote"})
    client.post(reverse("rooms:reception_book"), {**data, "action": "book"})

    assert preview.text.count("<time datetime=") >= 3
    assert Booking.objects.filter(series__isnull=False).count() == 3


def test_finder_lists_free_rooms_with_prices(client, reception):
    client.force_login(reception)
    busy = RoomFactory(name="Besetzt")
    RoomFactory(name="Frei")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(busy, start))

    response = client.get(
        reverse("rooms:reception_finder"),
        {
            "date": start.date().isoformat(),
            "start_time": "10:00",
            "duration": 120,
            "attendees": 5,
            "layout": "boardroom",
        },
    )

    assert "Frei" in response.text
    assert "Besetzt" not in response.text
    assert "€" in response.text


def test_day_sheet_lists_the_days_bookings_with_contact(client, reception):
    client.force_login(reception)
    room = RoomFactory(name="Saal")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, title="Fachtag", contact_phone="0561 123"))

    response = client.get(reverse("rooms:reception_day_sheet"), {"date": start.date().isoformat()})

    assert "Fachtag" in response.text
    assert "0561 123" in response.text


def test_booking_detail_shows_quote_and_history(client, reception, pending):
    client.force_login(reception)

    response = client.get(reverse("rooms:reception_booking", args=[pending.pk]))

    assert "Geheimes Treffen" in response.text
    assert response.text.count("<tr>") >= 2
    assert pending.frozen_quote().lines[0].reason in response.text


def test_reception_moves_a_booking_and_the_history_shows_it(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start))

    client.post(
        reverse("rooms:reception_move", args=[booking.pk]),
        {
            "date": start.date().isoformat(),
            "start_time": "15:00",
            "end_time": "17:00",
            "reason": "Wunsch",
        },
    )
    page = client.get(reverse("rooms:reception_booking", args=[booking.pk]))

    booking.refresh_from_db()
    assert timezone.localtime(booking.start).hour == 15
    assert booking.occupancies.get().blocked_from == booking.start - dt.timedelta(minutes=30)
    assert "Wunsch" in page.text


def test_reception_move_onto_a_taken_slot_is_refused(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start))
    book_room(actor=reception, draft=draft(room, start + dt.timedelta(hours=5)))

    response = client.post(
        reverse("rooms:reception_move", args=[booking.pk]),
        {"date": start.date().isoformat(), "start_time": "15:00", "end_time": "16:00"},
        follow=True,
    )

    booking.refresh_from_db()
    assert timezone.localtime(booking.start).hour == 10
    assert "alert-danger" in response.text or "alert-error" in response.text


def test_reception_cancels_a_date_range_of_a_series(client, reception):
    from rooms.services import Recurrence, book_series

    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    _series, bookings = book_series(
        actor=reception,
        draft=draft(room, start),
        recurrence=Recurrence(
            freq="weekly", weekdays=(timezone.localtime(start).weekday(),), count=4
        ),
    )
    second = timezone.localtime(bookings[1].start).date()

    client.post(
        reverse("rooms:reception_series_cancel", args=[bookings[0].pk]),
        {
            "from_date": second.isoformat(),
            "until_date": (second + dt.timedelta(days=7)).isoformat(),
            "reason": "Ferien",
        },
    )

    states = [b.state for b in Booking.objects.filter(series=bookings[0].series).order_by("start")]
    assert states == ["confirmed", "cancelled", "cancelled", "confirmed"]


def test_move_and_series_cancel_are_closed_to_outsiders(client, reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory()))
    client.force_login(UserFactory())

    move = client.post(reverse("rooms:reception_move", args=[booking.pk]), {"date": "2030-01-01"})
    cancel = client.post(reverse("rooms:reception_series_cancel", args=[booking.pk]), {})

    assert move.status_code == 403
    assert cancel.status_code == 403
    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED


def test_reception_books_a_private_celebration_for_a_volunteer(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    volunteer = regular_volunteer(days=900)
    data = {
        **_booking_data(room, next_weekday_at(10), purpose="private_celebration"),
        "person_email": volunteer.email.upper(),
        "action": "book",
    }

    client.post(reverse("rooms:reception_book"), data)

    booking = Booking.objects.get()
    assert booking.person == volunteer
    assert booking.booker_category == "private_person"


def test_reception_private_booker_must_have_an_account(client, reception):
    client.force_login(reception)

    response = client.post(
        reverse("rooms:reception_book"),
        {
            **_booking_data(RoomFactory(), next_weekday_at(10)),
            "person_email": "niemand@example.org",
            "action": "book",
        },
    )

    assert "is-invalid" in response.text
    assert not Booking.objects.exists()


def test_reception_moves_the_following_dates_of_a_series(client, reception):
    from rooms.services import Recurrence, book_series

    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    series, bookings = book_series(
        actor=reception,
        draft=draft(room, start),
        recurrence=Recurrence(
            freq="weekly", weekdays=(timezone.localtime(start).weekday(),), count=3
        ),
    )
    second = timezone.localtime(bookings[1].start).date()

    client.post(
        reverse("rooms:reception_series_move", args=[bookings[1].pk]),
        {
            "series-date": second.isoformat(),
            "series-start_time": "17:00",
            "series-end_time": "18:30",
        },
    )

    hours = [timezone.localtime(b.start).hour for b in series.bookings.order_by("start")]
    assert hours == [10, 17, 17]


def test_board_marks_closure_days_and_offers_no_slots(client, reception):
    from house.models import ClosureDay

    client.force_login(reception)
    RoomFactory()
    day = next_weekday_at(10).date()
    ClosureDay.objects.create(date=day, reason="Betriebsausflug")

    response = client.get(reverse("rooms:reception"), {"date": day.isoformat()})
    week = client.get(reverse("rooms:reception"), {"date": day.isoformat(), "view": "week"})

    assert "Betriebsausflug" in response.text
    assert "?room=" not in response.text
    assert "Betriebsausflug" in week.text


@pytest.fixture
def eder_taken(client, reception):
    """The reception is signed in; Raum Eder is booked at 10:00, Saal Kassel is free."""
    client.force_login(reception)
    room = RoomFactory(name="Raum Eder")
    RoomFactory(name="Saal Kassel")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start))
    return room, start


def test_reception_preview_of_a_taken_slot_names_it_and_offers_alternatives(client, eder_taken):
    room, start = eder_taken

    response = client.post(
        reverse("rooms:reception_book"),
        {**_booking_data(room, start, contact_name="Gast"), "action": "quote"},
    )

    region = response.text.split('id="quote-region"', 1)[1]
    assert "Raum Eder" in region.split("</div>", 1)[0] or "Raum Eder" in region
    assert "Saal Kassel" in region
    assert Booking.objects.count() == 1


def test_board_grid_comes_from_the_cache_until_a_booking_changes(
    client, reception, django_assert_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(8)
    day = timezone.localtime(start).date().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(room, start, hours=1, title="Vorstandssitzung"))
    client.get(reverse("rooms:reception"), {"date": day})

    # Warm: the user with MFA state and their roles (the session comes from the
    # cache), nothing of the grid.
    with django_assert_num_queries(2):
        page = client.get(reverse("rooms:reception"), {"date": day}).content.decode()
    assert "Vorstandssitzung" in page

    with django_capture_on_commit_callbacks(execute=True):
        book_room(
            actor=reception,
            draft=draft(room, start + dt.timedelta(hours=3), hours=1, title="Kassenprüfung"),
        )
    page = client.get(reverse("rooms:reception"), {"date": day}).content.decode()
    assert "Kassenprüfung" in page


#: As htmx sends a booking form when a button is pressed.
REGION = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER": "booking-form"}


def test_htmx_gets_the_answer_area_of_a_refusal_alone_with_the_focus_on_it(client, eder_taken):
    room, start = eder_taken

    response = client.post(
        reverse("rooms:reception_book"),
        {**_booking_data(room, start, contact_name="Gast"), "action": "book"},
        **REGION,
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert "<nav" not in response.text
    assert "Raum Eder ist bereits" in response.text
    assert "Saal Kassel" in response.text
    assert "HX-Request" in response["Vary"]
    assert Booking.objects.count() == 1


def test_htmx_is_told_where_to_go_after_a_booking(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)

    response = client.post(
        reverse("rooms:reception_book"),
        {**_booking_data(room, start, contact_name="Gast"), "action": "book"},
        **REGION,
    )

    day = timezone.localtime(start).date()
    assert response["HX-Redirect"] == f"{reverse('rooms:reception')}?date={day}"
    assert Booking.objects.get().contact_name == "Gast"


def test_the_answer_area_lists_the_fields_to_check_with_links(client, reception):
    client.force_login(reception)
    room = RoomFactory()
    start = next_weekday_at(10)
    data = {**_booking_data(room, start, contact_name="Gast"), "action": "quote"}
    data.update(attendees="", end_time="09:00")

    response = client.post(reverse("rooms:reception_book"), data, **REGION)

    assert response.status_code == 200
    assert '<a href="#id_attendees">Teilnehmende</a>: Dieses Feld ist zwingend' in (response.text)
    assert '<a href="#id_end_time">' in response.text
    assert Booking.objects.count() == 0


def test_a_pressed_button_moves_the_focus_to_the_answer_but_the_live_quote_does_not(
    client, eder_taken
):
    room, start = eder_taken
    data = {**_booking_data(room, start, contact_name="Gast"), "action": "quote"}

    pressed = client.post(reverse("rooms:reception_book"), data, **REGION)
    live = client.post(
        reverse("rooms:reception_book"),
        data,
        HTTP_HX_REQUEST="true",
        HTTP_HX_TRIGGER="quote-region",
    )

    assert "data-focus autofocus" in pressed.text
    assert "Raum Eder ist bereits" in live.text
    assert "autofocus" not in live.text


def _offered_slot(html: str) -> str:
    import re

    return re.search(r'name="slot" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("with_htmx", [True, False])
def test_choosing_a_free_slot_fills_the_form_with_it_and_books_nothing(
    client, eder_taken, with_htmx
):
    room, start = eder_taken
    data = {**_booking_data(room, start, contact_name="Gast"), "action": "book"}
    headers = REGION if with_htmx else {}
    refusal = client.post(reverse("rooms:reception_book"), data, **headers)
    slot = _offered_slot(refusal.text)
    slot_room, slot_date, slot_start, slot_end = slot.split("|")

    response = client.post(reverse("rooms:reception_book"), {**data, "slot": slot}, **headers)

    assert response.status_code == 200
    assert f'<option value="{slot_room}" selected>' in response.text
    assert f'value="{slot_date}"' in response.text
    assert f'value="{slot_start}"' in response.text
    assert f'value="{slot_end}"' in response.text
    assert 'value="Gast"' in response.text  # the rest of the form as typed
    assert 'button type="submit" name="action" value="book"' in response.text  # its price
    assert Booking.objects.count() == 1  # only the booking that took Raum Eder
    if with_htmx:
        assert response["HX-Retarget"] == "#booking-form"
        assert response["HX-Reselect"] == "#booking-form"
        assert response["HX-Reswap"] == "outerHTML"


def test_week_board_lists_each_booking_in_its_rooms_and_day_with_a_link(client, reception):
    client.force_login(reception)
    eder, fulda = RoomFactory(name="Raum Eder"), RoomFactory(name="Raum Fulda")
    both = RoomFactory(name="Eder und Fulda", parts=[eder, fulda])
    start = next_weekday_at(10)
    booked = book_room(actor=reception, draft=draft(eder, start, hours=1, title="Vorstand"))
    requested = request_booking(
        actor=None, draft=draft(fulda, start + dt.timedelta(days=1), title="Chorprobe")
    )
    day = timezone.localtime(start).date().isoformat()

    page = client.get(reverse("rooms:reception"), {"date": day, "view": "week"}).text

    link = reverse("rooms:reception_booking", kwargs={"pk": booked.pk})
    assert page.count(f'href="{link}"') == 2  # Raum Eder and the combined room
    assert f"{timezone.localtime(start):%H:%M}–" in page
    assert page.count("Chorprobe (offen)") + page.count("Chorprobe (pending)") == 2
    assert reverse("rooms:reception_booking", kwargs={"pk": requested.pk}) in page
    assert both.name in page
