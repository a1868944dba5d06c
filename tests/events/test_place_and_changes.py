"""Registrants learn where an event is (street, room, map) and hear of every change once.

The e-mails and calendar files name the house's street address and the room, with a
plain OpenStreetMap link; moving an event in time or place, or calling it off, reaches
every registrant and waiting person through the outbox in their own language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from icalendar import Calendar

from events import services
from events.ical import event_file
from events.models import Event, Registration
from house.models import HouseProfile, OutboxEmail, Role
from rooms.models import Room
from tests.events.factories import EventFactory, in_days
from tests.factories import staff_user

pytestmark = pytest.mark.usefixtures("house", "default_fee_rules")

ADDRESS = "Treppenstraße 4, 34117 Kassel"


@pytest.fixture
def room(db):
    return Room.objects.create(
        name="Raum Eder",
        name_en="Eder Room",
        slug="raum-eder-test",
        area_m2=30,
        capacities={"theatre": 20, "boardroom": 12},
    )


@pytest.fixture
def manager(db):
    return staff_user(Role.HOUSE_MANAGEMENT)


def _event_in(room: Room, manager) -> Event:
    start = in_days(6, 18)
    event = EventFactory.build(
        slug="",
        title="Infoabend",
        room=room,
        venue_name="",
        address="",
        organisation=None,
        start=start,
        end=start + dt.timedelta(hours=2),
        capacity=2,
    )
    return services.save_event(actor=manager, event=event)


def _register(event: Event, email: str, *, language: str = "de", waiting: bool = False):
    return services.register_for_event(
        event=event,
        name=email.split("@", maxsplit=1)[0],
        email=email,
        seats=1,
        consent=True,
        join_waiting_list=waiting,
        language=language,
    )


def _vevent(content: str | bytes):
    calendar = Calendar.from_ical(content)
    return calendar, next(iter(calendar.walk("VEVENT")))


def _mails_since(first_pk: int) -> list[OutboxEmail]:
    """The programme's e-mails written since (the room booking writes its own to the staff)."""
    return list(
        OutboxEmail.objects.filter(pk__gt=first_pk, ref__startswith="events.").order_by("pk")
    )


def _last_pk() -> int:
    last = OutboxEmail.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_the_calendar_file_and_the_email_give_street_room_and_map(room, manager):
    house = HouseProfile.objects.get(pk=1)
    event = _event_in(room, manager)
    registration = _register(event, "ada@example.org")

    _calendar, vevent = _vevent(event_file(event))
    email = OutboxEmail.objects.get(to=["ada@example.org"])
    [(attachment)] = email.attachments
    _cal, invited = _vevent(attachment["content"])

    for location in (str(vevent["LOCATION"]), str(invited["LOCATION"])):
        assert location == f"Raum Eder, {house.name}, {ADDRESS}"
    assert house.map_url in str(vevent["DESCRIPTION"])
    assert house.map_url.startswith("https://www.openstreetmap.org/")
    assert f"Raum Eder, {house.name}, {ADDRESS}" in email.body_text
    assert house.map_url in email.body_text
    assert registration.status == Registration.Status.CONFIRMED


def test_an_english_registrant_reads_the_rooms_english_name(room, manager):
    event = _event_in(room, manager)
    _register(event, "ann@example.org", language="en")

    email = OutboxEmail.objects.get(to=["ann@example.org"])
    _cal, invited = _vevent(email.attachments[0]["content"])

    assert "Where: Eder Room, " in email.body_text
    assert str(invited["LOCATION"]).startswith("Eder Room, ")


def test_the_map_link_points_at_the_houses_coordinates_or_searches_its_address(house):
    house.latitude, house.longitude = None, None
    assert house.map_url == (
        "https://www.openstreetmap.org/search?query=Treppenstra%C3%9Fe+4%2C+34117+Kassel"
    )
    house.latitude, house.longitude = Decimal("51.3155"), Decimal("9.4952")
    assert house.map_url.startswith("https://www.openstreetmap.org/?mlat=51.3155&mlon=9.4952")


def test_an_event_elsewhere_links_the_map_to_its_own_address(manager):
    event = EventFactory(venue_name="Bürgerhaus", address="Wilhelmsstraße 2, 34117 Kassel")

    _calendar, vevent = _vevent(event_file(event))

    assert str(vevent["LOCATION"]) == "Bürgerhaus, Wilhelmsstraße 2, 34117 Kassel"
    assert "openstreetmap.org/search?query=Wilhelmsstra%C3%9Fe+2" in str(vevent["DESCRIPTION"])


