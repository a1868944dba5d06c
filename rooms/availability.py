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

from rooms.models import Occupancy, Room

if TYPE_CHECKING:
    from collections.abc import Iterable


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
    rows = Occupancy.objects.filter(
        room_id__in=list(room_ids), blocked_from__lt=blocked_until, blocked_until__gt=blocked_from
    ).select_related("booking", "booking__room", "room")
    if exclude_booking_id is not None:
        rows = rows.exclude(booking_id=exclude_booking_id)
    return list(rows.order_by("blocked_from"))


def busy_room_ids(
    *, room_ids: Iterable[int], blocked_from: dt.datetime, blocked_until: dt.datetime
) -> set[int]:
    return set(
        Occupancy.objects.filter(
            room_id__in=list(room_ids),
            blocked_from__lt=blocked_until,
            blocked_until__gt=blocked_from,
        ).values_list("room_id", flat=True)
    )


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
        rooms = list(Room.objects.bookable().with_parts())
    wanted = set(equipment)
    fitting = []
    for room in rooms:
        capacity = room.capacity_for(layout) if layout else room.max_capacity
        if capacity < attendees or not wanted.issubset(set(room.equipment)):
            continue
        local_start, local_end = timezone.localtime(start), timezone.localtime(end)
        if local_start.date() != local_end.date() or not (
            room.opens_at <= local_start.time() and local_end.time() <= room.closes_at
        ):
            continue
        fitting.append(room)
    if not fitting:
        return []
    widest_setup = max(_buffers(room)[0] for room in fitting)
    widest_teardown = max(_buffers(room)[1] for room in fitting)
    rows = list(
        Occupancy.objects.filter(
            room_id__in={pk for room in fitting for pk in room.physical_room_ids()},
            blocked_from__lt=end + widest_teardown,
            blocked_until__gt=start - widest_setup,
        ).values_list("room_id", "blocked_from", "blocked_until")
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


def suggest_alternatives(
    *, room: Room, start: dt.datetime, end: dt.datetime, attendees: int, layout: str, limit: int = 4
) -> list[Slot]:
    """Free slots near the wanted one: other rooms at once, then this room at other times."""
    suggestions = [
        Slot(other, start, end)
        for other in free_rooms(start=start, end=end, attendees=attendees, layout=layout)
        if other.pk != room.pk
    ][:2]
    room = Room.objects.with_parts().get(pk=room.pk)
    for shift_hours in (1, -1, 2, -2, 3, -3, 24, 48, 168):
        if len(suggestions) >= limit:
            break
        shift = dt.timedelta(hours=shift_hours)
        if start + shift <= timezone.now():
            continue
        if free_rooms(
            start=start + shift, end=end + shift, attendees=attendees, layout=layout, rooms=[room]
        ):
            suggestions.append(Slot(room, start + shift, end + shift))
    return suggestions[:limit]
