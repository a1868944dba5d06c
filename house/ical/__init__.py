"""iCalendar for Hausportal: subscribable feeds and e-mail invitations (RFC 5545 / 5546).

Bookers and visitors live in their calendar apps. This format module turns plain
:class:`CalendarEntry` values into bytes that Outlook, Google Calendar, Apple Calendar and
Thunderbird read with the same instants, and answers feed requests cheaply
(ETag, Last-Modified, ``304 Not Modified``). It knows nothing about rooms or events:
the apps map their models to entries and choose what a feed may show.

Rules it enforces (see ``docs/calendars.md``):

* **Feeds carry no METHOD; invitations always do.** A published calendar with
  ``METHOD:REQUEST`` makes Outlook treat every event as a meeting request. Feeds also leave
  out ORGANIZER and ATTENDEE: clients would offer accept/decline on a read-only calendar,
  and no e-mail address may leak into a public feed.
* **Local time with one VTIMEZONE.** DTSTART/DTEND are written as Europe/Berlin wall-clock
  time with ``TZID=Europe/Berlin`` and one VTIMEZONE in the RRULE form that Google and
  Thunderbird publish and Outlook requires (Outlook misreads RDATE lists). Recurring entries
  therefore stay at 10:00 local across the daylight-saving change. The VTIMEZONE describes
  the EU rule in force since 1996 without an end year; entries before 1996 are refused.
* **Deterministic.** No "now" anywhere: DTSTAMP (and LAST-MODIFIED) is the entry's
  ``last_modified`` in UTC, entries are sorted, so an unchanged feed is byte-identical and
  its ETag stays the same.
* **Instants in, wall-clock out.** Entries take aware datetimes (instants). A non-existent
  wall-clock time such as 02:30 on the last Sunday of March, given as
  ``datetime(..., 2, 30, tzinfo=BERLIN)``, is read the way RFC 5545 §3.3.5 and PEP 495 both
  read it — with the offset before the gap — and written as 03:30 CEST, so no client has to
  guess. Local times in the hour repeated in October are ambiguous, and clients disagree on
  them (RFC 5545 and Python read 02:30 as the first pass, ical.js as the second), so an
  instant in that hour is written in UTC. A series needs local time for its RRULE, so one
  starting or ending between 02:00 and 03:00 local time of day is refused: some occurrence
  would fall into the skipped or the repeated hour.

Usage::

    import dataclasses
    from datetime import datetime
    from house.ical import (
        BERLIN, CalendarEntry, attach_invitation, build_feed, build_invitation,
        conditional_feed_response, invitation_attachment, webcal_url,
    )

    entry = CalendarEntry(
        uid="booking-42@hausportal.treppe4.de",
        start=datetime(2026, 10, 26, 10, 0, tzinfo=BERLIN),
        end=datetime(2026, 10, 26, 12, 0, tzinfo=BERLIN),
        summary="Vorstandssitzung",
        location="Treppe 4, Raum Kassel",
        sequence=booking.sequence,
        last_modified=booking.updated_at,
        organizer=("Treppe 4 – Empfang", "empfang@treppe4.de"),
        attendees=[("Anna Muster", "anna@example.org")],
        rrule={"FREQ": "WEEKLY", "COUNT": 10},  # optional
    )

    # One moved date of that series: same uid, recurrence_id = its original start.
    moved = dataclasses.replace(
        entry, rrule=None, start=..., end=...,
        recurrence_id=datetime(2026, 11, 2, 10, tzinfo=BERLIN),
    )

    # A feed view (cache ``content`` keyed on the feed's last change for speed;
    # private=True for secret-token feeds):
    content = build_feed([entry, moved], name="Raum Kassel – Treppe 4")
    return conditional_feed_response(
        request, content, last_modified=entry.last_modified, filename="raum-kassel.ics"
    )

    # An e-mail invitation (EmailMultiAlternatives, after its HTML alternative):
    attach_invitation(message, entry, method="REQUEST", overrides=[moved])
    # A cancellation: same UID, a higher sequence (STATUS:CANCELLED is set for you):
    cancel = dataclasses.replace(entry, sequence=entry.sequence + 1)
    attach_invitation(message, cancel, method="CANCEL")
    # Only the bytes, or (filename, bytes, mimetype) for another mailer:
    build_invitation(entry, method="REQUEST")
    invitation_attachment(entry, "REQUEST")

    webcal_url(request.build_absolute_uri(path))  # "webcal://…/calendar.ics"
"""

from house.ical.entries import BERLIN, PRODID, TZID, CalendarEntry, Method, Person, Status
from house.ical.http import (
    cached_feed_response,
    conditional_feed_response,
    feed_etag,
    webcal_url,
)
from house.ical.kept import kept_vevents
from house.ical.render import (
    attach_invitation,
    attach_invitation_content,
    build_feed,
    build_invitation,
    feed_vevent,
    invitation_attachment,
)

__all__ = [
    "BERLIN",
    "PRODID",
    "TZID",
    "CalendarEntry",
    "Method",
    "Person",
    "Status",
    "attach_invitation",
    "attach_invitation_content",
    "build_feed",
    "build_invitation",
    "cached_feed_response",
    "conditional_feed_response",
    "feed_etag",
    "feed_vevent",
    "invitation_attachment",
    "kept_vevents",
    "webcal_url",
]
