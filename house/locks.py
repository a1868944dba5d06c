"""One way to serialise writers and one way to recognise a lost race.

Writers that read and then write a shared count (the room's free slots, an
organisation's monthly quota, the places of a shift, an actor's vote budget,
an invoice number) take a transaction-level advisory lock in a named key
space first::

    with transaction.atomic():
        lock("rooms.room", room.pk)
        ...

The lock is held until the transaction ends. Waiting is bounded by
``LOCK_TIMEOUT_MS`` (or ``timeout_ms``); a writer that waits longer gets
:class:`LockTimeoutError` and the caller answers "try again" or "taken".

PostgreSQL is the database that runs several writers at once. SQLite
(development, the embedded default) takes its write lock at the start of
every transaction (``IMMEDIATE``), so writers are already serialised there
and ``lock`` does nothing.

A race lost at the database (an exclusion or unique constraint, a deadlock,
a lock timeout, a serialisation failure) is recognised by its SQLSTATE with
:func:`is_lost_race`, never by the text of the error message.
"""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import OperationalError, connection

if TYPE_CHECKING:
    from collections.abc import Iterable

#: SQLSTATE codes that mean "someone else got there first".
EXCLUSION_VIOLATION = "23P01"
UNIQUE_VIOLATION = "23505"
DEADLOCK_DETECTED = "40P01"
SERIALIZATION_FAILURE = "40001"
LOCK_NOT_AVAILABLE = "55P03"
LOST_RACE_STATES = frozenset(
    {EXCLUSION_VIOLATION, DEADLOCK_DETECTED, SERIALIZATION_FAILURE, LOCK_NOT_AVAILABLE}
)

#: SQLite's primary result codes for a busy or locked database (the extended code's low byte).
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_CONSTRAINT_UNIQUE = 2067
_SQLITE_CONSTRAINT_PRIMARYKEY = 1555


class LockTimeoutError(OperationalError):
    """The lock was not granted within the timeout: another writer holds it."""


def space_id(space: str) -> int:
    """The first key of PostgreSQL's two-int advisory lock for a named space.

    A stable CRC of the name, as a signed 32-bit integer: the same on every
    process and release, so writers of one space always meet on one key.
    """
    value = zlib.crc32(space.encode())
    return value - (1 << 32) if value >= 1 << 31 else value


def _key(key: int) -> int:
    # pg_advisory_xact_lock(int4, int4): fold larger ids into the int4 range.
    return ((key + (1 << 31)) % (1 << 32)) - (1 << 31)


def lock(space: str, key: int, *, timeout_ms: int | None = None) -> None:
    """Hold the lock ``(space, key)`` until the current transaction ends."""
    lock_many(space, [key], timeout_ms=timeout_ms)


def lock_many(space: str, keys: Iterable[int], *, timeout_ms: int | None = None) -> None:
    """Hold several locks of one space, taken in ascending order so that two writers
    asking for overlapping sets cannot deadlock each other."""
    if connection.vendor != "postgresql":
        return
    if not connection.in_atomic_block:
        raise RuntimeError("Advisory locks are transaction-level: call lock() inside atomic().")
    wait = settings.LOCK_TIMEOUT_MS if timeout_ms is None else timeout_ms
    first = space_id(space)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        previous = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{int(wait)}ms"])
        try:
            for key in sorted(set(keys)):
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [first, _key(key)])
        except OperationalError as exc:
            if sqlstate(exc) == LOCK_NOT_AVAILABLE:
                raise LockTimeoutError(str(exc)) from exc
            raise
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])


def sqlstate(exc: BaseException) -> str | None:
    """The SQLSTATE of a database error, looking through Django's wrapping."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        state = getattr(current, "sqlstate", None) or getattr(current, "pgcode", None)
        if state:
            return str(state)
        current = current.__cause__ or current.__context__
    return None


def _sqlite_code(exc: BaseException) -> int | None:
    current: BaseException | None = exc
    while current is not None:
        code = getattr(current, "sqlite_errorcode", None)
        if code is not None:
            return int(code)
        current = current.__cause__
    return None


def is_lost_race(exc: BaseException) -> bool:
    """True for an error that means another writer took what this one wanted:
    an exclusion constraint, a deadlock, a lock or serialisation timeout (or, on
    SQLite, a database that stayed busy)."""
    if isinstance(exc, LockTimeoutError):
        return True
    if sqlstate(exc) in LOST_RACE_STATES:
        return True
    code = _sqlite_code(exc)
    return code is not None and code & 0xFF in {_SQLITE_BUSY, _SQLITE_LOCKED}


def is_unique_violation(exc: BaseException) -> bool:
    """True for a unique constraint that refused a second row (PostgreSQL or SQLite)."""
    if sqlstate(exc) == UNIQUE_VIOLATION:
        return True
    return _sqlite_code(exc) in {_SQLITE_CONSTRAINT_UNIQUE, _SQLITE_CONSTRAINT_PRIMARYKEY}


def constraint_name(exc: BaseException) -> str | None:
    """The name of the constraint that refused the write, where the driver reports it."""
    current: BaseException | None = exc
    while current is not None:
        diag = getattr(current, "diag", None)
        name = getattr(diag, "constraint_name", None)
        if name:
            return str(name)
        current = current.__cause__
    return None
