"""The lock module: named advisory locks with a timeout, and lost races recognised by SQLSTATE."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)

from house import locks


def test_space_ids_are_stable_and_distinct():
    assert locks.space_id("rooms.room") == locks.space_id("rooms.room")
    assert locks.space_id("rooms.room") != locks.space_id("volunteers.shift")
    assert -(2**31) <= locks.space_id("anything") < 2**31


class _PgError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__("localised text that must not matter")
        self.sqlstate = sqlstate


@pytest.mark.parametrize("state", ["23P01", "40P01", "55P03", "40001"])
def test_a_lost_race_is_recognised_by_sqlstate_through_djangos_wrapping(state):
    wrapped = IntegrityError("wrapped")
    wrapped.__cause__ = _PgError(state)
    assert locks.is_lost_race(wrapped)


def test_an_other_integrity_error_is_no_lost_race_whatever_its_text_says():
    wrapped = IntegrityError("exclusion deadlock occupancy_no_overlap")
    wrapped.__cause__ = _PgError("23503")  # foreign key violation
    assert not locks.is_lost_race(wrapped)


def test_unique_violation_on_sqlite_is_recognised_by_its_code():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    db.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError) as info:
        db.execute("INSERT INTO t VALUES (1)")
    assert locks.is_unique_violation(info.value)
    assert not locks.is_lost_race(info.value)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_lock_outside_a_transaction_is_refused_on_postgresql():
    with pytest.raises(RuntimeError):
        locks.lock("tests.space", 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_at_most_the_timeout_and_then_loses_the_race():
    held = threading.Event()
    release = threading.Event()

    def holder():
        try:
            with transaction.atomic():
                locks.lock("tests.space", 7)
                held.set()
                release.wait(5)
        finally:
            close_old_connections()
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(5)
    started = time.monotonic()
    try:
        with pytest.raises(OperationalError) as info, transaction.atomic():
            locks.lock("tests.space", 7, timeout_ms=200)
        waited = time.monotonic() - started
        assert isinstance(info.value, locks.LockTimeoutError)
        assert locks.is_lost_race(info.value)
        assert waited < 2
        # Another key of the same space is free meanwhile.
        with transaction.atomic():
            locks.lock("tests.space", 8, timeout_ms=200)
    finally:
        release.set()
        thread.join()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_lock_timeout_is_restored_after_the_lock_is_granted():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        before = cursor.fetchone()[0]
        locks.lock("tests.space", 1, timeout_ms=123)
        cursor.execute("SELECT current_setting('lock_timeout')")
        assert cursor.fetchone()[0] == before
