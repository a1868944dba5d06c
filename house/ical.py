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

    from datetime import datetime, timedelta
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

    # A feed view (cache ``content`` keyed on the feed's last change for speed):
    content = build_feed([entry], name="Raum Kassel – Treppe 4")
    return conditional_feed_response(
        request, content, last_modified=entry.last_modified, filename="raum-kassel.ics"
    )

    # An e-mail invitation (EmailMultiAlternatives, after its HTML alternative):
    attach_invitation(message, entry, method="REQUEST")
    # A cancellation: same UID, a higher sequence (STATUS:CANCELLED is set for you):
    cancel = dataclasses.replace(entry, sequence=entry.sequence + 1)
    attach_invitation(message, cancel, method="CANCEL")
    # Only the bytes, or (filename, bytes, mimetype) for another mailer:
    build_invitation(entry, method="REQUEST")
    invitation_attachment(entry, "REQUEST")

    webcal_url(request.build_absolute_uri(path))  # "webcal://…/calendar.ics"
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date
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
    "conditional_feed_response",
    "feed_etag",
    "invitation_attachment",
    "webcal_url",
]

TZID = "Europe/Berlin"
BERLIN = ZoneInfo(TZID)
PRODID = "-//Hausportal//Hausportal//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"

#: The EU rule the VTIMEZONE describes (last Sundays of March and October at 01:00 UTC)
#: holds in Germany since 1996; earlier years followed other rules.
VTIMEZONE_VALID_FROM = datetime(1996, 1, 1, tzinfo=UTC)

Status = Literal["CONFIRMED", "TENTATIVE", "CANCELLED"]
Method = Literal["REQUEST", "CANCEL"]
#: (display name, e-mail address)
Person = tuple[str, str]

_STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")
_METHODS = ("REQUEST", "CANCEL")


