"""The shape of Hausportal's feeds and invitations: what calendar clients rely on."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar

from house.ical import (
    BERLIN,
    PRODID,
    CalendarEntry,
    build_feed,
    build_invitation,
    invitation_attachment,
    webcal_url,
)

CHANGED = datetime(2026, 9, 1, 8, 15, 30, tzinfo=BERLIN)


def make_entry(**changes: Any) -> CalendarEntry:
    values: dict[str, Any] = {
        "uid": "booking-42@hausportal.example",
        "start": datetime(2026, 10, 26, 10, tzinfo=BERLIN),
        "end": datetime(2026, 10, 26, 12, tzinfo=BERLIN),
        "summary": "Vorstandssitzung, Haushalt; Planung",
        "description": "Zugang über den Hof.\nSchlüssel am Empfang.",
        "location": "Treppe 4, Raum Kassel",
        "last_modified": CHANGED,
        "sequence": 2,
        "url": "https://hausportal.example/rooms/kassel/",
        "organizer": ("Treppe 4 – Empfang", "empfang@treppe4.example"),
        "attendees": [("Anna Müller", "anna@example.org")],
        "categories": ("Besprechung",),
    }
    values.update(changes)
    return CalendarEntry(**values)


def lines(content: bytes) -> list[bytes]:
    return content.split(b"\r\n")


def unfolded(content: bytes) -> str:
    return content.replace(b"\r\n ", b"").decode()


def test_feed_has_calendar_properties_and_no_method():
    feed = build_feed([make_entry()], name="Raum Kassel", description="Belegung")

    text = unfolded(feed)
    calendar = Calendar.from_ical(feed)

    assert "METHOD" not in calendar
    assert not re.search(r"^METHOD", text, re.MULTILINE)
    assert calendar["PRODID"] == PRODID
    assert calendar["VERSION"] == "2.0"
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["X-WR-CALNAME"] == "Raum Kassel"
    assert calendar["X-WR-TIMEZONE"] == "Europe/Berlin"
    assert calendar["X-WR-CALDESC"] == "Belegung"
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "X-PUBLISHED-TTL:PT1H\r\n" in text


def test_feed_refresh_interval_is_configurable():
    feed = build_feed([make_entry()], name="x", refresh=timedelta(minutes=30))

    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT30M\r\n" in feed
    assert b"X-PUBLISHED-TTL:PT30M\r\n" in feed


def test_feed_leaves_out_organizer_and_attendees():
    feed = build_feed([make_entry()], name="Raum Kassel")

    assert b"ORGANIZER" not in feed
    assert b"ATTENDEE" not in feed
    assert b"anna@example.org" not in feed


def test_feed_event_properties():
    (event,) = Calendar.from_ical(build_feed([make_entry()], name="x")).walk("VEVENT")

    assert event["UID"] == "booking-42@hausportal.example"
    assert event["SUMMARY"] == "Vorstandssitzung, Haushalt; Planung"
    assert event["DESCRIPTION"] == "Zugang über den Hof.\nSchlüssel am Empfang."
    assert event["LOCATION"] == "Treppe 4, Raum Kassel"
    assert event["URL"] == "https://hausportal.example/rooms/kassel/"
    assert event["SEQUENCE"] == 2
    assert event["STATUS"] == "CONFIRMED"
    assert event["TRANSP"] == "OPAQUE"
    assert event.categories == ["Besprechung"]
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event["DTSTART"].to_ical() == b"20261026T100000"
    assert event["DTEND"].to_ical() == b"20261026T120000"


def test_feed_free_entry_is_transparent():
    feed = build_feed([make_entry(transparent=True, status="TENTATIVE")], name="x")

    assert b"TRANSP:TRANSPARENT\r\n" in feed
    assert b"STATUS:TENTATIVE\r\n" in feed


def test_feed_dtstamp_is_last_modified_in_utc():
    (event,) = Calendar.from_ical(build_feed([make_entry()], name="x")).walk("VEVENT")

    assert event["DTSTAMP"].to_ical() == b"20260901T061530Z"
    assert event["LAST-MODIFIED"].to_ical() == b"20260901T061530Z"
    assert event["DTSTAMP"].dt == CHANGED


def test_feed_identical_input_gives_identical_bytes_in_any_order():
    entries = [make_entry(uid=f"b-{n}@hp", sequence=n) for n in range(5)]

    first = build_feed(entries, name="Raum Kassel")
    second = build_feed(list(reversed(entries)), name="Raum Kassel")

    assert first == second
    assert [str(e["UID"]) for e in Calendar.from_ical(first).walk("VEVENT")] == [
        f"b-{n}@hp" for n in range(5)
    ]


def test_feed_changes_when_an_entry_changes():
    before = build_feed([make_entry()], name="x")
    after = build_feed(
        [make_entry(sequence=3, last_modified=CHANGED + timedelta(minutes=1))], name="x"
    )

    assert before != after


def test_feed_has_exactly_one_vtimezone_in_rrule_form():
    entries = [make_entry(uid=f"b-{n}@hp") for n in range(3)]
    feed = build_feed(entries, name="x")

    assert feed.count(b"BEGIN:VTIMEZONE") == 1
    assert feed.index(b"BEGIN:VTIMEZONE") < feed.index(b"BEGIN:VEVENT")
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in feed
    assert b"RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in feed
    assert b"RDATE" not in feed
    assert Calendar.from_ical(feed).get_missing_tzids() == set()


def test_feed_lines_are_folded_at_75_octets_with_crlf():
    long = "Sehr lange Beschreibung mit Umlauten äöüß und Zeichen – " * 10
    feed = build_feed([make_entry(description=long, summary="ü" * 80)], name="x")

    physical = lines(feed)

    assert feed.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in feed.replace(b"\r\n", b"")
    assert max(len(line) for line in physical) <= 75
    assert any(line.startswith(b" ") for line in physical)
    for line in physical:
        line.decode()  # never splits a UTF-8 character
    (event,) = Calendar.from_ical(feed).walk("VEVENT")
    assert event["DESCRIPTION"] == long


def test_feed_empty_is_valid():
    calendar = Calendar.from_ical(build_feed([], name="Leer"))

    assert calendar.walk("VEVENT") == []
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_feed_recurring_entry_has_rrule_exdate_and_override():
    series = make_entry(
        rrule={"FREQ": "WEEKLY", "UNTIL": datetime(2026, 12, 31, 23, 59, tzinfo=BERLIN)},
        exdates=[datetime(2026, 11, 9, 10, tzinfo=BERLIN)],
    )
    moved = make_entry(
        start=datetime(2026, 11, 17, 14, tzinfo=BERLIN),
        end=datetime(2026, 11, 17, 16, tzinfo=BERLIN),
        recurrence_id=datetime(2026, 11, 16, 10, tzinfo=BERLIN),
    )

    text = unfolded(build_feed([moved, series], name="x"))

    assert "RRULE:FREQ=WEEKLY;UNTIL=20261231T225900Z\r\n" in text
    assert "EXDATE;TZID=Europe/Berlin:20261109T100000\r\n" in text
    assert "RECURRENCE-ID;TZID=Europe/Berlin:20261116T100000\r\n" in text
    assert text.index("RRULE") < text.index("RECURRENCE-ID")  # series first


@pytest.mark.parametrize(
    ("rrule", "expected"),
    [
        ("FREQ=WEEKLY;COUNT=10", "FREQ=WEEKLY;COUNT=10"),
        ({"freq": "weekly", "byday": ["TU"]}, "FREQ=WEEKLY;BYDAY=TU"),
        ("FREQ=WEEKLY;UNTIL=20261231", "FREQ=WEEKLY;UNTIL=20261231T225959Z"),
        ("FREQ=WEEKLY;UNTIL=20260701T120000", "FREQ=WEEKLY;UNTIL=20260701T100000Z"),
        ("FREQ=DAILY;UNTIL=20260701T120000Z", "FREQ=DAILY;UNTIL=20260701T120000Z"),
    ],
)
def test_entry_rrule_is_normalised_with_until_in_utc(rrule, expected):
    assert make_entry(rrule=rrule).rrule == expected


def test_invitation_request_has_method_organizer_and_attendee():
    content = build_invitation(make_entry(), method="REQUEST")

    calendar = Calendar.from_ical(content)
    (event,) = calendar.walk("VEVENT")
    attendee = event["ATTENDEE"]

    assert calendar["METHOD"] == "REQUEST"
    assert content.count(b"BEGIN:VTIMEZONE") == 1
    assert event["ORGANIZER"] == "mailto:empfang@treppe4.example"
    assert event["ORGANIZER"].params["CN"] == "Treppe 4 – Empfang"
    assert attendee == "mailto:anna@example.org"
    assert attendee.params["CN"] == "Anna Müller"
    assert attendee.params["RSVP"] == "FALSE"
    assert attendee.params["PARTSTAT"] == "ACCEPTED"
    assert attendee.params["ROLE"] == "REQ-PARTICIPANT"
    assert event["STATUS"] == "CONFIRMED"
    assert event["DTSTAMP"].to_ical() == b"20260901T061530Z"


def test_invitation_cancel_has_same_uid_higher_sequence_and_cancelled_status():
    booking = make_entry()
    request = Calendar.from_ical(build_invitation(booking, method="REQUEST"))
    cancelled = dataclasses.replace(booking, sequence=booking.sequence + 1)

    cancel = Calendar.from_ical(build_invitation(cancelled, method="CANCEL"))
    (before,), (after,) = request.walk("VEVENT"), cancel.walk("VEVENT")

    assert cancel["METHOD"] == "CANCEL"
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after["STATUS"] == "CANCELLED"
    assert after["ORGANIZER"] == before["ORGANIZER"]
    assert after["ATTENDEE"] == before["ATTENDEE"]


def test_invitation_series_with_override_in_one_message():
    series = make_entry(rrule="FREQ=WEEKLY;COUNT=4")
    moved = make_entry(
        start=datetime(2026, 11, 3, 10, tzinfo=BERLIN),
        end=datetime(2026, 11, 3, 12, tzinfo=BERLIN),
        recurrence_id=datetime(2026, 11, 2, 10, tzinfo=BERLIN),
    )

    events = Calendar.from_ical(build_invitation(series, method="REQUEST", overrides=[moved])).walk(
        "VEVENT"
    )

    assert [str(e["UID"]) for e in events] == [series.uid, series.uid]
    assert "RRULE" in events[0]
    assert "RECURRENCE-ID" in events[1]


def test_invitation_without_attendee_is_refused():
    with pytest.raises(ValueError, match="organizer and an attendee"):
        build_invitation(make_entry(attendees=()), method="REQUEST")
    with pytest.raises(ValueError, match="organizer and an attendee"):
        build_invitation(make_entry(organizer=None), method="CANCEL")


def test_invitation_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method"):
        build_invitation(make_entry(), method="PUBLISH")  # type: ignore[arg-type]


def test_invitation_override_of_another_series_is_refused():
    other = make_entry(uid="other@hp", recurrence_id=datetime(2026, 11, 2, 10, tzinfo=BERLIN))

    with pytest.raises(ValueError, match="overrides"):
        build_invitation(make_entry(rrule="FREQ=DAILY"), method="REQUEST", overrides=[other])


def test_invitation_identical_input_gives_identical_bytes():
    assert build_invitation(make_entry(), method="REQUEST") == build_invitation(
        make_entry(), method="REQUEST"
    )


@pytest.mark.parametrize(
    ("method", "filename"), [("REQUEST", "invite.ics"), ("CANCEL", "cancel.ics")]
)
def test_invitation_attachment_carries_method_in_mimetype(method, filename):
    name, content, mimetype = invitation_attachment(make_entry(), method)

    assert name == filename
    assert mimetype == f"text/calendar; charset=utf-8; method={method}"
    assert f"METHOD:{method}\r\n".encode() in content


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"start": datetime(2026, 10, 26, 10)}, "aware"),  # noqa: DTZ001 (the point)
        ({"last_modified": datetime(2026, 9, 1)}, "aware"),  # noqa: DTZ001
        ({"end": datetime(2026, 10, 26, 9, tzinfo=BERLIN)}, "not after start"),
        ({"status": "DONE"}, "status"),
        ({"sequence": -1}, "sequence"),
        ({"uid": ""}, "uid"),
        ({"uid": "a\r\nb"}, "uid"),
        ({"exdates": [datetime(2026, 11, 2, 10, tzinfo=BERLIN)]}, "exdates need an rrule"),
        (
            {"rrule": "FREQ=DAILY", "recurrence_id": datetime(2026, 11, 2, 10, tzinfo=UTC)},
            "cannot recur",
        ),
        (
            {
                "start": datetime(1990, 5, 1, 10, tzinfo=BERLIN),
                "end": datetime(1990, 5, 1, 11, tzinfo=BERLIN),
            },
            "before 1996",
        ),
    ],
)
def test_entry_bad_values_are_refused(changes, message):
    with pytest.raises(ValueError, match=message):
        make_entry(**changes)


def test_entry_is_hashable_and_normalised():
    entry = make_entry(attendees=[["A", "a@example.org"]], categories=["x", "y"])

    assert hash(entry) == hash(
        make_entry(attendees=[("A", "a@example.org")], categories=("x", "y"))
    )
    assert entry.attendees == (("A", "a@example.org"),)
    assert entry.categories == ("x", "y")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://hausportal.example/rooms/kassel/calendar.ics",
            "webcal://hausportal.example/rooms/kassel/calendar.ics",
        ),
        ("http://127.0.0.1:8000/f.ics?token=abc", "webcal://127.0.0.1:8000/f.ics?token=abc"),
    ],
)
def test_webcal_url_replaces_the_scheme(url, expected):
    assert webcal_url(url) == expected


def test_webcal_url_refuses_other_schemes():
    with pytest.raises(ValueError, match="http"):
        webcal_url("/rooms/kassel/calendar.ics")
