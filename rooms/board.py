"""The occupancy of rooms laid out for display: the reception board and the public week view.

Both read the occupancy rows of a period once (one query, whatever the
number of bookings in the house) and arrange them in Python.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext

from house.formats import format_as
from rooms.models import Booking, Occupancy, Room

SLOT_MINUTES = 30
DAY_START = dt.time(7, 0)
DAY_END = dt.time(22, 0)


@dataclass
class Cell:
    room: Room
    start: dt.datetime
    booking: Booking | None = None
    is_buffer: bool = False
    is_first: bool = False

    @property
    def is_free(self) -> bool:
        return self.booking is None


@dataclass
class Row:
    start: dt.datetime
    cells: list[Cell] = field(default_factory=list)


@dataclass
class DayEntry:
    booking: Booking
    start: dt.datetime
    end: dt.datetime


def local_day_span(day: dt.date, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(0)), tz)
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=days), dt.time(0)), tz)
    return start, end


def occupancies_between(
    room_ids: set[int], start: dt.datetime, end: dt.datetime
) -> list[Occupancy]:
    return list(
        Occupancy.objects.overlapping(start, end)
        .filter(room_id__in=room_ids)
        .select_related("booking", "booking__organisation", "booking__person", "booking__room")
        .order_by("blocked_from")
    )


def _bookings_by_room(rooms: list[Room], rows: list[Occupancy]) -> dict[int, list[Booking]]:
    """Each column room's blocking bookings: its own and those of rooms sharing a physical part."""
    result: dict[int, list[Booking]] = {}
    for room in rooms:
        ids = set(room.physical_room_ids())
        seen: dict[int, Booking] = {}
        for row in rows:
            if row.room_id in ids:
                seen.setdefault(row.booking_id, row.booking)
        result[room.pk] = sorted(seen.values(), key=lambda b: b.start)
    return result


def day_board(rooms: list[Room], day: dt.date) -> list[Row]:
    """Rows of half-hour slots from 07:00 to 22:00, one cell per room."""
    span_start, span_end = local_day_span(day)
    all_ids = {pk for room in rooms for pk in room.physical_room_ids()}
    by_room = _bookings_by_room(rooms, occupancies_between(all_ids, span_start, span_end))
    tz = timezone.get_current_timezone()
    slot = timezone.make_aware(dt.datetime.combine(day, DAY_START), tz)
    last = timezone.make_aware(dt.datetime.combine(day, DAY_END), tz)
    rows = []
    while slot < last:
        slot_end = slot + dt.timedelta(minutes=SLOT_MINUTES)
        row = Row(start=slot)
        for room in rooms:
            cell = Cell(room=room, start=slot)
            for booking in by_room[room.pk]:
                if booking.blocked_from < slot_end and booking.blocked_until > slot:
                    cell.booking = booking
                    cell.is_buffer = not (booking.start < slot_end and booking.end > slot)
                    cell.is_first = booking.start >= slot and booking.start < slot_end
                    break
            row.cells.append(cell)
        rows.append(row)
        slot = slot_end
    return rows


def week_board(rooms: list[Room], monday: dt.date) -> list[tuple[dt.date, list[list[Booking]]]]:
    """For each day of the week, per room, the bookings that day (by start)."""
    span_start, span_end = local_day_span(monday, days=7)
    all_ids = {pk for room in rooms for pk in room.physical_room_ids()}
    by_room = _bookings_by_room(rooms, occupancies_between(all_ids, span_start, span_end))
    days = []
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        per_room = [
            [b for b in by_room[room.pk] if timezone.localtime(b.start).date() == day]
            for room in rooms
        ]
        days.append((day, per_room))
    return days


@dataclass(frozen=True, slots=True)
class WeekEntry:
    """A booking as the reception's week board shows it: plain values, no model rows."""

    pk: int
    times: str
    title: str
    is_pending: bool
    url: str


