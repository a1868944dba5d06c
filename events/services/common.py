"""What every write of the programme shares: errors, versions of the public pages, slugs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from events.models import Event
from house.caching import raise_versions

#: A series creates at most this many dates at once.
MAX_SERIES_DATES = 104
#: Versions of the cached public pieces (``house.caching``): every listing, every feed.
LISTINGS_VERSION = "events:listings"
FEEDS_VERSION = "events:feeds"
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


class EventError(Exception):
    """An event cannot be saved as asked; ``message`` says why in plain language.

    ``alternatives``: free slots instead of a taken room (``rooms.availability.Slot``).
    """

    def __init__(
        self, message: str, *, field: str | None = None, alternatives: list[Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.alternatives = alternatives or []


class RegistrationError(Exception):
    """A registration is refused; nothing was saved. ``message`` is shown to the visitor."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class EventFullError(RegistrationError):
    """Not enough places left; the visitor may join the waiting list instead."""


#: The lock space of one event's places (``house.locks``): every writer that gives
#: places back (cancelling, an expiring hold) or turns a hold into a registration.
SEATS_LOCK = "events.seats"


def event_version(slug: str) -> str:
    """The version name of one event's public page (``house.caching``)."""
    return f"events:event:{slug}"


def invalidate_public_pages(*, slugs: Iterable[str] = (), feeds: bool = True) -> None:
    """Make the cached public pages showing these events stale (after commit of a change).

    The listings (list, month calendar) always; the pages of the events named by
    ``slugs``; the feeds unless ``feeds=False``. Registrations change the places left
    on the pages but nothing in a feed: they pass ``feeds=False``, so a busy
    registration day does not rebuild the feeds, and the pages of other events stay.
    """
    names = [LISTINGS_VERSION, *(event_version(slug) for slug in slugs)]
    if feeds:
        names.append(FEEDS_VERSION)
    raise_versions(names)


def unique_slug(title: str, *, start: dt.datetime, exclude_pk: int | None = None) -> str:
    """A readable, unique address: ``erzaehlcafe-2026-11-25`` (with a counter if needed)."""
    folded = title.translate(_UMLAUTS)
    base = f"{slugify(folded)[:90] or 'event'}-{timezone.localtime(start):%Y-%m-%d}"
    slug, counter = base, 2
    taken = Event.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _take_seats(event: Event, seats: int) -> bool:
    """Take ``seats`` if they are free; one conditional UPDATE, safe under concurrency."""
    if event.capacity is None:
        Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + seats)
        return True
    return bool(
        Event.objects.filter(pk=event.pk, seats_taken__lte=F("capacity") - seats).update(
            seats_taken=F("seats_taken") + seats
        )
    )
