"""Review fixes of the conference centre: public titles, moves, quota, series, redirects."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from house.models import ClosureDay
from rooms import services
from rooms.fees import Purpose
from rooms.models import Booking, Occupancy
from rooms.services import (
    BookingError,
    Recurrence,
    book_room,
    cancel_booking,
    confirm_booking,
    move_booking,
    plan_series,
    request_booking,
)
from tests.rooms.factories import BookingFactory, RoomFactory, draft, history, next_weekday_at
from tests.rooms.test_views_public import _request_data
from tests.tenants.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _feed_summaries(response) -> list[str]:
    calendar = Calendar.from_ical(response.content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


# --- 1. public titles ----------------------------------------------------------


def test_public_title_only_for_confirmed_bookings_allowed_to_show_it(db):
    shown = BookingFactory(title="Offener Treff", show_title_publicly=True)
    requested = BookingFactory(
        title="Spam", show_title_publicly=True, state=Booking.State.REQUESTED
    )
    cancelled = BookingFactory(
        title="Abgesagt", show_title_publicly=True, state=Booking.State.CANCELLED
    )
    party = BookingFactory(
        title="Geburtstag Meier", show_title_publicly=True, purpose=Purpose.PRIVATE_CELEBRATION
    )
    hidden = BookingFactory(title="Intern", show_title_publicly=False)

    assert shown.public_title() == "Offener Treff"
    assert {b.public_title() for b in (requested, cancelled, party, hidden)} == {"Belegt"}


def test_room_page_hides_the_title_of_a_public_request(client):
    room = RoomFactory()
    start = next_weekday_at(10)
    request_booking(
        actor=None,
        draft=draft(room, start, title="Billig Pillen kaufen", show_title_publicly=True),
    )

    response = client.get(
        reverse("rooms:detail", args=[room.slug]), {"week": start.date().isoformat()}
    )

    assert "Billig Pillen kaufen" not in response.text
    assert "Belegt" in response.text


def test_public_feed_shows_titles_of_confirmed_bookings_only(client, reception):
    room = RoomFactory(slug="saal")
    start = next_weekday_at(9)
    book_room(
        actor=reception,
        draft=draft(room, start, title="Offener Treff", hours=1, show_title_publicly=True),
    )
    request_booking(
        actor=None,
        draft=draft(
            room,
            start + dt.timedelta(hours=3),
            hours=1,
            title="Spam-Anfrage",
            show_title_publicly=True,
        ),
    )
    cancelled = book_room(
        actor=reception,
        draft=draft(
            room, start + dt.timedelta(hours=6), hours=1, title="Abgesagt", show_title_publicly=True
        ),
    )
    cancel_booking(actor=reception, booking=cancelled)

    summaries = _feed_summaries(client.get(reverse("rooms:room_feed", kwargs={"slug": "saal"})))

    assert "Offener Treff" in summaries
    assert "Spam-Anfrage" not in summaries
    assert "Abgesagt" not in summaries
    assert summaries.count("Belegt") == 2


def test_public_request_form_cannot_ask_to_show_the_title(client):
    room = RoomFactory()
    start = next_weekday_at(10)

    page = client.get(reverse("rooms:request", args=[room.slug]))
    client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(start, show_title_publicly="on"),
    )

    assert 'name="show_title_publicly"' not in page.text
    assert Booking.objects.get().show_title_publicly is False


def test_reception_decides_about_the_public_title_when_confirming(client, reception):
    room = RoomFactory()
    booking = request_booking(actor=None, draft=draft(room, title="Chorprobe"))
    client.force_login(reception)

    page = client.get(reverse("rooms:reception_booking", args=[booking.pk]))
    client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "confirm"]),
        {"public_title_choice": "1", "show_title_publicly": "on"},
    )

    booking.refresh_from_db()
    assert 'name="show_title_publicly"' in page.text
    assert booking.state == Booking.State.CONFIRMED
    assert booking.show_title_publicly is True
    assert booking.public_title() == "Chorprobe"


def test_confirming_from_the_request_list_keeps_the_public_title_setting(client, reception):
    booking = request_booking(actor=None, draft=draft(RoomFactory(), show_title_publicly=True))
    client.force_login(reception)

    client.post(reverse("rooms:reception_decide", args=[booking.pk, "confirm"]))

    booking.refresh_from_db()
    assert booking.state == Booking.State.CONFIRMED
    assert booking.show_title_publicly is True


# --- 2. a move loses against a cancellation -------------------------------------


def test_move_of_a_booking_cancelled_meanwhile_is_refused_and_occupies_nothing(reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start))
    stale = Booking.objects.select_related("room").get(pk=booking.pk)  # the view's copy
    cancel_booking(actor=reception, booking=Booking.objects.get(pk=booking.pk))

    with pytest.raises(BookingError, match="Nur angefragte oder bestätigte"):
        move_booking(
            actor=reception,
            booking=stale,
            start=start + dt.timedelta(hours=3),
            end=start + dt.timedelta(hours=5),
        )

    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED
    assert booking.start == start
    assert not Occupancy.objects.filter(booking=booking).exists()


# --- 3. the free monthly quota is read under a lock ------------------------------


def test_quote_is_computed_after_the_organisation_lock(db):
    tenant = OrganisationFactory(kind="tenant")
    room = RoomFactory(auto_confirm_tenants=False)
    calls: list[str] = []
    lock = services._lock_organisation
    quota = services._quota_used_minutes

    def spy_lock(organisation):
        calls.append("lock")
        return lock(organisation)

    def spy_quota(**kwargs):
        calls.append("quota")
        return quota(**kwargs)

    with (
        mock.patch.object(services, "_lock_organisation", side_effect=spy_lock),
        mock.patch.object(services, "_quota_used_minutes", side_effect=spy_quota),
    ):
        request_booking(actor=None, draft=draft(room, organisation=tenant))

    assert calls == ["lock", "quota"]


# --- 4. planning a series costs a constant number of queries -------------------


def _plan_queries(room, first: dt.datetime, count: int, reception) -> tuple[int, list]:
    recurrence = Recurrence(freq="weekly", weekdays=(first.weekday(),), count=count)
    with CaptureQueriesContext(connection) as queries:
        plan = plan_series(draft(room, first), recurrence, actor=reception)
    return len(queries), plan


def test_plan_series_query_count_is_the_same_for_5_and_50_dates(reception):
    room = RoomFactory(max_advance_days=800)
    first = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, first + dt.timedelta(days=7)))  # 2nd date
    book_room(actor=reception, draft=draft(room, first + dt.timedelta(days=70)))  # 11th date
    ClosureDay.objects.create(date=(first + dt.timedelta(days=14)).date(), reason="Betriebsausflug")

    few, short_plan = _plan_queries(room, first, 5, reception)
    many, long_plan = _plan_queries(room, first, 50, reception)

    # Closure days and occupancies; the room has worked out its parts when it was booked.
    assert few == many == 2
    assert len(long_plan) == 50
    problems = [o.problem for o in long_plan]
    assert "ist bereits von" in problems[1]
    assert "Betriebsausflug" in problems[2]
    assert problems[10]
    assert sum(1 for p in problems if p) == 3
    assert [o.problem for o in short_plan] == problems[:5]


def test_plan_series_ignores_occupancies_of_other_rooms(reception):
    room, other = RoomFactory(), RoomFactory()
    first = next_weekday_at(10)
    book_room(actor=reception, draft=draft(other, first))

    plan = plan_series(
        draft(room, first),
        Recurrence(freq="weekly", weekdays=(first.weekday(),), count=3),
        actor=reception,
    )

    assert [o.problem for o in plan] == ["", "", ""]


def test_plan_series_of_a_combined_room_sees_bookings_of_its_parts(reception):
    left, right = RoomFactory(), RoomFactory()
    combined = RoomFactory(parts=[left, right])
    first = next_weekday_at(10)
    book_room(actor=reception, draft=draft(right, first + dt.timedelta(days=7)))

    plan = plan_series(
        draft(combined, first),
        Recurrence(freq="weekly", weekdays=(first.weekday(),), count=3),
        actor=reception,
    )

    assert [bool(o.problem) for o in plan] == [False, True, False]
    assert right.name in plan[1].problem


# --- 5. no redirect to other sites ----------------------------------------------


def test_decision_next_pointing_to_another_site_redirects_to_the_request_list(client, reception):
    booking = request_booking(actor=None, draft=draft(RoomFactory()))
    client.force_login(reception)

    response = client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "confirm"]),
        {"next": "//evil.example/phish"},
    )

    assert response.status_code == 302
    assert response.url == reverse("rooms:reception_requests")


def test_decision_next_on_this_site_is_followed(client, reception):
    booking = request_booking(actor=None, draft=draft(RoomFactory()))
    client.force_login(reception)
    detail = reverse("rooms:reception_booking", args=[booking.pk])

    response = client.post(
        reverse("rooms:reception_decide", args=[booking.pk, "confirm"]), {"next": detail}
    )

    assert response.url == detail


# --- 6. words instead of colours and raw values ------------------------------------


def test_board_names_a_pending_booking_in_its_continuation_cells(client, reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    request_booking(actor=None, draft=draft(room, start, title="Chorprobe"))
    client.force_login(reception)

    response = client.get(reverse("rooms:reception"), {"date": start.date().isoformat()})

    # 10:00–12:00: the first cell says "offen"; the three following ones say it as text, too.
    assert response.text.count('<span class="visually-hidden"> (Angefragt)</span>') == 3


def test_booking_history_shows_states_and_times_readably(client, reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    booking = request_booking(actor=None, draft=draft(room, start))
    confirm_booking(actor=reception, booking=booking)
    move_booking(
        actor=reception,
        booking=Booking.objects.get(pk=booking.pk),
        start=start + dt.timedelta(hours=2),
        end=start + dt.timedelta(hours=4),
    )
    client.force_login(reception)

    text = client.get(reverse("rooms:reception_booking", args=[booking.pk])).text

    assert "Status: Angefragt → Bestätigt" in text
    day = timezone.localtime(start).strftime("%d.%m.%Y")
    assert f"{day} 10:00 → {day} 12:00" in text
    assert "[&#x27;requested&#x27;" not in text
    assert len(history(booking)) == 3


def test_closure_message_writes_the_date_in_the_active_language(reception):
    room = RoomFactory()
    start = next_weekday_at(10)
    ClosureDay.objects.create(date=start.date(), reason="Inventur")

    with translation.override("en"), pytest.raises(BookingError) as english:
        book_room(actor=reception, draft=draft(room, start))
    with pytest.raises(BookingError) as german:
        book_room(actor=reception, draft=draft(room, start))

    assert start.strftime("%m/%d/%Y") in english.value.message
    assert start.strftime("%d.%m.%Y") in german.value.message


# --- 7. rate limit per visitor behind the proxy -------------------------------------


def _public_request(client, room, start, hour: int, address: str):
    return client.post(
        reverse("rooms:request", args=[room.slug]),
        _request_data(start, start_time=f"{hour}:00", end_time=f"{hour + 1}:00"),
        REMOTE_ADDR="10.0.0.1",  # the TLS proxy
        HTTP_X_FORWARDED_FOR=address,
    )


def test_rate_limit_counts_visitors_behind_the_proxy_separately(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    room = RoomFactory()
    start = next_weekday_at(10)
    for hour in (8, 10, 12, 14, 16):
        _public_request(client, room, start, hour, "203.0.113.7")

    blocked = _public_request(client, room, start, 18, "203.0.113.7")
    other = _public_request(client, room, start, 20, "198.51.100.20")

    assert blocked.status_code == 429
    assert other.status_code == 302
    assert Booking.objects.count() == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_requests_of_a_tenant_share_the_free_quota(default_fee_rules):
    import threading

    from django.db import connections

    tenant = OrganisationFactory(kind="tenant")
    rooms = [RoomFactory(), RoomFactory()]
    start = next_weekday_at(9)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []
    real_quota = services._quota_used_minutes

    def slow_quota(**kwargs):
        used = real_quota(**kwargs)
        threading.Event().wait(0.3)  # widen the window between reading and using the quota
        return used

    def client(room) -> None:
        try:
            barrier.wait()
            request_booking(actor=None, draft=draft(room, start, hours=8, organisation=tenant))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    with mock.patch.object(services, "_quota_used_minutes", side_effect=slow_quota):
        threads = [threading.Thread(target=client, args=(room,)) for room in rooms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    # 10 free hours a month: 8 h free for the first, 2 h free + 6 h paid for the second.
    nets = sorted(Booking.objects.filter(organisation=tenant).values_list("net", flat=True))
    assert nets[0] == 0
    assert nets[1] > 0
