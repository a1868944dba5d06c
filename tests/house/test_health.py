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
def test_healthz_is_503_when_redis_is_unreachable(client, settings):
    # Port 9 (discard) has no Redis: this is what a stopped broker looks like.
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("error: ConnectionError")


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
    assert "Disallow: /mein-bereich/" in response.content.decode()


@pytest.fixture
def private_redis(tmp_path):
    """A Redis of this test's own, so stopping it disturbs nobody else."""
    import shutil
    import socket
    import subprocess
    import time

    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0", process
    process.kill()
    process.wait()


@pytest.mark.django_db
def test_healthz_turns_503_when_redis_is_stopped(client, settings, private_redis):
    url, process = private_redis
    settings.REDIS_URL = url
    assert client.get("/healthz").status_code == 200

    process.terminate()
    process.wait(timeout=10)

    response = client.get("/healthz")
    assert response.status_code == 503
    assert "Connection" in response.json()["checks"]["broker"]


def test_favicon_points_at_the_real_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")
