"""What a booking change makes stale: the pieces of the rooms and weeks it touches.

The room page shows one room in one week, the reception board all rooms in one
week (or one day of it), a room's feed one room over months, the secret-token
feeds and the free alternatives any room. Each depends on the versions named
here (``house.caching``); a booking change raises the versions of its rooms
(the booked room, its physical parts and every combined room sharing one of
them) in the weeks its blocked time spans, plus the house-wide one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from django.db.models import Q
from django.utils import timezone

from house.caching import cached, raise_versions

if TYPE_CHECKING:
    from collections.abc import Callable

    from rooms.models import Booking

T = TypeVar("T")

#: Weeks whose pages are kept, counted from this week: further ones are rendered fresh.
WEEKS_KEPT = range(-52, 105)

#: Any booking anywhere: secret-token feeds, free alternatives, the count of requests.
ALL_BOOKINGS = "rooms:bookings"
#: The rooms themselves, their photos, parts and prices (the list of rooms, room pages).
CATALOGUE = "rooms:catalogue"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def keeps_week(monday: dt.date) -> bool:
    """Whether pages of this week are kept: a bounded range of validated weeks only."""
    offset = (monday - monday_of(timezone.localdate())).days // 7
    return offset in WEEKS_KEPT


def room_week(slug: str, monday: dt.date) -> str:
    """One room in the week starting ``monday`` (the room page)."""
    return f"rooms:room:{slug}:week:{monday.isoformat()}"


def week(monday: dt.date) -> str:
    """Every room in the week starting ``monday`` (the reception board)."""
    return f"rooms:week:{monday.isoformat()}"


def room(slug: str) -> str:
    """One room at any time (its public feed)."""
    return f"rooms:room:{slug}"


def kept(
    key: str,
    build: Callable[[], T],
    *,
    depends_on: list[str],
    timeout: int,
    week: dt.date | None = None,
) -> T:
    """``build()``'s result, kept under ``key`` until a booking it shows changes (a version
    in ``depends_on`` is raised after commit) or ``timeout`` seconds pass.

    A piece of one week (``week``: its Monday) is kept only for the weeks of
    :data:`WEEKS_KEPT`; other weeks are built fresh and leave nothing in the cache. The
    reception board, the room pages and the free alternatives keep their pieces here.
    """
    if week is not None and not keeps_week(week):
        return build()
    return cached(key, build, depends_on=depends_on, timeout=timeout)


def _slugs_sharing(room_ids: list[int]) -> list[str]:
    """The rooms these are, are made of, or are part of (one query)."""
    from rooms.models import Room

    combined = Room.parts.through.objects.filter(to_room_id__in=room_ids).values("from_room_id")
    return list(
        Room.objects.filter(Q(pk__in=room_ids) | Q(pk__in=combined)).values_list("slug", flat=True)
    )


def _mondays(start: dt.datetime, end: dt.datetime) -> list[dt.date]:
    first = monday_of(timezone.localtime(start).date())
    last = timezone.localtime(end).date()
    mondays = []
    while first <= last:
        mondays.append(first)
        first += dt.timedelta(days=7)
    return mondays


def forget_booking(booking: Booking) -> None:
    """After commit, make stale what shows ``booking`` where it is now.

    Call it again before moving a booking, for where it was.
    """
    slugs = _slugs_sharing([booking.room_id, *booking.room.physical_room_ids()])
    names = {ALL_BOOKINGS}
    for monday in _mondays(booking.blocked_from, booking.blocked_until):
        names.add(week(monday))
        names.update(room_week(slug, monday) for slug in slugs)
    names.update(room(slug) for slug in slugs)
    raise_versions(names)


def catalogue_changed(sender: object, **kwargs: object) -> None:
    """A room, its photos, its parts or a price changed (signal receiver)."""
    if not str(kwargs.get("action", "post_")).startswith("pre_"):
        raise_versions([CATALOGUE])


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from rooms.models import FeeRule, Room, RoomPhoto

    for signal in (post_save, post_delete):
        for model in (Room, RoomPhoto, FeeRule):
            signal.connect(catalogue_changed, sender=model, dispatch_uid=f"rooms.catalogue.{model}")
    m2m_changed.connect(
        catalogue_changed, sender=Room.parts.through, dispatch_uid="rooms.catalogue.parts"
    )
