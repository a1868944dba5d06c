import pytest


@pytest.mark.django_db
def test_healthz_reports_database_and_broker(client, settings):
    settings.REDIS_URL = ""
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("eager")


@pytest.mark.django_db
def test_healthz_names_no_exception_when_redis_is_unreachable(client, settings):
    # Port 9 (discard) has no Redis: this is what a stopped broker looks like.
    settings.REDIS_URL = "redis://user:secret@127.0.0.1:9/0"
    response = client.get("/healthz")
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"] == "unavailable"
    assert "Error" not in response.text
    assert "secret" not in response.text


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_unreachable(client, monkeypatch, caplog):
    from django.db import connection

    def refuse(*args, **kwargs):
        raise RuntimeError("password=hunter2 refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unavailable"
    assert "hunter2" not in response.text
    assert "hunter2" in caplog.text


@pytest.mark.redis
@pytest.mark.django_db
def test_healthz_with_real_redis_is_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_robots_txt_keeps_crawlers_out_of_personal_areas(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /my-area/" in response.content.decode()


def test_favicon_points_at_the_real_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


@pytest.mark.django_db
def test_healthz_reports_a_stopped_redis_as_degraded_and_logs_why(
    client, settings, private_redis, caplog
):
    settings.REDIS_URL = private_redis.url
    settings.REDIS_CACHE_URL = private_redis.url.replace("/0", "/1")
    assert client.get("/healthz").json()["status"] == "ok"

    private_redis.stop()
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200  # the portal works from its database
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "broker": "unavailable", "cache": "unavailable"}
    assert "Connection" not in response.text
    assert str(private_redis.port) not in response.text
    assert any("Connection" in (record.exc_text or "") for record in caplog.records)
