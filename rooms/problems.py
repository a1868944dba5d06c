"""Why a date cannot be booked, kept as what it is and worded when read.

A series booked by the reception records the dates it left out. Their reasons were
kept as the words of whoever booked, so an English-speaking reader met German
reasons. A :class:`Problem` keeps a code and the facts behind it (ISO dates, the
room's and the closure's names in both languages); :meth:`Problem.text` words it
in the active language. A reason kept from before reasons had codes is shown as
it was written (code ``text``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from house.formats import format_as
from house.translated import in_language

if TYPE_CHECKING:
    from house.models import ClosureDay
    from rooms.models import Room


class Code:
    """What stands in the way of a date."""

    CLOSED = "closed"
    TAKEN = "taken"
    HOURS = "hours"
    TOO_FAR = "too_far"
    PAST = "past"
    NOT_BOOKABLE = "not_bookable"
    ONE_DAY = "one_day"
    END_BEFORE_START = "end_before_start"
    LAYOUT = "layout"
    CAPACITY = "capacity"
    CELEBRATION_COMBINED = "celebration_combined"
    TEXT = "text"


#: Problems whose words need no facts.
PLAIN = {
    Code.PAST: gettext_lazy(
        "The start lies in the past. Only the reception can enter past bookings, with a reason."
    ),
    Code.NOT_BOOKABLE: gettext_lazy("This room cannot be booked at the moment."),
    Code.ONE_DAY: gettext_lazy(
        "A booking must end on the day it starts; please book each day separately."
    ),
    Code.END_BEFORE_START: gettext_lazy("The end must be after the start."),
    Code.LAYOUT: gettext_lazy("This room is not offered in the chosen layout."),
    Code.CELEBRATION_COMBINED: gettext_lazy(
        "Private celebrations are possible in single rooms only, not in combined rooms."
    ),
}


@dataclass(frozen=True)
class Problem:
    """One reason a date cannot be booked: a code and its facts, as strings."""

    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def text(self) -> str:
        """The problem in the active language."""
        words = WORDS.get(self.code)
        if words is not None:
            return words(self.params)
        plain = PLAIN.get(self.code)
        if plain is not None:
            return str(plain)
        return str(self.params.get("text", ""))

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}


def _room(params: Mapping[str, str]) -> str:
    return in_language(params.get("room", ""), params.get("room_en", ""))


def _closed(p: Mapping[str, str]) -> str:
    return _("The house is closed on %(date)s (%(reason)s).") % {
        "date": format_as(dt.date.fromisoformat(p["date"]), "short_date"),
        "reason": in_language(p.get("reason", ""), p.get("reason_en", "")),
    }


def _taken(p: Mapping[str, str]) -> str:
    return _(
        "%(room)s is already booked from %(start)s to %(end)s (set-up and tear-down included)."
    ) % {
        "room": _room(p),
        "start": format_as(dt.datetime.fromisoformat(p["start"]), "short_datetime"),
        "end": p["end"],
    }


def _hours(p: Mapping[str, str]) -> str:
    return _("%(room)s can be booked between %(opens)s and %(closes)s.") % {
        "room": _room(p),
        "opens": p["opens"],
        "closes": p["closes"],
    }


def _too_far(p: Mapping[str, str]) -> str:
    return _("%(room)s can be booked at most %(days)s days in advance.") % {
        "room": _room(p),
        "days": p["days"],
    }


def _capacity(p: Mapping[str, str]) -> str:
    return _("In this layout the room holds at most %(capacity)s people.") % {
        "capacity": p["capacity"]
    }


#: Problems worded with their facts.
WORDS: dict[str, Callable[[Mapping[str, str]], str]] = {
    Code.CLOSED: _closed,
    Code.TAKEN: _taken,
    Code.HOURS: _hours,
    Code.TOO_FAR: _too_far,
    Code.CAPACITY: _capacity,
}


def room_facts(room: Room) -> dict[str, str]:
    return {"room": room.name, "room_en": room.name_en}


def closed(closure: ClosureDay) -> Problem:
    return Problem(
        Code.CLOSED,
        {
            "date": closure.date.isoformat(),
            "reason": closure.reason,
            "reason_en": closure.reason_en,
        },
    )


def taken(room: Room, busy_from: dt.datetime, busy_until: dt.datetime) -> Problem:
    start = timezone.localtime(busy_from).replace(tzinfo=None, second=0, microsecond=0)
    end = timezone.localtime(busy_until)
    return Problem(
        Code.TAKEN, {**room_facts(room), "start": start.isoformat(), "end": f"{end:%H:%M}"}
    )


def outside_hours(room: Room) -> Problem:
    return Problem(
        Code.HOURS,
        {
            **room_facts(room),
            "opens": f"{room.opens_at:%H:%M}",
            "closes": f"{room.closes_at:%H:%M}",
        },
    )


def too_far(room: Room) -> Problem:
    return Problem(Code.TOO_FAR, {**room_facts(room), "days": str(room.max_advance_days)})


def capacity(people: int) -> Problem:
    return Problem(Code.CAPACITY, {"capacity": str(people)})


def plain(code: str) -> Problem:
    return Problem(code)


def as_text(text: str) -> Problem:
    """A problem known only by its words (shown as written)."""
    return Problem(Code.TEXT, {"text": text})


@dataclass(frozen=True)
class SkippedDate:
    """A date a series left out, as kept on the series; ``reason`` reads in the active language."""

    date: dt.date
    problem: Problem
    note: str = ""

    @property
    def reason(self) -> str:
        return self.problem.text()

    @property
    def label(self) -> str:
        return format_as(self.date, "short_weekday_date")

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), **self.problem.to_json(), "note": self.note}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SkippedDate:
        if "code" in data:
            problem = Problem(str(data["code"]), dict(data.get("params") or {}))
        else:  # kept before reasons had codes: its words as they were
            problem = as_text(str(data.get("reason", "")))
        return cls(dt.date.fromisoformat(data["date"]), problem, str(data.get("note", "")))
