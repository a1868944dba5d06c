"""Rendered pieces kept in the cache until what they show changes.

Every cached piece names the *versions* it depends on: a room in a week, a week
of the board, one event, the programme as a whole. A change raises only the
versions it touches (after commit), so a booking in one room and week leaves
the other rooms and weeks in the cache, and a change to one event leaves the
pages of the others.

A hit costs one round trip to the cache: the piece and its versions are read
together, and the piece is used only if it was built under the versions read.
A version is a point in time (nanoseconds), never a counter starting at 1:
a version lost from the cache comes back as a new value, so nothing built
before can pass as current. Pieces are kept only under keys made of
validated values (a room that exists, a week in range, a known filter), so
requests cannot fill the cache with entries of their own making.

The cache is an optimisation. When it does not answer, pieces are built from
the database and version changes are skipped (the pieces expire on their own).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

if TYPE_CHECKING:
    from django.http import HttpRequest

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Sentinel of :func:`lookup`: nothing current under the key.
MISSING = object()


def _version_key(name: str) -> str:
    return f"v:{name}"


class Versions:
    """The versions of the names a piece depends on, as read before it was built.

    Names without a version yet (never raised, or dropped by the cache) get one only
    when a piece built under them is stored (:meth:`settle`): a request for
    something that does not exist leaves nothing behind.
    """

    def __init__(self, names: list[str], found: dict[str, object]) -> None:
        self.names = names
        self.values = {name: found.get(_version_key(name)) for name in names}

    @property
    def complete(self) -> bool:
        return all(value is not None for value in self.values.values())

    def stamp(self) -> tuple[str, ...]:
        return tuple(str(self.values[name]) for name in self.names)

    def settle(self) -> bool:
        """Give the missing names a version; False if a change raised one meanwhile."""
        now = str(time.time_ns())
        for name, value in self.values.items():
            if value is None:
                if not cache.add(_version_key(name), now, None):
                    return False
                self.values[name] = now
        return True


def lookup(key: str, *, depends_on: Iterable[str]) -> tuple[Versions | None, object]:
    """``(versions, value)`` of ``key`` if it was built under the current versions, else
    ``(versions, MISSING)``; ``(None, MISSING)`` when the cache does not answer."""
    names = list(depends_on)
    try:
        found = cache.get_many([*(_version_key(name) for name in names), key])
    except Exception:
        logger.warning("cache unavailable: reading %s", key, exc_info=True)
        return None, MISSING
    versions = Versions(names, found)
    entry = found.get(key)
    if entry is not None and versions.complete and entry[0] == versions.stamp():
        return versions, entry[1]
    return versions, MISSING


def store(key: str, value: object, *, versions: Versions | None, timeout: int) -> None:
    """Keep ``value`` under ``key`` as built under ``versions`` (read before building)."""
    if versions is None:
        return
    try:
        if versions.settle():
            cache.set(key, (versions.stamp(), value), timeout)
    except Exception:
        logger.warning("cache unavailable: keeping %s", key, exc_info=True)


def cached(key: str, build: Callable[[], T], *, depends_on: Iterable[str], timeout: int) -> T:
    """``build()``'s result, kept under ``key`` until a version in ``depends_on`` is raised
    or ``timeout`` seconds pass.

    The versions are read before ``build()`` runs, so a change committed meanwhile
    makes the new entry stale at once. Nothing is kept if ``build()`` raises.
    """
    versions, value = lookup(key, depends_on=depends_on)
    if value is not MISSING:
        return value  # type: ignore[return-value]
    built = build()
    store(key, built, versions=versions, timeout=timeout)
    return built


def cached_each(
    pieces: Sequence[tuple[str, Iterable[str]]], build: Callable[[int], T], *, timeout: int
) -> list[T]:
    """:func:`cached` for several pieces at once: ``pieces`` are ``(key, depends_on)``;
    ``build(i)`` builds the i-th. All pieces and their versions are read in one round
    trip, the missing ones built and kept together, so a change to what one piece shows
    leaves the others kept."""
    wanted = [(key, list(names)) for key, names in pieces]
    all_names = sorted({name for _key, names in wanted for name in names})
    try:
        found = cache.get_many(
            [*(_version_key(name) for name in all_names), *(key for key, _names in wanted)]
        )
    except Exception:
        logger.warning("cache unavailable: building %d pieces", len(wanted), exc_info=True)
        return [build(index) for index in range(len(wanted))]
    values: list[T] = []
    keep: dict[str, object] = {}
    for index, (key, names) in enumerate(wanted):
        versions = Versions(names, found)
        entry = found.get(key)
        if entry is not None and versions.complete and entry[0] == versions.stamp():
            values.append(entry[1])
            continue
        value = build(index)
        values.append(value)
        try:
            if versions.settle():
                keep[key] = (versions.stamp(), value)
        except Exception:
            logger.warning("cache unavailable: keeping %s", key, exc_info=True)
    if keep:
        try:
            cache.set_many(keep, timeout)
        except Exception:
            logger.warning("cache unavailable: %d pieces not kept", len(keep), exc_info=True)
    return values


def current_versions(names: Iterable[str]) -> tuple[object, ...]:
    """The versions of ``names`` as the cache holds them now (``None``: none yet)."""
    names = list(names)
    found = cache.get_many([_version_key(name) for name in names])
    return tuple(found.get(_version_key(name)) for name in names)


def raise_versions_now(names: Iterable[str]) -> None:
    """Make every piece depending on ``names`` stale at once (outside a transaction)."""
    now = str(time.time_ns())
    try:
        cache.set_many({_version_key(name): now for name in names}, None)
    except Exception:
        logger.warning("cache unavailable: versions not raised", exc_info=True)


def raise_versions(names: Iterable[str]) -> None:
    """Make every piece depending on ``names`` stale once the current transaction commits."""
    names = sorted(set(names))
    if names:
        transaction.on_commit(lambda: raise_versions_now(names), robust=True)


#: The home page: the house's own texts and its closure days.
HOME_PAGE = "house:home"
#: The house's closure days (the home page, the directory's next consultation hours).
CLOSURES = "house:closures"

_home_page_names: list[str] = [HOME_PAGE, CLOSURES]


def home_page_depends_on(*names: str) -> None:
    """Declare (at start-up) versions the home page shows besides the house's own: the
    programme's next events, the consultation hours open today."""
    for name in names:
        if name not in _home_page_names:
            _home_page_names.append(name)


def home_page_names() -> list[str]:
    return list(_home_page_names)


def kept_body(
    request: HttpRequest,
    key: str,
    template: str,
    context: Callable[[], dict[str, object]],
    *,
    depends_on: Iterable[str],
    timeout: int,
) -> SafeString:
    """The body of a page (what its ``content`` block shows), kept under ``key`` until a
    version in ``depends_on`` is raised or ``timeout`` seconds pass.

    The body is rendered without the request: nothing of the visitor (session, CSRF
    token, messages, the signed-in person) can end up in it and be shown to the next
    one. ``key`` must be made of validated values only; the language and the host are
    added here. The page around it (navigation, messages) is rendered per request.
    """
    full_key = ":".join(["page", get_language(), request.get_host(), key])
    html = cached(
        full_key,
        lambda: render_to_string(template, context()),
        depends_on=depends_on,
        timeout=timeout,
    )
    # Our own template output, rendered a moment ago or from the cache.
    return mark_safe(html)  # noqa: S308


def closures_changed(sender: object, **kwargs: object) -> None:
    """A closure day was added, changed or removed (signal receiver)."""
    raise_versions([CLOSURES])
