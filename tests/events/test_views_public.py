"""Public pages: list and filters, month view, detail with JSON-LD, registration, feeds."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from events import services
from events.models import Category, Event, Registration
from tenants.models import Language, TargetGroup
from tests.events.factories import EventFactory, ProgrammeItemFactory, in_days

pytestmark = pytest.mark.django_db


def test_event_list_shows_upcoming_published_only(client, organisation):
    EventFactory(title="Kommt bald", organisation=organisation)
    EventFactory(title="Noch Entwurf", publication=Event.Publication.DRAFT)
    EventFactory(title="Schon vorbei", start=in_days(-3), end=in_days(-3) + dt.timedelta(hours=1))

    response = client.get(reverse("events:list"))

    html = response.content.decode()
    assert "Kommt bald" in html
    assert "Noch Entwurf" not in html
    assert "Schon vorbei" not in html


def test_event_list_filters_by_target_group_category_language_and_text(client, vocabularies):
    seniors = TargetGroup.objects.get(slug="senioren")
    turkish = Language.objects.get(slug="tr")
    match = EventFactory(title="Sitzgymnastik", category=Category.HEALTH)
    match.target_groups.add(seniors)
    match.languages.add(turkish)
    other = EventFactory(title="Jugendtreff", category=Category.HEALTH)
    other.languages.add(turkish)

    response = client.get(
        reverse("events:list"),
        {"target_group": "senioren", "category": "health", "language": "tr", "q": "gymnastik"},
    )

    html = response.content.decode()
    assert "Sitzgymnastik" in html
    assert "Jugendtreff" not in html


def test_event_list_filters_by_date_range_and_organiser(client, organisation):
    EventFactory(title="Nächste Woche", start=in_days(7), organisation=organisation)
    EventFactory(title="Übernächster Monat", start=in_days(60), organisation=organisation)
    EventFactory(title="Andere", start=in_days(7))
    until = (in_days(10)).date().isoformat()

    response = client.get(
        reverse("events:list"), {"date_to": until, "organiser": organisation.slug}
    )

    html = response.content.decode()
    assert "Nächste Woche" in html
    assert "Übernächster Monat" not in html
    assert "Andere" not in html


def test_event_list_bad_filter_values_do_not_crash(client):
    EventFactory(title="Sichtbar")

    response = client.get(
        reverse("events:list"),
        {"date_from": "gestern", "category": "nonsense", "target_group": "x", "page": "999"},
    )

    assert response.status_code == 200
    assert "Sichtbar" in response.content.decode()


def test_event_list_shows_german_dates(client):
    EventFactory(title="Vortrag", start=in_days(7))

    response = client.get(reverse("events:list"), HTTP_ACCEPT_LANGUAGE="de")

    html = response.content.decode()
    day = in_days(7)
    german_months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
                     "September", "Oktober", "November", "Dezember"]  # fmt: skip
    assert f"{day.day}. {german_months[day.month - 1]} {day.year}" in html


@pytest.mark.parametrize("count", [1, 3])
def test_event_list_query_count_is_constant(client, django_assert_num_queries, count, vocabularies):
    for _ in range(count):
        event = EventFactory()
        event.target_groups.add(TargetGroup.objects.get(slug="senioren"))

    # house profile, filter choices (3), count, page, target groups of the page,
    # target groups for their feeds
    with django_assert_num_queries(8):
        response = client.get(reverse("events:list"))

    assert len(re.findall(r'<article class="card', response.content.decode())) == count


def test_event_list_cached_for_anonymous_and_invalidated_on_change(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    event = EventFactory(title="Alter Titel")
    client.get(reverse("events:list"))

    # filter form and results come from the cache; at most the house profile is read
    with django_assert_max_num_queries(1):
        cached = client.get(reverse("events:list"))
    assert "Alter Titel" in cached.content.decode()

    event.title = "Neuer Titel"
    from tests.factories import staff_user

    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(actor=staff_user(), event=event)
    response = client.get(reverse("events:list"))

    assert "Neuer Titel" in response.content.decode()


def test_event_calendar_shows_events_of_month(client):
    start = in_days(3)
    EventFactory(title="Im Kalender", start=start)

    response = client.get(reverse("events:calendar"), {"month": start.strftime("%Y-%m")})

    assert "Im Kalender" in response.content.decode()


@pytest.mark.parametrize("month", ["2026-13", "abc", "1800-01"])
def test_event_calendar_bad_month_does_not_crash(client, month):
    response = client.get(reverse("events:calendar"), {"month": month})

    assert response.status_code in (200, 404)


@pytest.mark.parametrize("count", [1, 3])
def test_event_calendar_query_count_is_constant(client, django_assert_num_queries, count):
    start = in_days(2)
    for _ in range(count):
        EventFactory(start=start)

    with django_assert_num_queries(3):
        client.get(reverse("events:calendar"), {"month": start.strftime("%Y-%m")})


def test_event_detail_shows_places_left_and_json_ld(client, event, vocabularies):
    services.register_for_event(event=event, name="A", email="a@example.org", seats=3, consent=True)
    event.target_groups.add(TargetGroup.objects.get(slug="senioren"))

    response = client.get(event.get_absolute_url())

    html = response.content.decode()
    assert "7 places left" in html or "7 Plätze" in html
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["remainingAttendeeCapacity"] == 7
    assert data["organizer"]["name"] == "KISS Kassel"
    assert data["offers"]["price"] == "0.00"
    assert data["location"]["@type"] == "Place"


def test_event_detail_json_ld_cannot_break_out_of_script(client):
    event = EventFactory(title="</script><script>alert(1)</script>")

    html = client.get(event.get_absolute_url()).content.decode()

    assert "</script><script>alert(1)" not in html


def test_event_detail_of_series_has_event_schedule(client):
    from tests.factories import staff_user

    template = EventFactory.build(
        title="Café", slug="", organisation=None, start=in_days(3, 15), end=in_days(3, 17)
    )
    series = services.create_series(
        actor=staff_user(), template=template, rrule="FREQ=WEEKLY;COUNT=3"
    )
    event = series.events.first()
    Event.objects.filter(series=series).update(publication=Event.Publication.PUBLISHED)

    html = client.get(event.get_absolute_url()).content.decode()

    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    schedule = json.loads(raw)["eventSchedule"]
    assert schedule["repeatFrequency"] == "P1W"
    assert schedule["startTime"] == "15:00"
    assert schedule["scheduleTimezone"] == "Europe/Berlin"


def test_event_detail_cancelled_status_shown(client, event):
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)

    html = client.get(event.get_absolute_url()).content.decode()

    assert "EventCancelled" in html
    assert 'class="badge text-bg-danger"' in html


def test_event_detail_conference_shows_programme(client, event):
    ProgrammeItemFactory(event=event, title="Grußwort der Stadt", speakers="Dr. Muster")

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Grußwort der Stadt" in html
    assert "Dr. Muster" in html


def test_event_detail_cached_for_anonymous_visitors(client, event, django_assert_max_num_queries):
    client.get(event.get_absolute_url())

    # at most the house profile (none in this test database, so never cached)
    with django_assert_max_num_queries(1):
        response = client.get(event.get_absolute_url())

    assert "Selbsthilfe-Infoabend" in response.content.decode()
    assert "application/ld+json" in response.content.decode()


def test_event_detail_draft_is_404_for_public(client):
    event = EventFactory(publication=Event.Publication.DRAFT)

    assert client.get(event.get_absolute_url()).status_code == 404


def test_event_register_post_registers_and_redirects_to_personal_link(
    client, event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:register", args=[event.slug]),
            {"name": "Familie Yilmaz", "email": "yilmaz@example.org", "seats": 2, "consent": "on"},
        )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == registration.get_absolute_url()
    assert registration.seats == 2
    assert mail.outbox[0].to == ["yilmaz@example.org"]


def test_event_register_full_event_offers_waiting_list(client, event):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    services.register_for_event(event=event, name="A", email="a@example.org", seats=1, consent=True)
    data = {"name": "Familie", "email": "f@example.org", "seats": 3, "consent": "on"}

    first = client.post(reverse("events:register", args=[event.slug]), data)
    assert first.status_code == 200
    assert 'name="join_waiting_list"' in first.content.decode()
    assert not Registration.objects.filter(email="f@example.org").exists()

    second = client.post(
        reverse("events:register", args=[event.slug]), {**data, "join_waiting_list": "on"}
    )

    assert second.status_code == 302
    waiting = Registration.objects.get(email="f@example.org")
    assert waiting.status == Registration.Status.WAITING
    assert waiting.seats == 3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"seats": 9}, "4"),
        ({"email": "kaputt"}, "valid"),
        ({"consent": ""}, "required"),
    ],
)
def test_event_register_bad_input_shows_message_saves_nothing(client, event, data, message):
    payload = {"name": "A", "email": "a@example.org", "seats": 1, "consent": "on", **data}

    response = client.post(reverse("events:register", args=[event.slug]), payload)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Registration.objects.exists()


def test_event_register_same_email_twice_shows_message(client, event):
    services.register_for_event(event=event, name="A", email="a@example.org", seats=1, consent=True)

    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"name": "A", "email": "a@example.org", "seats": 1, "consent": "on"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_registration_detail_and_cancel_by_personal_link(client, event):
    registration = services.register_for_event(
        event=event, name="Erika", email="e@example.org", seats=2, consent=True
    )

    page = client.get(registration.get_absolute_url())
    assert "Erika" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    assert page["X-Robots-Tag"] == "noindex"
    response = client.post(reverse("events:registration_cancel", args=[registration.token]))

    registration.refresh_from_db()
    event.refresh_from_db()
    assert response.status_code == 302
    assert registration.status == Registration.Status.CANCELLED
    assert event.seats_taken == 0


def test_registration_detail_unknown_token_is_404(client):
    assert client.get(reverse("events:registration", args=["nope"])).status_code == 404


def test_registration_cancel_needs_post(client, event):
    registration = services.register_for_event(
        event=event, name="E", email="e@example.org", seats=1, consent=True
    )

    response = client.get(reverse("events:registration_cancel", args=[registration.token]))

    registration.refresh_from_db()
    assert response.status_code == 405
    assert registration.status == Registration.Status.CONFIRMED


def test_event_ics_is_a_feed_without_method(client, event):
    response = client.get(reverse("events:ics", args=[event.slug]))

    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert "METHOD" not in body
    assert f"UID:event-{event.pk}@" in body
    assert "BEGIN:VTIMEZONE" in body


def test_feed_lists_published_events_with_etag_and_304(client, event):
    EventFactory(title="Entwurf", publication=Event.Publication.DRAFT)

    response = client.get(reverse("events:feed"))
    body = response.content.decode()
    again = client.get(reverse("events:feed"), HTTP_IF_NONE_MATCH=response["ETag"])

    assert "Selbsthilfe-Infoabend" in body
    assert "Entwurf" not in body
    assert "METHOD" not in body
    assert again.status_code == 304


def test_category_feed_shows_last_two_weeks_and_coming_quarter_only(client):
    EventFactory(
        title="Vor einem Monat", start=in_days(-30), end=in_days(-30) + dt.timedelta(hours=1)
    )
    EventFactory(title="In einem halben Jahr", start=in_days(180))
    EventFactory(title="Letzte Woche", start=in_days(-7), end=in_days(-7) + dt.timedelta(hours=1))
    EventFactory(title="In zwei Monaten", start=in_days(60))

    body = client.get(reverse("events:feed_category", args=["education"])).content.decode()

    assert "Letzte Woche" in body
    assert "In zwei Monaten" in body
    assert "Vor einem Monat" not in body
    assert "In einem halben Jahr" not in body


def test_programme_feed_shows_yesterday_to_four_weeks_ahead(client):
    EventFactory(title="Gestern", start=in_days(-1), end=in_days(-1) + dt.timedelta(hours=1))
    EventFactory(title="In drei Wochen", start=in_days(21))
    EventFactory(title="Letzte Woche", start=in_days(-7), end=in_days(-7) + dt.timedelta(hours=1))
    EventFactory(title="In zwei Monaten", start=in_days(60))

    body = client.get(reverse("events:feed")).content.decode()

    assert "Gestern" in body
    assert "In drei Wochen" in body
    assert "Letzte Woche" not in body
    assert "In zwei Monaten" not in body


def test_feed_uid_stable_and_sequence_rises_on_change(
    client, event, django_capture_on_commit_callbacks
):
    from tests.factories import staff_user

    first = client.get(reverse("events:feed")).content.decode()
    event.title = "Geändert"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(actor=staff_user(), event=event)
    second = client.get(reverse("events:feed")).content.decode()

    uid = f"UID:event-{event.pk}@"
    assert uid in first
    assert uid in second
    assert "SEQUENCE:0" in first
    assert "SEQUENCE:1" in second


def test_feed_per_category_and_organiser(client, event, organisation):
    EventFactory(title="Kulturabend", category=Category.CULTURE)

    by_category = client.get(reverse("events:feed_category", args=["culture"])).content.decode()
    by_organiser = client.get(
        reverse("events:feed_organiser", args=[organisation.slug])
    ).content.decode()

    assert "Kulturabend" in by_category
    assert "Selbsthilfe-Infoabend" not in by_category
    assert "Selbsthilfe-Infoabend" in by_organiser
    assert "Kulturabend" not in by_organiser
    assert client.get(reverse("events:feed_category", args=["nonsense"])).status_code == 404


def test_feed_times_are_berlin_wall_clock_across_dst():
    from icalendar import Calendar

    from events.ical import events_feed

    summer = EventFactory(start=in_days(0).replace(year=2027, month=3, day=27, hour=10))
    summer.end = summer.start + dt.timedelta(hours=1)
    after = EventFactory(start=in_days(0).replace(year=2027, month=3, day=29, hour=10))
    after.end = after.start + dt.timedelta(hours=1)

    calendar = Calendar.from_ical(events_feed([summer, after], name="Test"))

    starts = [c.decoded("DTSTART") for c in calendar.walk("VEVENT")]
    assert [s.hour for s in starts] == [10, 10]
    assert {str(s.tzinfo) for s in starts} == {"Europe/Berlin"}