@dataclasses.dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT: a single appointment, a recurring series, or one overridden occurrence.

    All datetimes must be aware (any zone; they are instants). ``last_modified`` is the
    time of the entry's last change and becomes DTSTAMP, so feeds stay byte-identical until
    something changes. ``rrule`` is a dict (``{"FREQ": "WEEKLY", "UNTIL": aware_dt}``) or an
    RFC 5545 string (``"FREQ=WEEKLY;COUNT=10"``); it is normalised to its RFC 5545 string
    with UNTIL in UTC. A naive UNTIL in a string is read as Europe/Berlin wall-clock time, a
    date UNTIL as the end of that day there. ``exdates`` are the original starts of the
    skipped occurrences. An entry with ``recurrence_id`` overrides (moves or cancels) the
    occurrence that originally started then; it shares the ``uid`` of its series.
    """

    uid: str
    start: datetime
    end: datetime
    summary: str
    last_modified: datetime
    description: str = ""
    location: str = ""
    status: Status = "CONFIRMED"
    sequence: int = 0
    url: str = ""
    organizer: Person | None = None
    attendees: Sequence[Person] = ()
    categories: Sequence[str] = ()
    transparent: bool = False
    rrule: Mapping[str, Any] | str | None = None
    exdates: Sequence[datetime] = ()
    recurrence_id: datetime | None = None

    def __post_init__(self) -> None:
        if not self.uid or any(ord(char) < 32 for char in self.uid):
            raise ValueError(f"uid must be a non-empty single line: {self.uid!r}")
        for field in ("start", "end", "last_modified", "recurrence_id"):
            _require_aware(getattr(self, field), field)
        for value in self.exdates:
            _require_aware(value, "exdates")
        if self.end <= self.start:
            raise ValueError(f"{self.uid}: end {self.end} is not after start {self.start}")
        if self.start < VTIMEZONE_VALID_FROM:
            raise ValueError(f"{self.uid}: starts before 1996, outside the VTIMEZONE's rule")
        if self.status not in _STATUSES:
            raise ValueError(f"{self.uid}: status must be one of {_STATUSES}")
        if self.sequence < 0:
            raise ValueError(f"{self.uid}: sequence must not be negative")
        if self.rrule is not None and self.recurrence_id is not None:
            raise ValueError(f"{self.uid}: an overridden occurrence cannot recur itself")
        if self.exdates and self.rrule is None:
            raise ValueError(f"{self.uid}: exdates need an rrule")
        if self.rrule is not None and any(
            _in_changing_hour(value) for value in (self.start, self.end)
        ):
            raise ValueError(
                f"{self.uid}: a series cannot start or end between 02:00 and 03:00, the hour"
                " skipped in March and repeated in October"
            )
        # Normalise to hashable, canonical values: frozen entries compare and sort reliably.
        set_ = object.__setattr__
        set_(self, "attendees", tuple((str(n), str(e)) for n, e in self.attendees))
        set_(self, "categories", tuple(self.categories))
        set_(self, "exdates", tuple(sorted(self.exdates)))
        if self.organizer is not None:
            set_(self, "organizer", (str(self.organizer[0]), str(self.organizer[1])))
        if self.rrule is not None:
            set_(self, "rrule", _normalise_rrule(self.rrule))

    @property
    def recurs(self) -> bool:
        """Whether this entry is a series (has an RRULE)."""
        return self.rrule is not None

    def sort_key(self) -> tuple[str, int, datetime]:
        """Order in a calendar: by UID, the series before its overridden occurrences."""
        if self.recurrence_id is None:
            return (self.uid, 0, self.start)
        return (self.uid, 1, self.recurrence_id)


def build_feed(
    entries: Iterable[CalendarEntry],
    *,
    name: str,
    description: str = "",
    refresh: timedelta = timedelta(hours=1),
) -> bytes:
    """Render a subscribable calendar (no METHOD) of ``entries``, named ``name``.

    Deterministic: the same entries give the same bytes in any order. ``refresh`` is the
    polling interval suggested to clients (REFRESH-INTERVAL and X-PUBLISHED-TTL; Google and
    Outlook.com ignore it and poll on their own schedule). ORGANIZER and ATTENDEE are never
    written to a feed.

    Feeds can hold a room's whole year, so their VEVENTs are written by a direct serializer
    (about 20 times faster than building icalendar components); ``tests/ical`` checks that
    its bytes equal icalendar's for generated entries.
    """
    head = _feed_calendar(name=name, description=description, refresh=refresh).to_ical()
    assert head.endswith(_END_VCALENDAR)
    events = "".join(_vevent_text(e) for e in sorted(entries, key=CalendarEntry.sort_key))
    return b"".join(
        (head.removesuffix(_END_VCALENDAR), _vtimezone_ical(), events.encode(), _END_VCALENDAR)
    )


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
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, not {method!r}")
    if entry.organizer is None or not entry.attendees:
        raise ValueError(f"{entry.uid}: an invitation needs an organizer and an attendee")
    for override in overrides:
        if override.uid != entry.uid or override.recurrence_id is None:
            raise ValueError(f"{override.uid}: overrides need the series' uid and recurrence_id")
    calendar = _calendar(method=method)
    calendar.add_component(_vtimezone())
    for item in sorted([entry, *overrides], key=CalendarEntry.sort_key):
        if method == "CANCEL":
            item = dataclasses.replace(item, status="CANCELLED")  # noqa: PLW2901
        calendar.add_component(_vevent(item, with_people=True))
    return calendar.to_ical()


def invitation_attachment(entry: CalendarEntry, method: Method) -> tuple[str, bytes, str]:
    """``(filename, content, mimetype)`` of an invitation, for any mailer.

    The mimetype carries the iTIP method (RFC 6047), which mail clients use to recognise an
    invitation: ``text/calendar; charset=utf-8; method=REQUEST``. With Django's mail prefer
    :func:`attach_invitation`: ``EmailMessage.attach`` adds its own charset parameter, and
    Outlook only treats a text/calendar *alternative* as a meeting request.
    """
    content = build_invitation(entry, method=method)
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
    if method not in _METHODS:
        raise ValueError(f"method must be one of {_METHODS}, not {method!r}")
    text = content.decode() if isinstance(content, bytes) else content
    filename = "invite.ics" if method == "REQUEST" else "cancel.ics"
    message.attach_alternative(text, f"text/calendar; method={method}")
    message.attach(filename, text.encode(), "application/ics")


def feed_etag(content: bytes) -> str:
    """A strong ETag for feed bytes (quoted, as HTTP wants it)."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def conditional_feed_response(
    request: HttpRequest,
    content: bytes,
    *,
    last_modified: datetime | None,
    filename: str,
    private: bool = False,
    max_age: int = 300,
) -> HttpResponse:
    """Answer a feed request: ``200`` with the feed, or ``304 Not Modified``.

    Sets Content-Type ``text/calendar; charset=utf-8``, a strong ETag of ``content``,
    Last-Modified (when given: the feed's latest change), Cache-Control and a
    Content-Disposition with ``filename``. Preconditions follow RFC 9110 §13.2.2 (Django's
    ``get_conditional_response``): If-None-Match wins over If-Modified-Since; the 304
    keeps ETag, Last-Modified and Cache-Control. Use ``private=True`` for secret-token feeds
    so shared caches do not keep them.
    """
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    etag = feed_etag(content)
    response.headers["ETag"] = etag
    timestamp: int | None = None
    if last_modified is not None:
        _require_aware(last_modified, "last_modified")
        timestamp = int(last_modified.timestamp())
        response.headers["Last-Modified"] = http_date(timestamp)
    scope = "private" if private else "public"
    response.headers["Cache-Control"] = f"{scope}, max-age={max_age}"
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if disposition is not None:
        response.headers["Content-Disposition"] = disposition
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    # Given a response, Django returns it or a 304/412, never None.
    return conditional if conditional is not None else response


