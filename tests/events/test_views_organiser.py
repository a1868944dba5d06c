"""The organisers' area: who may run which event, and what they can do there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from events import services
from events.models import Event, ProgrammeSettings, Registration
from house.models import Role
from rooms.models import Booking, Room
from tests.events.factories import EventFactory, calendar_of, in_days
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

MANAGE_URLS = [
    ("events:manage_event", "get"),
    ("events:edit", "get"),
    ("events:registrations_csv", "get"),
    ("events:checkin", "get"),
    ("events:email", "get"),
    ("events:assisted", "get"),
    ("events:publish", "post"),
    ("events:cancel", "post"),
    ("events:programme_add", "post"),
]


def _register(event, email, seats=1, **kwargs):
    return services.register_for_event(
        event=event, name="Gast " + email, email=email, seats=seats, consent=True, **kwargs
    )


@pytest.mark.parametrize(("name", "method"), MANAGE_URLS)
def test_manage_urls_forbidden_for_member_of_other_organisation(
    client, outsider_member, event, name, method
):
    _register(event, "secret-guest@example.org")
    client.force_login(outsider_member)

    response = getattr(client, method)(reverse(name, args=[event.slug]))

    assert response.status_code == 403
    assert b"secret-guest" not in response.content
    event.refresh_from_db()
    assert event.status == Event.Status.SCHEDULED


@pytest.mark.parametrize(("name", "method"), MANAGE_URLS)
def test_manage_urls_of_draft_are_404_for_outsider(client, outsider_member, name, method):
    draft = EventFactory(publication=Event.Publication.DRAFT)
    client.force_login(outsider_member)

    response = getattr(client, method)(reverse(name, args=[draft.slug]))

    assert response.status_code == 404


@pytest.mark.parametrize(("name", "method"), MANAGE_URLS)
def test_manage_urls_send_anonymous_to_login(client, event, name, method):
    response = getattr(client, method)(reverse(name, args=[event.slug]))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_attendance_and_cancel_of_other_organisations_registration_forbidden(
    client, outsider_member, event
):
    registration = _register(event, "guest@example.org")
    client.force_login(outsider_member)

    attendance = client.post(
        reverse("events:attendance", args=[event.slug, registration.pk]), {"attended": "1"}
    )
    cancel = client.post(
        reverse("events:registration_cancel_by_organiser", args=[event.slug, registration.pk])
    )

    registration.refresh_from_db()
    assert attendance.status_code == 403
    assert cancel.status_code == 403
    assert registration.attended is False
    assert registration.status == Registration.Status.CONFIRMED


def test_manage_list_without_organisation_explains_and_create_forbidden(client):
    EventFactory(title="Fremde Veranstaltung")
    client.force_login(UserFactory())

    page = client.get(reverse("events:manage_list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "invite you" in page
    assert "Fremde Veranstaltung" not in page
    assert client.get(reverse("events:create")).status_code == 403
    assert client.get(reverse("events:series_create")).status_code == 403


def test_manage_list_shows_only_own_organisations_events(client, member, event):
    EventFactory(title="Fremde Veranstaltung")
    client.force_login(member)

    html = client.get(reverse("events:manage_list")).content.decode()

    assert "Selbsthilfe-Infoabend" in html
    assert "Fremde Veranstaltung" not in html


@pytest.mark.parametrize("count", [1, 3])
def test_manage_list_query_count_is_constant(
    client, member, organisation, django_assert_num_queries, count
):
    for _ in range(count):
        EventFactory(organisation=organisation)
    client.force_login(member)

    # session, user, roles, house profile, organisations of the user, count, page
    with django_assert_num_queries(6):
        response = client.get(reverse("events:manage_list"))

    assert response.content.decode().count("/events/manage/vortrag-") == count


@pytest.mark.parametrize("count", [1, 3])
def test_manage_event_query_count_is_constant(
    client, member, event, django_assert_num_queries, count
):
    for n in range(count):
        _register(event, f"guest{n}@example.org")
    client.force_login(member)
    # The history's content type is read once per process, whichever test runs first.
    ContentType.objects.get_for_model(Event)

    with django_assert_num_queries(9):
        response = client.get(reverse("events:manage_event", args=[event.slug]))

    assert response.content.decode().count("guest") >= count


def _form_data(organisation, **overrides):
    start = in_days(10, 18)
    data = {
        "organisation": organisation.pk if organisation else "",
        "title": "Infoabend Selbsthilfe",
        "summary": "Wie finde ich eine Gruppe?",
        "category": "education",
        "start": start.strftime("%Y-%m-%dT%H:%M"),
        "end": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "venue_name": "Stadtteilzentrum",
        "address": "Hauptstraße 1, Kassel",
        "status": "scheduled",
        "price": "0",
        "registration_mode": "required",
        "capacity": "20",
        "max_seats_per_registration": "4",
    }
    data.update(overrides)
    return data


def test_event_create_by_member_saves_draft_for_own_organisation(client, member, organisation):
    client.force_login(member)

    response = client.post(reverse("events:create"), _form_data(organisation))

    event = Event.objects.get()
    assert response.status_code == 302
    assert event.organisation == organisation
    assert event.publication == Event.Publication.DRAFT
    assert event.created_by == member


def test_event_create_for_other_organisation_refused(client, member, outsider_member):
    from tenants.models import Organisation

    other = Organisation.objects.get(slug="anderer-verein")
    client.force_login(member)

    response = client.post(reverse("events:create"), _form_data(other))

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_event_create_needs_a_place(client, member, organisation):
    client.force_login(member)

    response = client.post(
        reverse("events:create"), _form_data(organisation, venue_name="", address="")
    )

    assert response.status_code == 200
    assert not Event.objects.exists()


def test_event_publish_with_review_waits_for_management(client, member, organisation):
    ProgrammeSettings.objects.update_or_create(pk=1, defaults={"review_required": True})
    event = EventFactory(organisation=organisation, publication=Event.Publication.DRAFT)
    client.force_login(member)

    client.post(reverse("events:publish", args=[event.slug]))
    event.refresh_from_db()
    assert event.publication == Event.Publication.IN_REVIEW
    assert client.post(reverse("events:approve", args=[event.slug])).status_code == 403

    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    client.post(reverse("events:approve", args=[event.slug]))

    event.refresh_from_db()
    assert event.publication == Event.Publication.PUBLISHED


def test_event_publish_of_series_date_publishes_its_drafts(client, member, organisation):
    client.force_login(member)
    data = _form_data(organisation, registration_mode="none", capacity="")
    data.update({"repeat": "weekly", "count": "3", "exceptions": ""})
    client.post(reverse("events:series_create"), data)
    first = Event.objects.order_by("start").first()

    client.post(reverse("events:publish", args=[first.slug]))

    assert set(Event.objects.values_list("publication", flat=True)) == {"published"}


def test_event_publish_without_review_is_public_at_once(client, member, organisation):
    event = EventFactory(organisation=organisation, publication=Event.Publication.DRAFT)
    client.force_login(member)

    client.post(reverse("events:publish", args=[event.slug]))

    event.refresh_from_db()
    assert event.publication == Event.Publication.PUBLISHED


def test_event_cancel_informs_registrants_with_ical_cancel(
    client, member, event, django_capture_on_commit_callbacks
):
    _register(event, "guest@example.org")
    mail.outbox.clear()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("events:cancel", args=[event.slug]), {"reason": "Referentin krank"})

    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED
    assert mail.outbox[0].to == ["guest@example.org"]
    assert "Referentin krank" in mail.outbox[0].body
    assert "METHOD:CANCEL" in calendar_of(mail.outbox[0])[1]


def test_registrations_csv_lists_registrations_and_defuses_formulas(client, member, event):
    Event.objects.filter(pk=event.pk).update(questions="Organisation")
    event.refresh_from_db()
    services.register_for_event(
        event=event,
        name="=HYPERLINK()",
        email="a@example.org",
        seats=2,
        consent=True,
        answers={"Organisation": "AWO"},
    )
    client.force_login(member)

    response = client.get(reverse("events:registrations_csv", args=[event.slug]))

    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK()" in text
    assert "a@example.org;2;" in text
    assert "AWO" in text


def test_checkin_list_and_attendance(client, member, event):
    registration = _register(event, "guest@example.org")
    client.force_login(member)

    client.post(reverse("events:attendance", args=[event.slug, registration.pk]), {"attended": "1"})
    page = client.get(reverse("events:checkin", args=[event.slug])).content.decode()

    registration.refresh_from_db()
    assert registration.attended is True
    assert registration.name in page


def test_email_participants_one_mail_each(
    client, member, event, django_capture_on_commit_callbacks
):
    _register(event, "one@example.org")
    _register(event, "two@example.org")
    mail.outbox.clear()
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:email", args=[event.slug]),
            {"subject": "Raumänderung", "message": "Wir treffen uns im Saal."},
        )

    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.org", "two@example.org"]
    assert all(m.subject == "Raumänderung" for m in mail.outbox)


def test_assisted_registration_by_reception(client, event):
    client.force_login(staff_user(Role.RECEPTION))

    response = client.post(
        reverse("events:assisted", args=[event.slug]), {"name": "Herr Weber", "seats": 2}
    )

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.assisted is True
    assert registration.email == ""
    assert registration.seats == 2


def test_organiser_cancels_registration_promotes_waiting(client, member, event):
    Event.objects.filter(pk=event.pk).update(capacity=2)
    event.refresh_from_db()
    first = _register(event, "one@example.org", seats=2)
    waiting = _register(event, "two@example.org", seats=2, join_waiting_list=True)
    client.force_login(member)

    client.post(reverse("events:registration_cancel_by_organiser", args=[event.slug, first.pk]))

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_programme_item_outside_event_refused(client, member, event):
    client.force_login(member)
    late = event.end + dt.timedelta(hours=1)

    client.post(
        reverse("events:programme_add", args=[event.slug]),
        {
            "start": late.strftime("%Y-%m-%dT%H:%M"),
            "end": (late + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "title": "Zu spät",
        },
    )

    assert not event.programme.exists()


def test_series_create_makes_one_event_per_date_in_local_time(client, member, organisation):
    client.force_login(member)
    data = _form_data(organisation, registration_mode="none", capacity="")
    data.update({"repeat": "weekly", "count": "4", "exceptions": ""})

    response = client.post(reverse("events:series_create"), data)

    assert response.status_code == 302
    events = list(Event.objects.order_by("start"))
    assert len(events) == 4
    assert {e.series_id for e in events} == {events[0].series_id}
    assert len({e.start.astimezone(events[0].start.tzinfo).hour for e in events}) <= 2


def test_series_dates_keep_wall_clock_across_dst():
    import zoneinfo

    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    first = dt.datetime(2027, 3, 17, 15, 0, tzinfo=berlin)

    dates = services.series_dates(
        first_start=first,
        duration=dt.timedelta(hours=2),
        rrule="FREQ=WEEKLY;COUNT=3",
        exceptions=[dt.date(2027, 3, 24)],
    )

    assert [d[0].astimezone(berlin).hour for d in dates] == [15, 15]
    assert [d[0].date().isoformat() for d in dates] == ["2027-03-17", "2027-03-31"]
    assert dates[0][0].utcoffset() != dates[1][0].utcoffset()


@pytest.mark.parametrize("rule", ["FREQ=WEEKLY", "NONSENSE", "FREQ=DAILY;COUNT=500"])
def test_series_dates_bad_rules_refused(rule):
    with pytest.raises(services.EventError):
        services.series_dates(first_start=in_days(1), duration=dt.timedelta(hours=1), rrule=rule)


@pytest.fixture
def room(default_fee_rules):
    return Room.objects.create(
        name="Saal Kassel", slug="saal-test", area_m2=90, capacities={"theatre": 80}
    )


def test_save_event_in_room_books_it_and_conflict_refuses(room):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    start = in_days(5, 10)
    first = EventFactory.build(
        slug="", room=room, start=start, end=start + dt.timedelta(hours=2), organisation=None
    )
    services.save_event(actor=manager, event=first)
    second = EventFactory.build(
        slug="", room=room, start=start, end=start + dt.timedelta(hours=1), organisation=None
    )

    with pytest.raises(services.EventError) as info:
        services.save_event(actor=manager, event=second)

    assert first.booking.state == Booking.State.CONFIRMED
    assert first.booking.show_title_publicly
    assert info.value.field == "room"
    assert Event.objects.count() == 1


def test_cancel_event_frees_its_room(room):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    start = in_days(5, 10)
    event = EventFactory.build(
        slug="", room=room, start=start, end=start + dt.timedelta(hours=2), organisation=None
    )
    services.save_event(actor=manager, event=event)
    booking = event.booking

    services.cancel_event(actor=manager, event=event)

    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED


def test_report_figures_and_csv_for_management(client, event):
    _register(event, "one@example.org", seats=3)
    client.force_login(staff_user(Role.HOUSE_MANAGEMENT))
    year = event.start.year

    page = client.get(reverse("events:report"), {"year": year}).content.decode()
    csv = client.get(reverse("events:report"), {"year": year, "format": "csv"})

    assert "1 / 3" in page
    assert "Education" in csv.content.decode("utf-8-sig") or "Bildung" in csv.content.decode(
        "utf-8-sig"
    )


def test_report_forbidden_for_tenant_member(client, member):
    client.force_login(member)

    assert client.get(reverse("events:report")).status_code == 403
