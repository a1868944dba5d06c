"""Calendar entries: what one VEVENT says, validated, in instants (see :mod:`house.ical`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from icalendar import vRecur

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

METHODS = ("REQUEST", "CANCEL")
_STATUSES = ("CONFIRMED", "TENTATIVE", "CANCELLED")


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
            require_aware(getattr(self, field), field)
        for value in self.exdates:
            require_aware(value, "exdates")
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


def require_aware(value: datetime | None, field: str) -> None:
    """Refuse naive datetimes: without a zone an instant means nothing to a calendar."""
    if value is None:
        return
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{field} must be an aware datetime, not {value!r}")


def local_time(instant: datetime) -> datetime:
    """Europe/Berlin wall-clock time of an instant (normalising non-existent local times).

    Through UTC on purpose: ``astimezone`` returns a datetime already in BERLIN unchanged,
    even a non-existent 02:30 in March.
    """
    return instant.astimezone(UTC).astimezone(BERLIN)


def in_repeated_hour(instant: datetime) -> bool:
    """Whether ``instant`` falls in the hour repeated in October (ambiguous local time)."""
    local = local_time(instant)
    return local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()


def _in_changing_hour(instant: datetime) -> bool:
    """Whether the local time of day is 02:xx, the hour the clocks skip or repeat."""
    return local_time(instant).hour == 2


def wall_clock(instant: datetime) -> datetime:
    """Europe/Berlin local time, or UTC where local time is ambiguous (see :mod:`house.ical`)."""
    if in_repeated_hour(instant):
        return instant.astimezone(UTC)
    return local_time(instant)


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
