"""Fixtures shared by every test of Hausportal."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True, scope="session")
def _eager_celery():
    """Tasks run in-process in tests, also when REDIS_URL is set; the worker
    tests start a real Celery worker and switch this off themselves."""
    from house.celery import app

    app.conf.task_always_eager = True


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


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def house(db):
    from house.demo import seed_house

    return seed_house()


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
