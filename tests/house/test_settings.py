import pytest
from django.core.exceptions import ImproperlyConfigured

from house import settings as hs


def test_env_bool_refuses_garbage(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "vielleicht")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be a boolean"):
        hs.env_bool("SOME_FLAG", default=False)


@pytest.mark.parametrize(
    ("raw", "expected"), [("true", True), ("0", False), ("On", True), ("", False)]
)
def test_env_bool_reads_common_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert hs.env_bool("SOME_FLAG", default=not expected) is expected


def test_env_int_refuses_non_numbers(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "zehn")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER must be an integer"):
        hs.env_int("SOME_NUMBER", 3)


def test_env_url_refuses_wrong_scheme(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "mysql://localhost/db")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL must be a URL"):
        hs.env_url("DATABASE_URL", "", {"postgres", "sqlite"})


def test_env_list_splits_and_strips(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " a.example , b.example,, ")
    assert hs.env_list("ALLOWED_HOSTS", []) == ["a.example", "b.example"]


def test_production_without_secret_key_refuses_to_start(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(DEBUG="false", DJANGO_SETTINGS_MODULE="house.settings")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=hs.BASE_DIR,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_sqlite_uses_immediate_transactions():
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("only for the embedded SQLite default")
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_celery_is_configured_for_reliable_json_tasks():
    from house.celery import app

    conf = app.conf
    assert conf.task_serializer == "json"
    assert conf.accept_content == ["json"]
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True
    assert conf.task_time_limit > conf.task_soft_time_limit > 0
    assert "import-public-holidays" in conf.beat_schedule


def test_every_scheduled_job_is_a_registered_task():
    from house.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert scheduled <= set(app.tasks), scheduled - set(app.tasks)
    assert {
        "house.sweep_outbox",
        "rooms.send_booking_reminders",
        "tenants.verify_directory",
    } <= scheduled


def test_cache_and_broker_use_different_redis_databases(monkeypatch):
    import importlib

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/4")
    monkeypatch.delenv("REDIS_CACHE_URL", raising=False)
    fresh = importlib.reload(hs)
    try:
        assert fresh.CELERY_BROKER_URL == "redis://127.0.0.1:6379/4"
        assert fresh.CACHES["default"]["LOCATION"] == "redis://127.0.0.1:6379/5"
    finally:
        monkeypatch.undo()
        importlib.reload(hs)
