"""A real Celery worker, fed through Redis, sends an outbox e-mail from the database."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from house.celery import app
from house.models import OutboxEmail
from house.services import queue_email

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    db = settings.DATABASES["default"]
    env = os.environ | {
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{connection.settings_dict['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
    }
    env.pop("EMAIL_HOST", None)
    queue_name = f"test-{os.getpid()}"
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
            queue_name,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue_name
    yield tmp_path / "mail"
    app.conf.task_always_eager, app.conf.task_default_queue = previous
    process.terminate()
    process.wait(timeout=20)


def test_worker_sends_the_email_after_commit(worker):
    email = queue_email(
        to=["gast@example.org"], subject="Bestätigung", text="Ihr Raum ist gebucht."
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        email.refresh_from_db()
        if email.status == OutboxEmail.Status.SENT:
            break
        time.sleep(0.3)
    assert email.status == OutboxEmail.Status.SENT
    written = list(worker.glob("*.log"))
    assert len(written) == 1
    assert "Ihr Raum ist gebucht." in written[0].read_text()