def test_the_event_page_shows_the_address_and_a_plain_map_link(client, room, manager):
    event = _event_in(room, manager)

    page = client.get(event.get_absolute_url()).content.decode()

    assert ADDRESS in page
    assert 'href="https://www.openstreetmap.org/' in page
    assert "<iframe" not in page


def test_moving_an_event_sends_each_person_one_updated_invitation(
    room, manager, django_capture_on_commit_callbacks
):
    event = _event_in(room, manager)
    ada = _register(event, "ada@example.org", language="de")
    ben = _register(event, "ben@example.org", language="en")
    cleo = _register(event, "cleo@example.org", waiting=True)
    assert cleo.status == Registration.Status.WAITING
    _cal, first = _vevent(OutboxEmail.objects.get(to=["ada@example.org"]).attachments[0]["content"])
    before = _last_pk()

    event.start += dt.timedelta(days=1)
    event.end += dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(actor=manager, event=event)

    sent = _mails_since(before)
    assert sorted(m.to[0] for m in sent) == [
        "ada@example.org",
        "ben@example.org",
        "cleo@example.org",
    ]
    by_person = {m.to[0]: m for m in sent}
    calendar, moved = _vevent(by_person["ada@example.org"].attachments[0]["content"])
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(moved["UID"]) == str(first["UID"]) == f"registration-{ada.pk}@events.hausportal"
    assert int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved.decoded("DTSTART") == event.start
    assert by_person["ada@example.org"].subject == "Geändert: Infoabend"
    assert by_person["ben@example.org"].subject == "Changed: Infoabend"
    assert by_person["ben@example.org"].language == "en"
    assert "updates the event in your calendar" in by_person["ben@example.org"].body_text
    # The waiting person holds no calendar entry: the new time in words only.
    assert by_person["cleo@example.org"].attachments == []
    assert "Warteliste" in by_person["cleo@example.org"].body_text
    assert {m.to[0] for m in mail.outbox} >= {"ada@example.org", "ben@example.org"}
    assert ben.pk


def test_saving_without_a_change_of_time_or_place_sends_nothing(room, manager):
    event = _event_in(room, manager)
    _register(event, "ada@example.org")
    before = _last_pk()

    event.summary = "Neuer Text"
    services.save_event(actor=manager, event=event)

    assert _mails_since(before) == []


def test_two_changes_send_two_invitations_with_rising_sequence(room, manager):
    event = _event_in(room, manager)
    _register(event, "ada@example.org")
    before = _last_pk()

    for days in (1, 2):
        event.start += dt.timedelta(days=days)
        event.end += dt.timedelta(days=days)
        services.save_event(actor=manager, event=event)

    sent = _mails_since(before)
    assert [m.kind for m in sent] == ["event_changed", "event_changed"]
    sequences = [int(_vevent(m.attachments[0]["content"])[1]["SEQUENCE"]) for m in sent]
    assert sequences[0] < sequences[1]


def test_cancelling_sends_every_registrant_and_waiting_person_one_cancel(room, manager):
    event = _event_in(room, manager)
    ada = _register(event, "ada@example.org")
    _register(event, "ben@example.org", language="en")
    _register(event, "cleo@example.org", waiting=True)
    _register(event, "dora@example.org", waiting=True)
    services.cancel_registration(registration=Registration.objects.get(email="dora@example.org"))
    before = _last_pk()

    services.cancel_event(actor=manager, event=event)
    services.cancel_event(actor=manager, event=event)  # a second click changes nothing

    sent = _mails_since(before)
    assert sorted(m.to[0] for m in sent) == [
        "ada@example.org",
        "ben@example.org",
        "cleo@example.org",
    ]
    calendar, cancelled = _vevent(sent[0].attachments[0]["content"])
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(cancelled["UID"]) == f"registration-{ada.pk}@events.hausportal"
    assert {m.to[0]: m.subject for m in sent}["ben@example.org"] == "Cancelled: Infoabend"


def test_setting_the_status_to_cancelled_in_the_form_cancels_for_registrants(room, manager):
    event = _event_in(room, manager)
    _register(event, "ada@example.org")
    before = _last_pk()

    event.status = Event.Status.CANCELLED
    services.save_event(actor=manager, event=event)
    services.save_event(actor=manager, event=event)

    [sent] = _mails_since(before)
    assert sent.kind == "event_cancelled"
    assert str(Calendar.from_ical(sent.attachments[0]["content"])["METHOD"]) == "CANCEL"
