"""Benchmarks of Hausportal on PostgreSQL with gunicorn and wrk (``make bench``).

What it does, in one run:
1. fills a PostgreSQL database ``hausportal_bench`` with a large house
   (``benchmarks/generate.py``: ten years of bookings in 24 rooms, events
   with registrations) unless it is already filled;
2. starts gunicorn with the production settings on 127.0.0.1:8900;
3. measures each page with wrk (throughput, p50, p95) next to a trivial
   Django view (``/robots.txt``) as the ceiling, and the booking POST with
   16 clients competing for one room;
4. counts the database queries of each page at this size;
5. prints a table and writes it to ``benchmarks/results.md``.

Only loopback addresses are used; every load is bounded in time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8900"))
BASE = f"http://127.0.0.1:{PORT}"
DB_NAME = os.environ.get("BENCH_DB", "hausportal_bench")
LUA = Path(__file__).resolve().parent / "percentiles.lua"
#: Rounds of the booking POST before the measured ones (not counted).
WARM_UP_ROUNDS = 8

ENV = os.environ | {
    "DEBUG": "false",
    "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{DB_NAME}",
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3"),
    "SECURE_SSL_REDIRECT": "false",
    "SESSION_COOKIE_SECURE": "false",
    "CSRF_COOKIE_SECURE": "false",
    "SECURE_HSTS_SECONDS": "0",
    "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
    "LOG_LEVEL": "WARNING",
    "DJANGO_SETTINGS_MODULE": "house.settings",
}


def manage(*args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    return result.stdout


def ensure_database(fresh: bool) -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc"]
    if fresh:
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DB_NAME}"], check=True)
    exists = subprocess.run(
        [*psql, f"SELECT 1 FROM pg_database WHERE datname = '{DB_NAME}'"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not exists:
        subprocess.run([*psql, f"CREATE DATABASE {DB_NAME}"], check=True)
    manage("migrate", "--no-input", "-v0")
    manage("collectstatic", "--no-input", "-v0")


def generate(scale: float) -> dict:
    out = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "generate.py"), "--scale", str(scale)],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


class Gunicorn:
    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        self.process = subprocess.Popen(
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "house.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=ENV,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{BASE}/robots.txt", timeout=1)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc: object) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)


def wrk(path: str, seconds: int, connections: int, headers: dict[str, str] | None = None) -> dict:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(LUA)]
    for key, value in (headers or {}).items():
        cmd += ["-H", f"{key}: {value}"]
    out = subprocess.run([*cmd, BASE + path], check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50, p95 = (float(x) / 1000 for x in re.search(r"P50=(\d+) P95=(\d+)", out).groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p95_ms": p95,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def expect_ok(path: str, headers: dict[str, str] | None) -> None:
    """Refuse to measure a page that does not answer 200: a lost session would otherwise
    be measured as a fast redirect to the login page (wrk counts 3xx as success)."""
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers=headers or {})
    status = connection.getresponse().status
    connection.close()
    if status != 200:
        raise RuntimeError(f"{path} answered {status}, not 200: nothing measured")


def query_counts(paths: list[str], login_email: str | None) -> dict[str, int]:
    script = f"""
import json, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from house.models import User
client = Client()
if {login_email!r}:
    client.force_login(User.objects.get(email={login_email!r}))
counts = {{}}
for path in {paths!r}:
    client.get(path)  # warm caches as a running server has them
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(path).status_code
    counts[path] = (len(ctx.captured_queries), status)
print(json.dumps(counts))
"""
    out = subprocess.run(
        [PYTHON, "-c", script], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and rebuild the benchmark database"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full data set")
    parser.add_argument("--seconds", type=int, default=15, help="duration of each wrk run")
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn workers (3, as docker-compose.yml runs)"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2

    ensure_database(args.fresh)
    started = time.monotonic()
    data = generate(args.scale)
    print(f"data: {data} (prepared in {time.monotonic() - started:.0f} s)", flush=True)

    pages = data["pages"]
    staff_cookie = data.get("staff_cookie")
    results = []
    with Gunicorn(args.workers):
        for label, path, needs_login in [("ceiling: trivial view", "/robots.txt", False), *pages]:
            headers = {"Cookie": staff_cookie} if needs_login and staff_cookie else None
            expect_ok(path, headers)
            wrk(path, 3, 8, headers)  # warm-up
            results.append((label, path, wrk(path, args.seconds, 16, headers)))
            print(f"  {label}: {results[-1][2]}", flush=True)
        posts = []
        if data.get("booking_post"):
            from booking_post import booking_post_latency

            # As the reception's browser sends it (the form's script), then as a browser
            # without JavaScript, which gets whole pages; each on dates of its own. The
            # first rounds warm up: a worker's first booking also opens its connection to
            # the task queue, a cost each worker pays once, not per booking.
            for script, first_round in ((True, 0), (False, 35)):
                spec = data["booking_post"]
                booking_post_latency(
                    BASE,
                    spec,
                    clients=16,
                    rounds=WARM_UP_ROUNDS,
                    script=script,
                    first_round=first_round,
                )
                post = booking_post_latency(
                    BASE,
                    spec,
                    clients=16,
                    rounds=25,
                    script=script,
                    first_round=first_round + WARM_UP_ROUNDS,
                )
                posts.append(post)
                print(f"  booking POST: {post}", flush=True)

    counts = query_counts([p for _l, p, _n in pages if not _n], None)
    counts |= query_counts([p for _l, p, n in pages if n], data.get("staff_email"))
    ceiling = results[0][2]["rps"]
    lines = [
        "| page | path | requests/s | p50 ms | p95 ms | share of ceiling | queries |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for label, path, result in results:
        share = result["rps"] / ceiling * 100
        queries = counts.get(path, ["–"])[0]
        lines.append(
            f"| {label} | `{path}` | {result['rps']:.0f} | {result['p50_ms']:.1f} | "
            f"{result['p95_ms']:.1f} | {share:.0f} % | {queries} |"
        )
    if posts:
        lines += [
            "",
            (
                "| booking POST, 16 clients × 25 rounds on one room | p50 ms | p95 ms "
                "| booked | refused as taken | server errors |"
            ),
            "|---|---:|---:|---:|---:|---:|",
        ]
        for post in posts:
            how = "form script (answer area)" if post["script"] else "without JavaScript (pages)"
            lines.append(
                f"| {how} | {post['p50_ms']:.0f} | {post['p95_ms']:.0f} | {post['booked']} "
                f"| {post['taken']} | {post['errors']} |"
            )
    table = "\n".join(lines)
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, gunicorn "
        f"{args.workers} sync workers, wrk 2 threads × 16 connections × {args.seconds} s, "
        f"PostgreSQL {DB_NAME}, Redis cache. Data: {json.dumps(data['counts'])}."
    )
    (ROOT / "benchmarks" / "results.md").write_text(f"{header}\n\n{table}\n")
    print("\n" + header + "\n\n" + table)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