@dataclass(frozen=True, slots=True)
class FreeSlot:
    """A free time in a room on the week board: a click books it (two hours at most).

    Its address and words are written here, once, in the reader's language: a week
    holds some 360 of them, too many to build each in the template."""

    start: dt.time
    end: dt.time
    href: str = ""
    label: str = ""
    hidden_label: str = ""


@dataclass(frozen=True, slots=True)
class WeekCell:
    """One room on one day of the reception's week board."""

    room: Room
    entries: list[WeekEntry]
    free: list[FreeSlot]

    @property
    def timeline(self) -> list[tuple[WeekEntry | None, FreeSlot | None]]:
        """Bookings and free times in the order of the day: ``(entry, None)`` or
        ``(None, slot)``."""
        items: list[tuple[str, WeekEntry | None, FreeSlot | None]] = [
            (entry.times[:5], entry, None) for entry in self.entries
        ]
        items += [(f"{slot.start:%H:%M}", None, slot) for slot in self.free]
        return [(entry, slot) for _at, entry, slot in sorted(items, key=lambda item: item[0])]


#: The free times shown per room and day on the week board, and the shortest one shown.
FREE_SLOTS_SHOWN = 2
FREE_SLOT_MINUTES = 60
#: The length a click on a free time proposes; the form changes it.
PROPOSED_MINUTES = 120


