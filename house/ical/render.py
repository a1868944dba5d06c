"""Feeds and invitations as bytes; icalendar components for both (see :mod:`house.ical`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, timedelta
from functools import cache

from django.core.mail import EmailMultiAlternatives
from icalendar import (
    Calendar,
    Event,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vRecur,
    vText,
)

from house.ical.entries import (
    CONTENT_TYPE,
    METHODS,
    PRODID,
    TZID,
    CalendarEntry,
    Method,
    Person,
    local_time,
    wall_clock,
)


def build_feed(
    entries: Iterable[CalendarEntry],
    *,
    name: str,
    description: str = "",
    refresh: timedelta = timedelta(hours=1),
    vevents: Callable[[Sequence[CalendarEntry]], Iterable[bytes]] | None = None,
) -> bytes:
    """Render a subscribable calendar (no METHOD) of ``entries``, named ``name``.

    Deterministic: the same entries give the same bytes in any order. ``refresh`` is the
    polling interval suggested to clients (REFRESH-INTERVAL and X-PUBLISHED-TTL; Google and
    Outlook.com ignore it and poll on their own schedule). ORGANIZER and ATTENDEE are never
    written to a feed.

    Serialised by icalendar: the calendar with its VTIMEZONE, and each entry's VEVENT as
    :func:`feed_vevent` writes it, in the calendar's order (the bytes icalendar writes for
    the whole calendar). ``vevents`` gives the VEVENT bytes of the sorted entries, e.g.
    kept from earlier feeds (:func:`house.ical.kept_vevents`); by default each is written.
    """
    ordered = sorted(entries, key=CalendarEntry.sort_key)
    pieces = (vevents or _write_vevents)(ordered)
    frame = feed_calendar(name=name, description=description, refresh=refresh)
    frame.add_component(vtimezone())
    written = frame.to_ical()
    if not written.endswith(_CALENDAR_END):
        raise ValueError("icalendar wrote a calendar that does not end with END:VCALENDAR")
    return written[: -len(_CALENDAR_END)] + b"".join(pieces) + _CALENDAR_END


_CALENDAR_END = b"END:VCALENDAR\r\n"


def feed_vevent(entry: CalendarEntry) -> bytes:
    """One entry's VEVENT as icalendar writes it into a feed (without people)."""
    return vevent(entry, with_people=False).to_ical()


def _write_vevents(entries: Sequence[CalendarEntry]) -> list[bytes]:
    return [feed_vevent(entry) for entry in entries]


def build_invitation(
    entry: CalendarEntry,
    *,
    method: Method,
    overrides: Sequence[CalendarEntry] = (),
) -> bytes:
    """Render an iTIP scheduling message (RFC 5546) for e-mail.

    ``REQUEST`` invites (or updates: same UID, raised ``sequence``); ``CANCEL`` withdraws it
    (same UID, the caller passes a higher ``sequence``; STATUS is always CANCELLED). The
    entry needs an ``organizer`` (the house) and at least one attendee (the booker); each
    attendee is written with PARTSTAT=ACCEPTED (the booker asked for it) and RSVP=FALSE (no
    replies are expected). For a series, ``overrides`` are its moved occurrences
    (same UID, ``recurrence_id`` set), sent in the same message.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if entry.organizer is None or not entry.attendees:
        raise ValueError(f"{entry.uid}: an invitation needs an organizer and an attendee")
    for override in overrides:
        if override.uid != entry.uid or override.recurrence_id is None:
            raise ValueError(f"{override.uid}: overrides need the series' uid and recurrence_id")
    calendar = _new_calendar(method=method)
    calendar.add_component(vtimezone())
    for item in sorted([entry, *overrides], key=CalendarEntry.sort_key):
        if method == "CANCEL":
            item = dataclasses.replace(item, status="CANCELLED")  # noqa: PLW2901
        calendar.add_component(vevent(item, with_people=True))
    return calendar.to_ical()


def invitation_attachment(
    entry: CalendarEntry, method: Method, *, overrides: Sequence[CalendarEntry] = ()
) -> tuple[str, bytes, str]:
    """``(filename, content, mimetype)`` of an invitation, for any mailer.

    The mimetype carries the iTIP method (RFC 6047), which mail clients use to recognise an
    invitation: ``text/calendar; charset=utf-8; method=REQUEST``. With Django's mail prefer
    :func:`attach_invitation`: ``EmailMessage.attach`` adds its own charset parameter, and
    Outlook only treats a text/calendar *alternative* as a meeting request.
    """
    content = build_invitation(entry, method=method, overrides=overrides)
    filename = "invite.ics" if method == "REQUEST" else "cancel.ics"
    return filename, content, f"{CONTENT_TYPE}; method={method}"


def attach_invitation(
    message: EmailMultiAlternatives,
    entry: CalendarEntry,
    *,
    method: Method,
    overrides: Sequence[CalendarEntry] = (),
) -> bytes:
    """Add an invitation to an e-mail the way Outlook and Gmail recognise it; return it.

    Like Google Calendar's own invitations: the iTIP message is the last part of the
    multipart/alternative (``text/calendar; method=REQUEST; charset="utf-8"``), which is
    what makes Outlook show it as a meeting request rather than a file, and it is attached
    once more as ``invite.ics`` (``application/ics``) for clients that only offer files.
    Attach the HTML alternative first: the calendar part must come last.
    """
    content = build_invitation(entry, method=method, overrides=overrides)
    attach_invitation_content(message, content, method=method)
    return content


def attach_invitation_content(
    message: EmailMultiAlternatives, content: bytes | str, *, method: Method
) -> None:
    """:func:`attach_invitation` for an invitation built earlier (e.g. kept in an outbox)."""
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    text = content.decode() if isinstance(content, bytes) else content
    filename = "invite.ics" if method == "REQUEST" else "cancel.ics"
    message.attach_alternative(text, f"text/calendar; method={method}")
    message.attach(filename, text.encode(), "application/ics")


# icalendar components ----------------------------------------------------------------------


def feed_calendar(*, name: str, description: str, refresh: timedelta) -> Calendar:
    """A feed's VCALENDAR with its properties, without VTIMEZONE and events."""
    calendar = _new_calendar(method=None)
    # TEXT values (RFC 7986); icalendar leaves X- properties unescaped unless told.
    name = " ".join(name.split())
    calendar.add("NAME", vText(name))
    calendar.add("X-WR-CALNAME", vText(name))
    if description:
        calendar.add("DESCRIPTION", vText(description))
        calendar.add("X-WR-CALDESC", vText(description))
    calendar.add("X-WR-TIMEZONE", TZID)
    calendar.add("REFRESH-INTERVAL", vDuration(refresh), parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(refresh))
    return calendar


