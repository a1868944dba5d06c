"""The feed serializer: a busy room's year in well under 150 ms.

It writes the same bytes as :func:`house.ical.render.vevent` (``with_people=False``) gives
through icalendar — same property order, escaping and folding — about 20 times faster;
``tests/ical/test_ical_fast.py`` proves the equality on generated entries.
"""

from __future__ import annotations

from datetime import UTC, datetime

from house.ical.entries import TZID, CalendarEntry, local_time, wall_clock

END_VCALENDAR = b"END:VCALENDAR\r\n"
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


def fold(line: str) -> str:
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
    """``;TZID=Europe/Berlin:20261026T100000`` or ``:20261025T003000Z`` (see wall_clock)."""
    value = wall_clock(instant)
    if value.tzinfo is UTC:
        return value.strftime(":%Y%m%dT%H%M%SZ")
    return value.strftime(f";TZID={TZID}:%Y%m%dT%H%M%S")


def vevent_text(entry: CalendarEntry) -> str:
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
        local = local_time(entry.recurrence_id).strftime("%Y%m%dT%H%M%S")
        lines.append(f"RECURRENCE-ID;TZID={TZID}:{local}")
    lines.append(f"SEQUENCE:{entry.sequence}")
    if entry.rrule is not None:
        lines.append(f"RRULE:{entry.rrule}")
    if entry.exdates:
        dates = ",".join(local_time(value).strftime("%Y%m%dT%H%M%S") for value in entry.exdates)
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
    return "".join(fold(line) + "\r\n" for line in lines)
