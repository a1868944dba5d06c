"""VEVENTs kept in the cache by what they say, so a feed is joined rather than rewritten.

A feed of several hundred entries costs icalendar most of a second to write; after a
change to one entry, the others have not changed. Each entry's VEVENT bytes are kept
under a key made of the entry itself (every value it writes), so a changed entry gets a
new key and an unchanged one finds its bytes: nothing needs to be invalidated, and a
change to one event leaves the pieces of all others. Unused pieces expire.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

import icalendar
from django.core.cache import cache

from house.ical.entries import CalendarEntry
from house.ical.render import feed_vevent

logger = logging.getLogger(__name__)

#: How long an unused piece stays (a feed window moves by a day at a time).
PIECE_SECONDS = 2 * 24 * 3600
#: Part of every key: pieces written by another icalendar (or another writing of ours)
#: are not reused. Raise ``WRITING`` when :func:`house.ical.render.vevent` changes.
WRITING = f"1-{icalendar.__version__}"


def vevent_key(entry: CalendarEntry) -> str:
    """The cache key of ``entry``'s VEVENT: a digest of every value the entry holds."""
    digest = hashlib.sha256(repr(entry).encode()).hexdigest()
    return f"ical:vevent:{WRITING}:{digest}"


def kept_vevents(entries: Sequence[CalendarEntry]) -> list[bytes]:
    """The feed VEVENT bytes of ``entries`` (in order): kept ones from the cache (one round
    trip), the others written by icalendar and kept (one more)."""
    keys = [vevent_key(entry) for entry in entries]
    try:
        found = cache.get_many(keys)
    except Exception:
        logger.warning("cache unavailable: writing every VEVENT", exc_info=True)
        found = {}
    written: dict[str, bytes] = {}
    pieces = []
    for key, entry in zip(keys, entries, strict=True):
        piece = found.get(key)
        if piece is None:
            piece = written[key] = feed_vevent(entry)
        pieces.append(piece)
    if written:
        try:
            cache.set_many(written, PIECE_SECONDS)
        except Exception:
            logger.warning("cache unavailable: VEVENTs not kept", exc_info=True)
    return pieces