def _new_calendar(*, method: Method | None) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if method is not None:
        calendar.add("METHOD", method)
    return calendar


@cache
def vtimezone_ical() -> bytes:
    """Europe/Berlin in the RRULE form of Google and Thunderbird, which Outlook also reads.

    icalendar's ``Timezone.from_tzid`` would list every transition as RDATEs up to a fixed
    last year (2038 by default); Outlook misreads RDATE lists and shifts events by an hour.
    The rule here is open-ended; ``tests/ical`` checks it against the tz database and
    against ``from_tzid`` for every year from 1996.
    """
    timezone = Timezone()
    timezone.add("TZID", TZID)
    timezone.add("X-LIC-LOCATION", TZID)
    for part, name, month, day, hour, offset_from, offset_to in (
        (TimezoneDaylight, "CEST", 3, 29, 2, 1, 2),
        (TimezoneStandard, "CET", 10, 25, 3, 2, 1),
    ):
        onset = part()
        onset.add("TZNAME", name)
        onset.add("TZOFFSETFROM", timedelta(hours=offset_from))
        onset.add("TZOFFSETTO", timedelta(hours=offset_to))
        # 1970's last Sundays: the form every client knows; valid from 1996 (see module doc).
        onset.add("DTSTART", datetime(1970, month, day, hour))  # noqa: DTZ001
        onset.add("RRULE", vRecur({"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"}))
        timezone.add_component(onset)
    return timezone.to_ical()


def vtimezone() -> Timezone:
    timezone = Timezone.from_ical(vtimezone_ical())
    assert isinstance(timezone, Timezone)
    return timezone


def _address(person: Person, **params: str) -> vCalAddress:
    name, email = person
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    address.params.update(params)
    return address


def vevent(entry: CalendarEntry, *, with_people: bool) -> Event:
    event = Event()
    stamp = entry.last_modified.astimezone(UTC)
    event.add("UID", entry.uid)
    event.add("DTSTAMP", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("SEQUENCE", entry.sequence)
    if entry.recurrence_id is not None:
        event.add("RECURRENCE-ID", local_time(entry.recurrence_id))
    event.add("DTSTART", wall_clock(entry.start))
    event.add("DTEND", wall_clock(entry.end))
    if entry.rrule is not None:
        event.add("RRULE", vRecur.from_ical(str(entry.rrule)))
    if entry.exdates:
        event.add("EXDATE", [local_time(value) for value in entry.exdates])
    event.add("SUMMARY", entry.summary)
    if entry.description:
        event.add("DESCRIPTION", entry.description)
    if entry.location:
        event.add("LOCATION", entry.location)
    if entry.url:
        event.add("URL", entry.url)
    if entry.categories:
        event.add("CATEGORIES", list(entry.categories))
    event.add("STATUS", entry.status)
    event.add("TRANSP", "TRANSPARENT" if entry.transparent else "OPAQUE")
    if with_people:
        assert entry.organizer is not None
        event.add("ORGANIZER", _address(entry.organizer))
        for attendee in entry.attendees:
            event.add(
                "ATTENDEE",
                _address(
                    attendee,
                    CUTYPE="INDIVIDUAL",
                    ROLE="REQ-PARTICIPANT",
                    PARTSTAT="ACCEPTED",
                    RSVP="FALSE",
                ),
            )
    return event
