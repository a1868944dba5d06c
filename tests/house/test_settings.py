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


def _start(env_changes: dict[str, str | None], code: str = "import django; django.setup()"):
    import os
    import subprocess
    import sys

    env = dict(os.environ)
    for name, value in {"DJANGO_SETTINGS_MODULE": "house.settings", **env_changes}.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=hs.BASE_DIR,
    )


def test_debug_is_off_unless_switched_on():
    result = _start(
        {"DEBUG": None, "SECRET_KEY": "a-long-random-value-for-this-test-only-0123456789"},
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.SECURE_HSTS_SECONDS)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "31536000"]


def test_a_start_without_debug_and_without_secret_key_fails_loudly():
    result = _start({"DEBUG": None, "SECRET_KEY": None})

    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY must be set when DEBUG is off" in result.stderr
    assert "DEBUG=true" in result.stderr  # says how to develop


def test_the_development_settings_switch_debug_on_without_any_environment():
    result = _start(
        {"DEBUG": None, "SECRET_KEY": None, "DJANGO_SETTINGS_MODULE": "house.dev_settings"},
        "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_the_makefile_runs_its_commands_in_development_mode():
    """`make run` and `make test` work on a fresh clone: their commands see DEBUG=true,
    unless the environment chose otherwise."""
    import os
    import shutil
    import subprocess

    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    probe = "probe:\n\t@echo DEBUG=$$DEBUG\n"
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}

    def debug_seen(extra_env: dict[str, str]) -> str:
        return subprocess.run(
            ["make", "--no-print-directory", "-f", "Makefile", "-f", "-", "probe"],
            input=probe,
            env=env | extra_env,
            capture_output=True,
            text=True,
            check=True,
            cwd=hs.BASE_DIR,
        ).stdout.strip()

    assert debug_seen({}) == "DEBUG=true"
    assert debug_seen({"DEBUG": "false"}) == "DEBUG=false"


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


def test_cache_and_broker_use_different_redis_databases():
    result = _start(
        {"DEBUG": "true", "REDIS_URL": "redis://127.0.0.1:6379/4", "REDIS_CACHE_URL": None},
        "from django.conf import settings; "
        "print(settings.CELERY_BROKER_URL, settings.CACHES['default']['LOCATION'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["redis://127.0.0.1:6379/4", "redis://127.0.0.1:6379/5"]
