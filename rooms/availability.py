"""Reads about free and busy rooms: conflicts, alternatives, the free-room finder.

Everything here reads through :class:`rooms.models.Occupancy`, the one row
per physical room and blocking booking, so combined rooms and their parts are
handled alike: a combined room is free when all its parts are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from rooms.models import Layout, Occupancy, Room

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


@dataclass(frozen=True)
class Slot:
    room: Room
    start: dt.datetime
    end: dt.datetime

    @property
    def label(self) -> str:
        start = timezone.localtime(self.start)
        end = timezone.localtime(self.end)
        return f"{self.room.name}, {start:%d.%m.%Y %H:%M}–{end:%H:%M}"


def conflicting_occupancies(
    *,
    room_ids: Iterable[int],
    blocked_from: dt.datetime,
    blocked_until: dt.datetime,
    exclude_booking_id: int | None = None,
) -> list[Occupancy]:
    """Occupancy rows of blocking bookings that overlap the given span in any of ``room_ids``."""
    rows = (
        Occupancy.objects.overlapping(blocked_from, blocked_until)
        .filter(room_id__in=list(room_ids))
        # The message names the room (in both languages), not its descriptions and capacities.
        .select_related("room")
        .only(
            "booking_id", "room_id", "blocked_from", "blocked_until", "room__name", "room__name_en"
        )
    )
    if exclude_booking_id is not None:
        rows = rows.exclude(booking_id=exclude_booking_id)
    return list(rows.order_by("blocked_from"))


def busy_room_ids(
    *,
    room_ids: Iterable[int],
    blocked_from: dt.datetime,
    blocked_until: dt.datetime,
    exclude_booking_id: int | None = None,
) -> set[int]:
    """Which of ``room_ids`` a blocking booking occupies in the span: ids only, no rows."""
    rows = Occupancy.objects.overlapping(blocked_from, blocked_until).filter(
        room_id__in=list(room_ids)
    )
    if exclude_booking_id is not None:
        rows = rows.exclude(booking_id=exclude_booking_id)
    return set(rows.values_list("room_id", flat=True))


def _buffers(room: Room) -> tuple[dt.timedelta, dt.timedelta]:
    return dt.timedelta(minutes=room.setup_minutes), dt.timedelta(minutes=room.teardown_minutes)


def free_rooms(
    *,
    start: dt.datetime,
    end: dt.datetime,
    attendees: int = 1,
    layout: str | None = None,
    equipment: Iterable[str] = (),
    rooms: list[Room] | None = None,
) -> list[Room]:
    """Bookable rooms that are free (buffers included), big enough and equipped as asked."""
    if rooms is None:
        rooms = list(Room.objects.for_board())
    wanted = set(equipment)
    fitting = []
    for room in rooms:
        capacity = room.capacity_for(layout) if layout else room.max_capacity
        if capacity < attendees or not wanted.issubset(set(room.equipment)):
            continue
        if not _within_hours(room, start, end):
            continue
        fitting.append(room)
    if not fitting:
        return []
    widest_setup = max(_buffers(room)[0] for room in fitting)
    widest_teardown = max(_buffers(room)[1] for room in fitting)
    rows = list(
        Occupancy.objects.overlapping(start - widest_setup, end + widest_teardown)
        .filter(room_id__in={pk for room in fitting for pk in room.physical_room_ids()})
        .values_list("room_id", "blocked_from", "blocked_until")
    )
    result = []
    for room in fitting:
        setup, teardown = _buffers(room)
        ids = set(room.physical_room_ids())
        if not any(
            room_id in ids and b_from < end + teardown and b_until > start - setup
            for room_id, b_from, b_until in rows
        ):
            result.append(room)
    return result


def _within_hours(room: Room, start: dt.datetime, end: dt.datetime) -> bool:
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    return local_start.date() == local_end.date() and (
        room.opens_at <= local_start.time() and local_end.time() <= room.closes_at
    )


def suggest_alternatives(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    attendees: int,
    layout: str,
    limit: int = 4,
    rooms: list[Room] | None = None,
) -> list[Slot]:
    """Free slots near the wanted one: other rooms at once, then this room at other times.

    Four queries whatever the house's size: rooms (with parts; none when the
    caller passes the bookable ``rooms`` it has loaded), their occupancy at the
    wanted time, closure days and this room's occupancy around the shifted times.
    """
    from house.models import ClosureDay

    if rooms is None:
        rooms = list(Room.objects.for_board())
    suggestions = [
        Slot(other, start, end)
        for other in free_rooms(
            start=start, end=end, attendees=attendees, layout=layout, rooms=rooms
        )
        if other.pk != room.pk
    ][:2]
    room = next((r for r in rooms if r.pk == room.pk), room)
    now = timezone.now()
    shifts = [dt.timedelta(hours=h) for h in (1, -1, 2, -2, 3, -3, 24, 48, 168)]
    spans = [
        (start + shift, end + shift)
        for shift in shifts
        if start + shift > now and _within_hours(room, start + shift, end + shift)
    ]
    if not spans or len(suggestions) >= limit:
        return suggestions[:limit]
    setup, teardown = _buffers(room)
    low, high = min(s for s, _e in spans) - setup, max(e for _s, e in spans) + teardown
    busy = list(
        Occupancy.objects.overlapping(low, high)
        .filter(room_id__in=room.physical_room_ids())
        .values_list("blocked_from", "blocked_until")
    )
    closed = set(
        ClosureDay.objects.between(
            timezone.localtime(low).date(), timezone.localtime(high).date()
        ).values_list("date", flat=True)
    )
    for span_start, span_end in spans:
        if len(suggestions) >= limit:
            break
        if timezone.localtime(span_start).date() in closed:
            continue
        if not any(
            b_from < span_end + teardown and b_until > span_start - setup
            for b_from, b_until in busy
        ):
            suggestions.append(Slot(room, span_start, span_end))
    return suggestions[:limit]


# --- the finder's nearest possibilities ----------------------------------------------------

#: Equipment a room's media fee covers: a booking asking for it books the media extra.
MEDIA_EQUIPMENT = frozenset({"projector", "screen", "sound_system", "video_conferencing"})


@dataclass(frozen=True)
class Possibility:
    """A free room near what was asked: another time, another day, a combined room or
    another layout that still seats the group."""

    kind: str  # "time" | "day" | "combined" | "layout"
    room: Room
    start: dt.datetime
    end: dt.datetime
    layout: str

    @property
    def layout_label(self) -> str:
        return str(Layout(self.layout).label) if self.layout in Layout.values else self.layout


def _seats(room: Room, layout: str, attendees: int) -> bool:
    return room.capacity_for(layout) >= attendees


def _equipped(room: Room, wanted: set[str], rooms_by_id: dict[int, Room]) -> bool:
    """A room has what is asked for; a combined room also what its parts have."""
    have = set(room.equipment)
    if room.is_combined:
        for pk in room.physical_room_ids():
            part = rooms_by_id.get(pk)
            if part is not None:
                have.update(part.equipment)
    return wanted.issubset(have)


def nearest_possibilities(
    *,
    start: dt.datetime,
    end: dt.datetime,
    attendees: int,
    layout: str,
    equipment: Iterable[str] = (),
    rooms: list[Room] | None = None,
    per_kind: int = 3,
) -> dict[str, list[Possibility]]:
    """When no room fits as asked: the nearest possibilities, by kind.

    ``time``: fitting rooms at other times that day (nearest first); ``day``: the same
    time on the nearby days (a week either way, nearest first, closed days skipped);
    ``combined``: combined rooms that seat the group, counting their parts' equipment;
    ``layout``: rooms free at the time that seat the group in another layout. Three
    queries whatever the house's size: rooms (unless given), closure days and the
    occupancy of a fortnight around the day.
    """
    from house.models import ClosureDay

    if rooms is None:
        rooms = list(Room.objects.for_board())
    wanted = set(equipment)
    by_id = {room.pk: room for room in rooms}
    now = timezone.now()
    day = timezone.localtime(start).date()
    low, high = start - dt.timedelta(days=8), end + dt.timedelta(days=8)
    rows = list(
        Occupancy.objects.overlapping(low, high)
        .filter(room_id__in={pk for room in rooms for pk in room.physical_room_ids()})
        .values_list("room_id", "blocked_from", "blocked_until")
    )
    closed = set(
        ClosureDay.objects.between(
            day - dt.timedelta(days=7), day + dt.timedelta(days=7)
        ).values_list("date", flat=True)
    )

    def free(room: Room, span_start: dt.datetime, span_end: dt.datetime) -> bool:
        if span_start <= now or not _within_hours(room, span_start, span_end):
            return False
        if timezone.localtime(span_start).date() in closed:
            return False
        setup, teardown = _buffers(room)
        ids = set(room.physical_room_ids())
        return not any(
            pk in ids and b_from < span_end + teardown and b_until > span_start - setup
            for pk, b_from, b_until in rows
        )

    fitting = [r for r in rooms if _seats(r, layout, attendees) and wanted <= set(r.equipment)]
    return {
        "time": _other_times(
            fitting=fitting, start=start, end=end, layout=layout, free=free, limit=per_kind
        ),
        "day": _nearby_days(
            fitting=fitting, start=start, end=end, layout=layout, free=free, limit=per_kind
        ),
        "combined": [
            Possibility("combined", room, start, end, layout)
            for room in rooms
            if room.is_combined
            and _seats(room, layout, attendees)
            and _equipped(room, wanted, by_id)
            and free(room, start, end)
        ][:per_kind],
        "layout": _other_layouts(
            rooms=rooms,
            start=start,
            end=end,
            layout=layout,
            attendees=attendees,
            wanted=wanted,
            free=free,
            limit=per_kind,
        ),
    }


def _other_times(
    *,
    fitting: list[Room],
    start: dt.datetime,
    end: dt.datetime,
    layout: str,
    free: Callable[[Room, dt.datetime, dt.datetime], bool],
    limit: int,
) -> list[Possibility]:
    """Fitting rooms at other times the same day, in half-hour steps, nearest first."""
    day = timezone.localtime(start).date()
    steps = sorted(
        (dt.timedelta(minutes=30 * n) for n in range(-28, 29) if n),
        key=lambda shift: (abs(shift), shift < dt.timedelta(0)),
    )
    found: list[Possibility] = []
    for shift in steps:
        if len(found) >= limit:
            break
        if timezone.localtime(start + shift).date() != day:
            continue
        room = next((r for r in fitting if free(r, start + shift, end + shift)), None)
        if room is not None:
            found.append(Possibility("time", room, start + shift, end + shift, layout))
    return found


def _nearby_days(
    *,
    fitting: list[Room],
    start: dt.datetime,
    end: dt.datetime,
    layout: str,
    free: Callable[[Room, dt.datetime, dt.datetime], bool],
    limit: int,
) -> list[Possibility]:
    """Fitting rooms at the same wall-clock time on the days of a week either way."""
    tz = timezone.get_current_timezone()
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    found: list[Possibility] = []
    for offset in sorted((n for n in range(-7, 8) if n), key=lambda n: (abs(n), n < 0)):
        if len(found) >= limit:
            break
        other = local_start.date() + dt.timedelta(days=offset)
        span_start = timezone.make_aware(dt.datetime.combine(other, local_start.time()), tz)
        span_end = timezone.make_aware(dt.datetime.combine(other, local_end.time()), tz)
        room = next((r for r in fitting if free(r, span_start, span_end)), None)
        if room is not None:
            found.append(Possibility("day", room, span_start, span_end, layout))
    return found


def _other_layouts(
    *,
    rooms: list[Room],
    start: dt.datetime,
    end: dt.datetime,
    layout: str,
    attendees: int,
    wanted: set[str],
    free: Callable[[Room, dt.datetime, dt.datetime], bool],
    limit: int,
) -> list[Possibility]:
    """Rooms free at the time asked that seat the group in another layout: the one with
    the fewest seats that are still enough, nearest to what was asked."""
    found: list[Possibility] = []
    for room in rooms:
        if len(found) >= limit:
            break
        if not wanted <= set(room.equipment) or not free(room, start, end):
            continue
        for other_layout, persons in sorted(room.capacities.items(), key=lambda i: int(i[1])):
            if other_layout != layout and int(persons) >= attendees:
                found.append(Possibility("layout", room, start, end, other_layout))
                break
    return found
