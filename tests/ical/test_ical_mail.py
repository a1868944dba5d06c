"""Invitations in e-mails: recognised by mail clients, same instants in both parsers."""

from __future__ import annotations

import dataclasses
import email
from datetime import datetime
from email import policy

import pytest
from django.core.mail import EmailMultiAlternatives
from icalendar import Calendar

from house.ical import (
    BERLIN,
    CalendarEntry,
    attach_invitation,
    attach_invitation_content,
    build_invitation,
)

BOOKING = CalendarEntry(
    uid="booking-9@hausportal.example",
    start=datetime(2026, 10, 25, 10, tzinfo=BERLIN),  # the day the clocks go back
    end=datetime(2026, 10, 25, 12, tzinfo=BERLIN),
    summary="Workshop Ehrenamt – Raum Kassel",
    last_modified=datetime(2026, 10, 1, 9, tzinfo=BERLIN),
    sequence=1,
    organizer=("Treppe 4 – Empfang", "empfang@treppe4.example"),
    attendees=[("Jürgen Beispiel", "juergen@example.org")],
)


def mail_with_invitation(entry: CalendarEntry, method: str) -> email.message.EmailMessage:
    message = EmailMultiAlternatives(
        "Buchung bestätigt", "Ihre Buchung …", "empfang@treppe4.example", ["juergen@example.org"]
    )
    message.attach_alternative("<p>Ihre Buchung …</p>", "text/html")
    attach_invitation(message, entry, method=method)
    # What the recipient's mail client sees, after a round trip through bytes.
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


@pytest.mark.parametrize("method", ["REQUEST", "CANCEL"])
def test_mail_invitation_is_the_last_alternative_and_an_attachment(method):
    received = mail_with_invitation(BOOKING, method)

    (alternative,) = [p for p in received.walk() if p.get_content_type() == "multipart/alternative"]
    parts = [p.get_content_type() for p in alternative.iter_parts()]
    calendar_part = list(alternative.iter_parts())[-1]
    (attachment,) = [p for p in received.walk() if p.get_content_type() == "application/ics"]

    assert parts == ["text/plain", "text/html", "text/calendar"]
    assert calendar_part.get_param("method") == method
    assert calendar_part["Content-Type"].count("charset") == 1
    assert attachment.get_filename() == ("invite.ics" if method == "REQUEST" else "cancel.ics")
    assert Calendar.from_ical(calendar_part.get_content())["METHOD"] == method
    assert attachment.get_content() == calendar_part.get_content().replace("\n", "\r\n").encode()


def test_mail_update_and_cancel_keep_uid_and_raise_sequence(icaljs):
    moved = dataclasses.replace(
        BOOKING,
        start=datetime(2026, 10, 26, 14, tzinfo=BERLIN),
        end=datetime(2026, 10, 26, 16, tzinfo=BERLIN),
        sequence=2,
    )
    cancelled = dataclasses.replace(moved, sequence=3)
    sent = [("REQUEST", BOOKING), ("REQUEST", moved), ("CANCEL", cancelled)]

    seen = []
    for method, entry in sent:
        received = mail_with_invitation(entry, method)
        (attachment,) = [p for p in received.walk() if p.get_content_type() == "application/ics"]
        content = attachment.get_content()
        (event,) = Calendar.from_ical(content).walk("VEVENT")
        (js_event,) = icaljs(content)["events"]
        seen.append((str(event["UID"]), event["SEQUENCE"], str(event["STATUS"])))
        assert js_event["start"] == entry.start.timestamp()
        assert event.start.timestamp() == entry.start.timestamp()

    assert seen == [
        (BOOKING.uid, 1, "CONFIRMED"),
        (BOOKING.uid, 2, "CONFIRMED"),
        (BOOKING.uid, 3, "CANCELLED"),
    ]


def test_mail_invitation_built_earlier_attaches_the_same_way():
    content = build_invitation(BOOKING, method="REQUEST")
    message = EmailMultiAlternatives("Buchung", "Text", "a@example.org", ["b@example.org"])

    attach_invitation_content(message, content.decode(), method="REQUEST")
    received = email.message_from_bytes(message.message().as_bytes(), policy=policy.default)

    (calendar_part,) = [p for p in received.walk() if p.get_content_type() == "text/calendar"]
    (attachment,) = [p for p in received.walk() if p.get_content_type() == "application/ics"]
    assert calendar_part.get_param("method") == "REQUEST"
    assert attachment.get_content() == content


def test_mail_invitation_content_with_unknown_method_is_refused():
    message = EmailMultiAlternatives("Buchung", "Text", "a@example.org", ["b@example.org"])

    with pytest.raises(ValueError, match="method"):
        attach_invitation_content(message, b"BEGIN:VCALENDAR", method="PUBLISH")
    assert message.alternatives == []


def test_mail_cancel_of_one_occurrence_names_it_by_recurrence_id(icaljs):
    series = dataclasses.replace(BOOKING, rrule="FREQ=WEEKLY;COUNT=6")
    occurrence = datetime(2026, 11, 8, 10, tzinfo=BERLIN)  # the third, in winter time
    cancel_one = dataclasses.replace(
        series,
        rrule=None,
        start=occurrence,
        end=occurrence + (BOOKING.end - BOOKING.start),
        recurrence_id=occurrence,
        sequence=series.sequence + 1,
    )

    content = build_invitation(cancel_one, method="CANCEL")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    parsed = icaljs(content)

    assert parsed["method"] == "CANCEL"
    assert event["UID"] == series.uid
    assert event["STATUS"] == "CANCELLED"
    assert event["RECURRENCE-ID"].to_ical() == b"20261108T100000"
    assert parsed["events"][0]["recurrenceId"] == occurrence.timestamp()
    assert "RRULE" not in event
