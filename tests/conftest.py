"""Fixtures shared by every test of Hausportal."""

from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests.factories import UserFactory

# Property tests judge the portal, not the machine: on a busy CI runner generating
# examples may be slow, which is no failure of what is tested.
hypothesis_settings.register_profile(
    "hausportal", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("hausportal")


@pytest.fixture(autouse=True)
def _house_language():
    """Every test starts in the house's language. A request in English leaves English
    active in the thread afterwards (the locale middleware activates, nothing resets),
    and the next test in the same process would otherwise read English messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    """Tasks run in-process in tests, also when REDIS_URL is set; the worker
    tests start a real Celery worker and switch this off themselves."""
    from house.celery import app

    app.conf.task_always_eager = True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Start every run without the rows that data migrations add.

    Browser tests flush the database, and a reused test database is not restored
    afterwards, so whether those rows exist depends on the order and the options
    of a run. Removing them here makes every run the same: a test that needs
    them asks for ``vocabularies`` or ``default_fee_rules``.
    """
    from rooms.models import FeeRule
    from tenants.models import Language, TargetGroup, Topic

    with django_db_blocker.unblock():
        for model in (FeeRule, TargetGroup, Topic, Language):
            model.objects.all().delete()


@pytest.fixture(autouse=True)
def _fresh_content_types(request):
    """A transactional test empties the database, and content types come back with new
    ids: forget the ids this process kept, or a history entry points at a gone row."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction"))
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        from django.contrib.contenttypes.models import ContentType

        ContentType.objects.clear_cache()


@pytest.fixture(autouse=True)
def _isolated_cache():
    """Each test starts with empty caches (rate limits, cached house profile, page frame)."""
    from django.core.cache import caches

    cache.clear()
    caches["fragments"].clear()
    yield
    cache.clear()
    caches["fragments"].clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests create many people; real password hashing would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def vocabularies(db):
    """The shared terms of the directory and the programme (target groups, topics,
    languages) as their data migration adds them.

    Tests ask for this instead of relying on the migration's rows: browser tests
    flush the database, and a reused test database is not restored afterwards.
    """
    from tenants.demo import ensure_vocabularies

    ensure_vocabularies()


@pytest.fixture
def default_fee_rules(db):
    """The default tariff of the conference centre as its data migration adds it
    (asked for explicitly, for the same reason as ``vocabularies``)."""
    import importlib

    from django.apps import apps

    from rooms.models import FeeRule

    if not FeeRule.objects.exists():
        migration = importlib.import_module("rooms.migrations.0003_default_fee_rules")
        migration.add_rules(apps, None)
    return FeeRule.objects.all()


@pytest.fixture
def house(db):
    from house.demo import seed_house

    return seed_house()


class PrivateRedis:
    """A Redis server of one test's own, which the test may stop and start again."""

    def __init__(self, directory) -> None:
        import socket

        self.directory = directory
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        import socket
        import subprocess
        import time

        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
        )
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("the private Redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def private_redis(tmp_path):
    """A running Redis of this test's own: stopping it disturbs nobody else."""
    import shutil

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def pytest_configure(config):
    workers = getattr(config.option, "numprocesses", None)
    if workers and os.environ.get("REDIS_URL"):
        raise pytest.UsageError(
            "With REDIS_URL every test clears the one shared Redis cache: run with -n 0."
        )


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    vendor = settings.DATABASES["default"]["ENGINE"]
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL=postgres://...")
    skip_redis = pytest.mark.skip(reason="needs Redis: set REDIS_URL=redis://...")
    for item in items:
        if "postgres" in item.keywords and "postgresql" not in vendor:
            item.add_marker(skip_pg)
        if "redis" in item.keywords and not settings.REDIS_URL:
            item.add_marker(skip_redis)
