"""The booking outbox under failure, with a real Celery worker, Redis and an SMTP sink.

* A worker is killed (SIGKILL) while it sends a batch and started again: every e-mail
  arrives, identified by its stable Message-ID; at most the one message in flight at the
  moment of the kill may arrive twice (see docs/booking-emails.md for why SMTP allows no
  better).
* Redis is down while a booking is made: the booking succeeds, its e-mail waits in the
  outbox, and the sweeper sends it once Redis is back.

Needs PostgreSQL and Redis (CI); the broker of the second test is a private
``redis-server`` on its own port, never the shared one.
"""

from __future__ import annotations

import datetime as dt
import email
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from house.celery import app
from house.models import OutboxEmail
from house.outbox import outbox_message_id, queue_email, sending, sweep_outbox
from rooms.services import book_room
from tests.rooms.factories import RoomFactory, draft

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SINK = Path(__file__).with_name("smtp_sink.py")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(condition, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


_last_sweep = [0.0]


def _sent_after_sweeping() -> int:
    """How many e-mails are sent; sweeps every 5 s, as the beat does every minute."""
    if time.monotonic() - _last_sweep[0] > 5:
        sweep_outbox()
        _last_sweep[0] = time.monotonic()
    return OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count()


def _message_ids(folder: Path) -> list[str]:
    return [
        email.message_from_bytes(path.read_bytes())["Message-ID"]
        for path in sorted(folder.glob("*.eml"))
    ]


def _start_sink(tmp_path: Path, delay: float):
    port = _free_port()
    folder = tmp_path / "received"
    process = subprocess.Popen(
        [sys.executable, str(SINK), str(port), str(folder), str(delay)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout.readline().strip() == b"ready"
    return process, port, folder


@pytest.fixture
def sink(tmp_path):
    """An SMTP server on a free port that takes 0.3 s per message."""
    process, port, folder = _start_sink(tmp_path, 0.3)
    yield port, folder
    process.kill()
    process.wait(timeout=10)


@pytest.fixture
def healthy_sink(tmp_path):
    """An SMTP server on a free port that answers at once."""
    process, port, folder = _start_sink(tmp_path, 0.0)
    yield port, folder
    process.kill()
    process.wait(timeout=10)


class Workers:
    """Starts Celery workers as separate processes (own process group, so a kill is total)."""

    def __init__(self, *, broker: str, smtp_port: int, queue: str, tmp_path: Path) -> None:
        db = settings.DATABASES["default"]
        self.env = os.environ | {
            "DATABASE_URL": (
                f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/"
                f"{connection.settings_dict['NAME']}"
            ),
            "REDIS_URL": broker,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "false",
            "EMAIL_FILE_PATH": str(tmp_path / "unused"),
        }
        self.queue = queue
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "house",
                "worker",
                "--pool",
                "solo",
                "-Q",
                self.queue,
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def use_broker():
    """Point this process's Celery app at a broker and queue; restore afterwards."""
    saved = (
        app.conf.task_always_eager,
        app.conf.task_default_queue,
        app.conf.broker_url,
    )

    def switch(broker: str, queue: str) -> None:
        app.conf.task_always_eager = False
        app.conf.task_default_queue = queue
        if broker != app.conf.broker_url:
            app.conf.broker_url = broker
            # Publish through pools for the new broker (kombu keys its pools by connection).
            app._pool = None
            app.amqp._producer_pool = None

    yield switch
    if app.conf.broker_url != saved[2]:
        app._pool = None
        app.amqp._producer_pool = None
    app.conf.task_always_eager, app.conf.task_default_queue, app.conf.broker_url = saved


def test_killed_worker_loses_no_email_and_duplicates_at_most_the_one_in_flight(
    sink, tmp_path, use_broker, monkeypatch
):
    smtp_port, received = sink
    queue = f"reliability-{os.getpid()}"
    use_broker(settings.REDIS_URL, queue)
    workers = Workers(
        broker=settings.REDIS_URL, smtp_port=smtp_port, queue=queue, tmp_path=tmp_path
    )
    try:
        first = workers.start()
        rows = [
            queue_email(to=[f"gast{i}@example.org"], subject=f"Bestätigung {i}", text="Gebucht.")
            for i in range(20)
        ]
        expected = {outbox_message_id(row) for row in rows}
        _wait_for(lambda: len(list(received.glob("*.eml"))) >= 4, what="first deliveries")

        workers.kill(first)  # mid-batch: one row is typically claimed ("sending")
        delivered_at_kill = len(list(received.glob("*.eml")))
        workers.start()
        # The sweeper releases claims of dead workers (10 min in production; 1 s here).
        monkeypatch.setattr(sending, "STALE_CLAIM", dt.timedelta(seconds=1))
        time.sleep(1.5)
        _wait_for(lambda: _sent_after_sweeping() == 20, timeout=120, what="all 20 e-mails sent")
    finally:
        workers.stop_all()

    ids = _message_ids(received)
    assert delivered_at_kill < 20
    assert set(ids) == expected  # nothing lost
    assert len(ids) - len(set(ids)) <= 1  # only the message in flight may arrive twice


def test_booking_emails_are_sent_well_within_a_minute(healthy_sink, tmp_path, use_broker):
    """50 booking e-mails through a worker and a healthy SMTP server: p95 of commit → sent."""
    smtp_port, received = healthy_sink
    queue = f"latency-{os.getpid()}"
    use_broker(settings.REDIS_URL, queue)
    workers = Workers(
        broker=settings.REDIS_URL, smtp_port=smtp_port, queue=queue, tmp_path=tmp_path
    )
    try:
        workers.start()
        probe = queue_email(to=["probe@example.org"], subject="Probe", text="Läuft der Worker?")
        _wait_for(
            lambda: OutboxEmail.objects.filter(pk=probe.pk, status="sent").exists(),
            what="the worker to start",
        )
        OutboxEmail.objects.filter(pk=probe.pk).delete()
        for i in range(50):
            queue_email(to=[f"gast{i}@example.org"], subject="Bestätigung", text="Gebucht.")
        _wait_for(
            lambda: OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count() == 50,
            timeout=120,
            what="50 e-mails sent",
        )
    finally:
        workers.stop_all()

    delays = sorted(
        (row.sent_at - row.created_at).total_seconds() for row in OutboxEmail.objects.all()
    )
    p95 = delays[int(len(delays) * 0.95) - 1]
    assert p95 < 60, f"p95 {p95:.2f} s: {delays}"
    assert len(list(received.glob("*.eml"))) == 51  # with the probe


def test_booking_succeeds_while_redis_is_down_and_its_email_follows(
    sink, tmp_path, use_broker, reception, default_fee_rules
):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server to start a private broker")
    smtp_port, received = sink
    port = _free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    queue = f"redis-down-{os.getpid()}"
    use_broker(broker, queue)  # nothing listens there yet: Redis is "down"
    workers = Workers(broker=broker, smtp_port=smtp_port, queue=queue, tmp_path=tmp_path)
    redis = None
    try:
        booking = book_room(actor=reception, draft=draft(RoomFactory(), title="Ohne Redis"))
        rows = OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}")
        assert rows.count() == 2  # booker and reception copy
        assert set(rows.values_list("status", flat=True)) == {OutboxEmail.Status.QUEUED}

        redis = subprocess.Popen(
            ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for(lambda: _accepts(port), timeout=10, what="private redis-server")
        workers.start()
        sweep_outbox()  # the beat runs this every minute
        _wait_for(
            lambda: set(rows.values_list("status", flat=True)) == {OutboxEmail.Status.SENT},
            timeout=60,
            what="the booking's e-mails",
        )
    finally:
        workers.stop_all()
        if redis is not None:
            redis.terminate()
            redis.wait(timeout=10)

    assert sorted(_message_ids(received)) == sorted(outbox_message_id(row) for row in rows)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2):
            return True
    except OSError:
        return False