def webcal_url(https_url: str) -> str:
    """The ``webcal://`` twin of a feed URL: a click on it opens the subscribe dialogue."""
    for scheme in ("https://", "http://"):
        if https_url.startswith(scheme):
            return "webcal://" + https_url.removeprefix(scheme)
    raise ValueError(f"not an http(s) URL: {https_url!r}")


# Internals ---------------------------------------------------------------------------------


def _require_aware(value: datetime | None, field: str) -> None:
    if value is None:
        return
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{field} must be an aware datetime, not {value!r}")


def _local(instant: datetime) -> datetime:
    """Europe/Berlin wall-clock time of an instant (normalising non-existent local times).

    Through UTC on purpose: ``astimezone`` returns a datetime already in BERLIN unchanged,
    even a non-existent 02:30 in March.
    """
    return instant.astimezone(UTC).astimezone(BERLIN)


def _in_repeated_hour(instant: datetime) -> bool:
    """Whether ``instant`` falls in the hour repeated in October (ambiguous local time)."""
    local = _local(instant)
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _in_changing_hour(instant: datetime) -> bool:
    """Whether the local time of day is 02:xx, the hour the clocks skip or repeat."""
    return _local(instant).hour == 2


def _wall_clock(instant: datetime) -> datetime:
    """Europe/Berlin local time, or UTC where local time is ambiguous (see module doc)."""
    if _in_repeated_hour(instant):
        return instant.astimezone(UTC)
    return _local(instant)


def _normalise_rrule(rrule: Mapping[str, Any] | str) -> str:
    recur = vRecur.from_ical(rrule) if isinstance(rrule, str) else vRecur(rrule)
    recur = vRecur({key.upper(): value for key, value in recur.items()})
    if "UNTIL" in recur:
        values = recur["UNTIL"] if isinstance(recur["UNTIL"], list) else [recur["UNTIL"]]
        recur["UNTIL"] = [_until_in_utc(value) for value in values]
    return recur.to_ical().decode()


def _until_in_utc(value: date | datetime) -> datetime:
    # RFC 5545 §3.3.10: with a DTSTART in a time zone, UNTIL must be given in UTC.
    if not isinstance(value, datetime):
        value = datetime.combine(value, time(23, 59, 59), tzinfo=BERLIN)
    elif value.utcoffset() is None:
        value = value.replace(tzinfo=BERLIN)
    return value.astimezone(UTC)


def _feed_calendar(*, name: str, description: str, refresh: timedelta) -> Calendar:
    """A feed's VCALENDAR with its properties, without VTIMEZONE and events."""
    calendar = _calendar(method=None)
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