def free_times(
    room: Room,
    day: dt.date,
    blocked: list[tuple[dt.datetime, dt.datetime]],
    *,
    not_before: dt.datetime | None = None,
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The times ``room`` could be booked on ``day``: within its opening hours (and not
    before ``not_before``), at least an hour long, with room for its own set-up and
    tear-down. ``blocked`` are the spans held in the room or its parts, buffers included."""
    tz = timezone.get_current_timezone()
    opens = timezone.make_aware(dt.datetime.combine(day, room.opens_at), tz)
    closes = timezone.make_aware(dt.datetime.combine(day, room.closes_at), tz)
    if not_before is not None and not_before > opens:
        # The next full half hour: nobody books a room from 10:07.
        late = timezone.localtime(not_before) - dt.timedelta(minutes=1)
        opens = late.replace(minute=30 if late.minute < 30 else 0, second=0, microsecond=0)
        if late.minute >= 30:
            opens += dt.timedelta(hours=1)
    before = dt.timedelta(minutes=room.setup_minutes)
    after = dt.timedelta(minutes=room.teardown_minutes)
    times: list[tuple[dt.datetime, dt.datetime]] = []
    held_until: dt.datetime | None = None
    for next_from, next_until in [*sorted(blocked), (None, None)]:
        start = opens if held_until is None else max(opens, held_until + before)
        end = closes if next_from is None else min(closes, next_from - after)
        if end - start >= dt.timedelta(minutes=FREE_SLOT_MINUTES):
            times.append((start, end))
        if next_until is not None:
            held_until = next_until if held_until is None else max(held_until, next_until)
    return times


def free_slots(
    room: Room,
    day: dt.date,
    blocked: list[tuple[dt.datetime, dt.datetime]],
    *,
    not_before: dt.datetime | None = None,
    address: str = "",
    day_label: str = "",
) -> list[FreeSlot]:
    """The first free times of ``room`` on ``day`` as the week board offers them: a click
    on one opens ``address`` (the booking form) with room, day and two hours at most."""
    proposed = dt.timedelta(minutes=PROPOSED_MINUTES)
    slots = []
    for start, end in free_times(room, day, blocked, not_before=not_before)[:FREE_SLOTS_SHOWN]:
        begins = timezone.localtime(start).time()
        ends = timezone.localtime(min(end, start + proposed)).time()
        at = f"{begins:%H:%M}"
        slots.append(
            FreeSlot(
                start=begins,
                end=ends,
                href=f"{address}?room={room.slug}&date={day:%Y-%m-%d}&start={at}&end={ends:%H:%M}",
                label=gettext("free from %(start)s") % {"start": at},
                hidden_label=gettext("book %(room)s on %(day)s at %(start)s")
                % {"room": room, "day": day_label, "start": at},
            )
        )
    return slots


def free_times_of_day(room: Room, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The free times of one room on one day (from now on, if it is today), read in one
    query: for the booking forms, beside the fields."""
    span_start, span_end = local_day_span(day)
    blocked = list(
        Occupancy.objects.overlapping(span_start, span_end)
        .filter(room_id__in=room.physical_room_ids())
        .values_list("blocked_from", "blocked_until")
    )
    return free_times(room, day, blocked, not_before=timezone.now())


def reception_week(
    rooms: list[Room], monday: dt.date, *, offer_from: dt.datetime | None = None
) -> list[tuple[dt.date, list[WeekCell]]]:
    """For each day of the week, per room, the bookings that day (by start) and the first
    free times from ``offer_from`` on (none before it), for the board.

    A full week holds hundreds of bookings: they are read as values in one query (no
    model objects) and each is worked out once, not once per room and day.
    """
    from django.urls import reverse

    span_start, span_end = local_day_span(monday, days=7)
    all_ids = {pk for room in rooms for pk in room.physical_room_ids()}
    rows = (
        Occupancy.objects.overlapping(span_start, span_end)
        .filter(room_id__in=all_ids)
        .values_list(
            "room_id",
            "booking_id",
            "booking__start",
            "booking__end",
            "booking__title",
            "booking__state",
            "blocked_from",
            "blocked_until",
        )
        .order_by("booking__start", "booking_id")
    )
    # One reverse for the week: the addresses of the bookings differ only by their number.
    marker = str(2**31 - 1)
    address = reverse("rooms:reception_booking", kwargs={"pk": marker})
    in_room: dict[int, list[int]] = {}
    held: dict[int, list[tuple[dt.datetime, dt.datetime]]] = {}
    entries: dict[int, tuple[dt.datetime, dt.date, WeekEntry]] = {}
    for room_id, pk, start, end, title, state, blocked_from, blocked_until in rows:
        in_room.setdefault(room_id, []).append(pk)
        held.setdefault(room_id, []).append((blocked_from, blocked_until))
        if pk not in entries:
            local_start, local_end = timezone.localtime(start), timezone.localtime(end)
            entry = WeekEntry(
                pk=pk,
                times=f"{local_start:%H:%M}–{local_end:%H:%M}",
                title=title,
                is_pending=state == Booking.State.REQUESTED,
                url=address.replace(marker, str(pk)),
            )
            entries[pk] = (start, local_start.date(), entry)
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    per_day: dict[dt.date, list[WeekCell]] = {day: [] for day in days}
    book_address = reverse("rooms:reception_book")
    day_labels = {day: format_as(day, "short_weekday_day") for day in days}
    for room in rooms:
        parts = room.physical_room_ids()
        ids = {pk for part in parts for pk in in_room.get(part, ())}
        spans = [span for part in parts for span in held.get(part, ())]
        by_day: dict[dt.date, list[tuple[dt.datetime, int, WeekEntry]]] = {}
        for pk in ids:
            start, day, entry = entries[pk]
            by_day.setdefault(day, []).append((start, pk, entry))
        for day in days:
            offered = (
                offer_from is not None
                and day >= timezone.localtime(offer_from).date()
                and room.is_bookable
            )
            per_day[day].append(
                WeekCell(
                    room=room,
                    entries=[entry for _s, _pk, entry in sorted(by_day.get(day, []))],
                    free=free_slots(
                        room,
                        day,
                        spans,
                        not_before=offer_from,
                        address=book_address,
                        day_label=day_labels[day],
                    )
                    if offered
                    else [],
                )
            )
    return [(day, per_day[day]) for day in days]


def public_label(booking: Booking) -> str:
    """What the public sees of a booking (see :meth:`Booking.public_title`)."""
    return booking.public_title()
