"""Event feeds and invitations read the same in Python's icalendar and Mozilla's ical.js."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from icalendar import Calendar

from events import services
from events.ical import events_feed, registration_invitation
from events.models import Event
from tests.events.factories import EventFactory
from tests.factories import staff_user

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _weekly_cafe_across_both_changes() -> list[Event]:
    """A café at 15:00 every week from March to November 2027: both clock changes inside."""
    template = EventFactory.build(
        title="Erzählcafé",
        slug="",
        organisation=None,
        start=dt.datetime(2027, 3, 10, 15, 0, tzinfo=BERLIN),
        end=dt.datetime(2027, 3, 10, 17, 0, tzinfo=BERLIN),
    )
    series = services.create_series(
        actor=staff_user(), template=template, rrule="FREQ=WEEKLY;COUNT=36"
    )
    return list(series.events.order_by("start"))


def test_feed_instants_agree_with_icaljs_across_daylight_saving(icaljs):
    events = _weekly_cafe_across_both_changes()
    content = events_feed(events, name="Programm")

    parsed = icaljs(content)

    by_uid = {entry["uid"]: entry for entry in parsed["events"]}
    assert parsed["method"] is None
    assert len(by_uid) == len(events)
    for event in events:
        entry = by_uid[f"event-{event.pk}@events.hausportal"]
        assert entry["start"] == int(event.start.timestamp())
        assert entry["end"] == int(event.end.timestamp())
        assert entry["zones"] == ["Europe/Berlin", "Europe/Berlin"]
    assert {e.start.astimezone(BERLIN).hour for e in events} == {15}


def test_feed_instants_in_python_icalendar_are_wall_clock():
    events = _weekly_cafe_across_both_changes()

    calendar = Calendar.from_ical(events_feed(events, name="Programm"))

    starts = sorted(c.decoded("DTSTART") for c in calendar.walk("VEVENT"))
    assert {s.hour for s in starts} == {15}
    assert [s.timestamp() for s in starts] == [e.start.timestamp() for e in events]


def test_registration_invitation_is_request_then_cancel_with_higher_sequence(icaljs):
    event = EventFactory()
    registration = services.register_for_event(
        event=event, name="Erika", email="erika@example.org", seats=1, consent=True
    )

    request = registration_invitation(registration)
    cancel = registration_invitation(registration, cancel=True)

    assert "METHOD:REQUEST" in request["content"]
    assert "METHOD:CANCEL" in cancel["content"]
    assert "SEQUENCE:0" in request["content"]
    assert "SEQUENCE:1" in cancel["content"]
    assert "erika@example.org" in request["content"]
    parsed = icaljs(request["content"].encode())
    assert parsed["events"][0]["start"] == int(event.start.timestamp())


def test_conference_calendar_file_lists_its_programme(client):
    from django.urls import reverse

    from tests.events.factories import ProgrammeItemFactory

    event = EventFactory(category="conference", title="Tagung")
    ProgrammeItemFactory(event=event, title="Workshop Lokale Ökonomie", speakers="SPI")

    body = client.get(reverse("events:ics", args=[event.slug])).content.decode()

    unfolded = body.replace("\r\n ", "")
    assert "Workshop Lokale Ökonomie (SPI)" in unfolded
