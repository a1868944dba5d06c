"""Calendar feeds: public room feed, secret-token feeds, conditional requests, token management."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from house.models import Role
from rooms.emails import uid_domain
from rooms.feeds import renew_feed_token
from rooms.models import Booking
from rooms.services import book_room, cancel_booking, move_booking
from rooms.tokens import FeedToken
from tests.factories import UserFactory, staff_user
from tests.rooms.factories import BookingFactory, RoomFactory, draft, next_weekday_at
from tests.tenants.factories import MembershipFactory, OrganisationFactory, org_member

pytestmark = pytest.mark.usefixtures("default_fee_rules", "house")


def _events(response) -> dict[str, object]:
    calendar = Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}


def test_room_feed_shows_busy_times_and_only_public_titles(client, reception):
    room = RoomFactory(slug="saal")
    start = next_weekday_at(10)
    book_room(actor=reception, draft=draft(room, start, title="Geheime Sitzung"))
    book_room(
        actor=reception,
        draft=draft(
            room, start + dt.timedelta(hours=4), title="Offener Abend", show_title_publicly=True
        ),
    )

    response = client.get(reverse("rooms:room_feed", kwargs={"slug": "saal"}))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "Geheime Sitzung" not in text
    assert "erika@example.org" not in text
    assert "METHOD" not in text
    assert "REFRESH-INTERVAL" in text
    assert "X-PUBLISHED-TTL" in text
    assert "BEGIN:VTIMEZONE" in text
    events = _events(response)
    assert "Offener Abend" in events
    [hidden] = [e for title, e in events.items() if title != "Offener Abend"]
    assert hidden.decoded("DTSTART") == start


def test_room_feed_includes_bookings_of_combined_rooms(client, reception):
    left, right = RoomFactory(slug="links"), RoomFactory(slug="rechts")
    both = RoomFactory(slug="beide", parts=[left, right])
    book_room(actor=reception, draft=draft(both, show_title_publicly=True, title="Großes Fest"))

    response = client.get(reverse("rooms:room_feed", kwargs={"slug": "links"}))

    assert "Großes Fest" in _events(response)


def test_room_feed_unknown_room_is_404(client):
    assert client.get("/rooms/gibt-es-nicht/calendar.ics").status_code == 404


def test_room_feed_answers_304_to_etag_and_last_modified(client, reception):
    room = RoomFactory(slug="saal")
    book_room(actor=reception, draft=draft(room))
    url = reverse("rooms:room_feed", kwargs={"slug": "saal"})
    first = client.get(url)

    by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
    by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert client.get(url).content == first.content  # byte-identical while unchanged


def test_room_feed_changes_after_a_move_with_higher_sequence(
    client, reception, django_capture_on_commit_callbacks
):
    room = RoomFactory(slug="saal")
    start = next_weekday_at(10)
    booking = book_room(actor=reception, draft=draft(room, start, show_title_publicly=True))
    url = reverse("rooms:room_feed", kwargs={"slug": "saal"})
    first = client.get(url)

    with django_capture_on_commit_callbacks(execute=True):  # the feeds learn of it
        move_booking(
            actor=reception,
            booking=booking,
            start=start + dt.timedelta(hours=1),
            end=start + dt.timedelta(hours=3),
        )
    second = client.get(url, headers={"if-none-match": first["ETag"]})

    assert second.status_code == 200
    [before] = _events(first).values()
    [after] = _events(second).values()
    assert before["UID"] == after["UID"]
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == start + dt.timedelta(hours=1)


def test_cached_feed_is_invalidated_when_a_booking_changes(
    client, reception, django_capture_on_commit_callbacks
):
    room = RoomFactory(slug="saal")
    url = reverse("rooms:room_feed", kwargs={"slug": "saal"})
    empty = client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(room, title="Neu", show_title_publicly=True))

    assert _events(empty) == {}
    assert "Neu" in _events(client.get(url))


def test_cancelled_booking_stays_30_days_as_cancelled(client, reception):
    room = RoomFactory(slug="saal")
    booking = book_room(
        actor=reception, draft=draft(room, show_title_publicly=True, title="Abgesagt")
    )
    cancel_booking(actor=reception, booking=booking)
    old = BookingFactory(
        room=room, title="Längst abgesagt", show_title_publicly=True, state=Booking.State.CANCELLED
    )
    Booking.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=40))

    content = client.get(reverse("rooms:room_feed", kwargs={"slug": "saal"})).content
    events = {str(e["UID"]): e for e in Calendar.from_ical(content).walk("VEVENT")}

    assert set(events) == {f"room-booking-{booking.pk}@{uid_domain()}"}  # not the old one
    [cancelled] = events.values()
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_organisation_token_feed_shows_its_bookings_with_titles(client):
    organisation = OrganisationFactory()
    member = org_member(organisation)
    other = OrganisationFactory()
    room = RoomFactory()
    start = next_weekday_at(10)
    BookingFactory(
        room=room,
        organisation=organisation,
        title="Unsere Klausur",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    BookingFactory(
        room=room,
        organisation=other,
        title="Fremde Sitzung",
        start=start + dt.timedelta(hours=5),
        end=start + dt.timedelta(hours=6),
    )
    token = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=member, organisation=organisation
    )

    response = client.get(reverse("rooms:token_feed", kwargs={"token": token.token}))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    events = _events(response)
    assert set(events) == {"Unsere Klausur"}


def test_renewed_or_revoked_token_answers_404(client):
    organisation = OrganisationFactory()
    member = org_member(organisation)
    old = renew_feed_token(scope=FeedToken.Scope.ORGANISATION, by=member, organisation=organisation)
    new = renew_feed_token(scope=FeedToken.Scope.ORGANISATION, by=member, organisation=organisation)

    assert client.get(reverse("rooms:token_feed", kwargs={"token": old.token})).status_code == 404
    assert client.get(reverse("rooms:token_feed", kwargs={"token": new.token})).status_code == 200
    assert client.get("/calendars/unbekannt.ics").status_code == 404


def test_staff_feed_needs_the_reception_role_still(client):
    clerk = staff_user(Role.RECEPTION)
    BookingFactory(title="Irgendwas")
    token = renew_feed_token(scope=FeedToken.Scope.STAFF, by=clerk)
    url = reverse("rooms:token_feed", kwargs={"token": token.token})
    assert "Irgendwas" in _events(client.get(url))

    clerk.groups.clear()
    clerk.forget_roles()

    assert client.get(url).status_code == 404


def test_person_feed_shows_own_bookings_only(client):
    person = UserFactory(email="p@example.org")
    BookingFactory(title="Meine Feier", contact_email="p@example.org")
    BookingFactory(title="Andere Feier", contact_email="x@example.org")
    token = renew_feed_token(scope=FeedToken.Scope.PERSON, by=person)

    events = _events(client.get(reverse("rooms:token_feed", kwargs={"token": token.token})))

    assert set(events) == {"Meine Feier"}


def test_calendars_page_offers_webcal_and_https_links(client):
    member = UserFactory()
    organisation = OrganisationFactory(name="Kiezküche")
    MembershipFactory(user=member, organisation=organisation, role="admin")
    RoomFactory(slug="saal")
    client.force_login(member)

    client.post(
        reverse("rooms:calendar_renew"), {"scope": "organisation", "organisation": organisation.pk}
    )
    page = client.get(reverse("rooms:calendars")).content.decode()

    token = FeedToken.objects.get(organisation=organisation).token
    assert f"webcal://testserver/calendars/{token}.ics" in page
    assert f"http://testserver/calendars/{token}.ics" in page
    assert "webcal://testserver/rooms/saal/calendar.ics" in page
    assert "Google" in page


def test_outsider_cannot_renew_another_organisations_token(client):
    organisation = OrganisationFactory()
    token = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=org_member(organisation), organisation=organisation
    )
    outsider = UserFactory()
    client.force_login(outsider)

    response = client.post(
        reverse("rooms:calendar_revoke"), {"scope": "organisation", "organisation": organisation.pk}
    )

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_each_member_has_their_own_address_and_switches_off_only_their_own(client):
    organisation = OrganisationFactory()
    colleague = org_member(organisation)
    member = org_member(organisation)
    theirs = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=colleague, organisation=organisation
    )
    client.force_login(member)

    client.post(
        reverse("rooms:calendar_renew"), {"scope": "organisation", "organisation": organisation.pk}
    )
    mine = FeedToken.objects.active().get(organisation=organisation, user=member)
    client.post(
        reverse("rooms:calendar_revoke"), {"scope": "organisation", "organisation": organisation.pk}
    )

    assert mine.token != theirs.token
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert not mine.is_active
    assert theirs.is_active


def test_member_who_leaves_loses_the_organisations_calendar(client):
    from tenants.models import Membership
    from tenants.services import remove_member

    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role="admin").user
    leaver = org_member(organisation)
    BookingFactory(organisation=organisation, title="Klausur")
    token = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=leaver, organisation=organisation
    )
    stayer = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=admin, organisation=organisation
    )
    url = reverse("rooms:token_feed", kwargs={"token": token.token})
    assert "Klausur" in _events(client.get(url))  # also fills the feed cache

    remove_member(
        membership=Membership.objects.get(user=leaver, organisation=organisation), actor=admin
    )

    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("rooms:token_feed", kwargs={"token": stayer.token})).status_code == 200
    )
    # Joining again gives a new address; the old one stays dead.
    MembershipFactory(user=leaver, organisation=organisation)
    assert client.get(url).status_code == 404


def test_only_members_get_an_address_of_the_organisations_calendar(client, reception):
    organisation = OrganisationFactory()

    with pytest.raises(PermissionError):
        renew_feed_token(
            scope=FeedToken.Scope.ORGANISATION, by=reception, organisation=organisation
        )
    client.force_login(reception)
    response = client.post(
        reverse("rooms:calendar_renew"), {"scope": "organisation", "organisation": organisation.pk}
    )
    assert response.status_code == 404
    response = client.post(
        reverse("rooms:calendar_renew"), {"scope": "organisation", "organisation": "x\x00"}
    )
    assert response.status_code == 404
    assert not FeedToken.objects.filter(organisation=organisation).exists()


def test_the_shared_organisation_address_ends_with_the_migration(client):
    """Before, one address per organisation was shared by every member (no membership):
    the migration deletes it, so it answers 404 like any unknown address."""
    import importlib

    from django.apps import apps

    organisation = OrganisationFactory()
    member = org_member(organisation)
    mine = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=member, organisation=organisation
    )
    migration = importlib.import_module("rooms.migrations.0009_feed_address_per_membership")

    migration.end_shared_organisation_addresses(apps, None)

    assert not FeedToken.objects.filter(pk=mine.pk).exists()
    assert client.get(reverse("rooms:token_feed", kwargs={"token": mine.token})).status_code == 404


def test_members_page_shows_their_own_calendar_address(client):
    organisation = OrganisationFactory()
    member = org_member(organisation)
    other = org_member(organisation)
    theirs = renew_feed_token(
        scope=FeedToken.Scope.ORGANISATION, by=other, organisation=organisation
    )
    client.force_login(member)
    manage = reverse("tenants:manage", kwargs={"slug": organisation.slug})

    assert "Kalenderadresse erstellen" in client.get(manage).content.decode()
    client.post(
        reverse("rooms:calendar_renew"), {"scope": "organisation", "organisation": organisation.pk}
    )
    page = client.get(manage).content.decode()

    mine = FeedToken.objects.active().get(organisation=organisation, user=member)
    assert f"webcal://testserver/calendars/{mine.token}.ics" in page
    assert theirs.token not in page


def test_calendar_addresses_are_exported_and_end_with_the_person():
    from house.privacy import DataSubject
    from rooms.privacy import RoomsData

    organisation = OrganisationFactory(name="Kiezküche")
    member = org_member(organisation)
    renew_feed_token(scope=FeedToken.Scope.ORGANISATION, by=member, organisation=organisation)
    subject = DataSubject.for_user(member)

    [feed] = RoomsData().export(subject)["calendar_feeds"]
    RoomsData().erase(subject)

    assert feed["scope"] == "organisation"
    assert feed["organisation"] == "Kiezküche"
    assert not FeedToken.objects.filter(user=member).exists()


def test_calendars_page_needs_login(client):
    response = client.get(reverse("rooms:calendars"))
    assert response.status_code == 302


@pytest.mark.parametrize("count", [1, 3])
def test_room_feed_query_count_is_constant(client, django_assert_num_queries, count):
    room = RoomFactory(slug="saal")
    start = next_weekday_at(10)
    for i in range(count):
        BookingFactory(
            room=room, start=start + dt.timedelta(days=i), end=start + dt.timedelta(days=i, hours=2)
        )
    url = reverse("rooms:room_feed", kwargs={"slug": "saal"})

    with django_assert_num_queries(4):  # room, its parts, the house, the bookings
        client.get(url)
    with django_assert_num_queries(0):  # answered from the cache
        client.get(url)


def test_room_feed_instants_agree_with_icaljs_around_every_clock_change(client):
    """Bookings just before and after each daylight-saving change of several years: Python's
    icalendar and Mozilla's ical.js (which reads only our VTIMEZONE) see the same instants."""
    from tests.ical.icaljs import parse_with_icaljs, skip_without_icaljs

    skip_without_icaljs()
    room = RoomFactory(slug="saal")
    tz = timezone.get_current_timezone()
    first_year = timezone.localdate().year + 1
    for year in range(first_year, first_year + 4):
        for month in (3, 10):
            change = dt.date(year, month, 31)
            while change.weekday() != 6:
                change -= dt.timedelta(days=1)
            for day in (change - dt.timedelta(days=1), change, change + dt.timedelta(days=1)):
                for hour in (1, 3, 10, 23):
                    start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)), tz)
                    BookingFactory(room=room, start=start, end=start + dt.timedelta(minutes=50))

    content = client.get(reverse("rooms:room_feed", kwargs={"slug": "saal"})).content

    python = sorted(
        (int(e.decoded("DTSTART").timestamp()), int(e.decoded("DTEND").timestamp()))
        for e in Calendar.from_ical(content).walk("VEVENT")
    )
    javascript = sorted((e["start"], e["end"]) for e in parse_with_icaljs(content)["events"])
    expected = sorted(
        (int(b.start.timestamp()), int(b.end.timestamp())) for b in Booking.objects.all()
    )
    assert len(expected) == 4 * 2 * 3 * 4
    assert python == javascript == expected


def test_staff_feed_names_no_private_person(client):
    clerk = staff_user(Role.RECEPTION)
    BookingFactory(
        title="Geburtstag von Anna Muster",
        contact_name="Anna Muster",
        booker_category="private_person",
    )
    BookingFactory(title="Messe", contact_name="Bernd Muster", contact_organisation="Firma")
    BookingFactory(title="Chorprobe", organisation=OrganisationFactory(name="Chor Kassel"))
    token = renew_feed_token(scope=FeedToken.Scope.STAFF, by=clerk)

    response = client.get(reverse("rooms:token_feed", kwargs={"token": token.token}))

    assert "Muster" not in response.content.decode()
    assert set(_events(response)) == {"Private Buchung", "Messe", "Chorprobe"}