def _calendar(*, method: Method | None) -> Calendar:
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if method is not None:
        calendar.add("METHOD", method)
    return calendar


@cache
def _vtimezone_ical() -> bytes:
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


def _vtimezone() -> Timezone:
    timezone = Timezone.from_ical(_vtimezone_ical())
    assert isinstance(timezone, Timezone)
    return timezone


def _address(person: Person, **params: str) -> vCalAddress:
    name, email = person
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    address.params.update(params)
    return address


def _vevent(entry: CalendarEntry, *, with_people: bool) -> Event:
    event = Event()
    stamp = entry.last_modified.astimezone(UTC)
    event.add("UID", entry.uid)
    event.add("DTSTAMP", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("SEQUENCE", entry.sequence)
    if entry.recurrence_id is not None:
        event.add("RECURRENCE-ID", _local(entry.recurrence_id))
    event.add("DTSTART", _wall_clock(entry.start))
    event.add("DTEND", _wall_clock(entry.end))
    if entry.rrule is not None:
        event.add("RRULE", vRecur.from_ical(str(entry.rrule)))
    if entry.exdates:
        event.add("EXDATE", [_local(value) for value in entry.exdates])
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


# The feed serializer: the same bytes as ``_vevent(entry, with_people=False)`` gives through
# icalendar (same property order, escaping and folding), checked in tests/ical/test_ical_fast.py.

_END_VCALENDAR = b"END:VCALENDAR\r\n"
_FOLD_LIMIT = 75


def _escape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping, as icalendar does it."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a character or an escape, as icalendar does."""
    if len(line.encode()) < _FOLD_LIMIT:
        return line
    chunks: list[str] = []
    current: list[str] = []
    octets = 0
    for char in line:
        size = len(char.encode())
        if current and octets + size >= _FOLD_LIMIT:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else ""
            chunks.append("".join(current))
            current = [carried] if carried else []
            octets = len(carried.encode())
        current.append(char)
        octets += size
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def _when(instant: datetime) -> str:
    """``;TZID=Europe/Berlin:20261026T100000`` or ``:20261025T003000Z`` (see _wall_clock)."""
    value = _wall_clock(instant)
    if value.tzinfo is UTC:
        return value.strftime(":%Y%m%dT%H%M%SZ")
    return value.strftime(f";TZID={TZID}:%Y%m%dT%H%M%S")


def _vevent_text(entry: CalendarEntry) -> str:
    stamp = entry.last_modified.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VEVENT",
        f"SUMMARY:{_escape_text(entry.summary)}",
        f"DTSTART{_when(entry.start)}",
        f"DTEND{_when(entry.end)}",
        f"DTSTAMP:{stamp}",
        f"UID:{_escape_text(entry.uid)}",
    ]
    if entry.recurrence_id is not None:
        local = _local(entry.recurrence_id).strftime("%Y%m%dT%H%M%S")
        lines.append(f"RECURRENCE-ID;TZID={TZID}:{local}")
    lines.append(f"SEQUENCE:{entry.sequence}")
    if entry.rrule is not None:
        lines.append(f"RRULE:{entry.rrule}")
    if entry.exdates:
        dates = ",".join(_local(value).strftime("%Y%m%dT%H%M%S") for value in entry.exdates)
        lines.append(f"EXDATE;TZID={TZID}:{dates}")
    if entry.categories:
        lines.append("CATEGORIES:" + ",".join(_escape_text(c) for c in entry.categories))
    if entry.description:
        lines.append(f"DESCRIPTION:{_escape_text(entry.description)}")
    lines.append(f"LAST-MODIFIED:{stamp}")
    if entry.location:
        lines.append(f"LOCATION:{_escape_text(entry.location)}")
    lines.append(f"STATUS:{entry.status}")
    lines.append(f"TRANSP:{'TRANSPARENT' if entry.transparent else 'OPAQUE'}")
    if entry.url:
        lines.append(f"URL:{entry.url}")
    lines.append("END:VEVENT")
    return "".join(_fold(line) + "\r\n" for line in lines)
