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
COLD_LUA = Path(__file__).resolve().parent / "cold.lua"
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
    def __init__(self, workers: int, env: dict[str, str] | None = None) -> None:
        self.workers = workers
        self.env = ENV | (env or {})
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
            env=self.env,
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


def wrk(
    path: str,
    seconds: int,
    connections: int,
    headers: dict[str, str] | None = None,
    cold: list[str] | None = None,
) -> dict:
    """Throughput and latency of ``path``; with ``cold``, of those addresses in turn, each
    asked once while the run lasts (``warm_share``: requests beyond the list, which hit
    pages rendered before in the same run)."""
    script = COLD_LUA if cold else LUA
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script)]
    for key, value in (headers or {}).items():
        cmd += ["-H", f"{key}: {value}"]
    cmd.append(BASE + path)
    if cold:
        paths_file = ROOT / "var" / "bench-cold-paths.txt"
        paths_file.parent.mkdir(exist_ok=True)
        paths_file.write_text("\n".join(cold) + "\n")
        cmd += ["--", str(paths_file)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50, p95 = (float(x) / 1000 for x in re.search(r"P50=(\d+) P95=(\d+)", out).groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p95_ms": p95,
        "requests": requests,
        "warm_share": max(0, requests - len(cold)) / requests if cold and requests else 0.0,
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def flush_cache() -> None:
    """Empty the cache database (not the broker's): the next requests find nothing."""
    subprocess.run(
        [str(Path(PYTHON).parent / "python"), "-c", FLUSH], cwd=ROOT, env=ENV, check=True
    )


FLUSH = """
import django; django.setup()
from django.core.cache import cache; cache.clear()
"""


def etag_of(path: str, headers: dict[str, str] | None) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers=headers or {})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.getheader("ETag") or ""


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
    parser.add_argument("--skip-post", action="store_true", help="leave out the booking POST")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2

    ensure_database(args.fresh)
    started = time.monotonic()
    data = generate(args.scale)
    print(f"data: {data['counts']} (prepared in {time.monotonic() - started:.0f} s)", flush=True)

    pages = data["pages"]
    staff_cookie = data.get("staff_cookie")
    seconds = args.seconds
    rows: list[dict] = []

    def headers_for(page: dict) -> dict[str, str] | None:
        return {"Cookie": staff_cookie} if page.get("login") and staff_cookie else None

    with Gunicorn(args.workers):
        expect_ok("/robots.txt", None)
        wrk("/robots.txt", 3, 8)
        ceiling_start = wrk("/robots.txt", seconds, 16)
        print(f"  ceiling at start: {ceiling_start}", flush=True)
        for page in list(pages):
            headers = headers_for(page)
            try:
                expect_ok(page["path"], headers)
            except RuntimeError as exc:  # a page this version of the portal lacks
                print(f"  {page['label']}: {exc}", flush=True)
                pages.remove(page)
                continue
            wrk(page["path"], 2, 8, headers)  # warm-up
            row = {"page": page, "warm": wrk(page["path"], seconds, 16, headers)}
            if page.get("feed"):
                etag = etag_of(page["path"], headers)
                row["not_modified"] = wrk(
                    page["path"], seconds, 16, (headers or {}) | {"If-None-Match": etag}
                )
            if page["cold"]:
                flush_cache()
                row["cold"] = wrk(page["path"], seconds, 16, headers, cold=page["cold"])
            rows.append(row)
            print(f"  {page['label']}: {row}", flush=True)
        posts = []
        if data.get("booking_post") and not args.skip_post:
            from booking_post import booking_post_latency

            # As the reception's browser sends it (htmx), then as a browser without
            # JavaScript, which gets whole pages; each on dates of its own. The first
            # rounds warm up: a worker's first booking also opens its connection to the
            # task queue, a cost each worker pays once, not per booking.
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
        ceiling_end = wrk("/robots.txt", seconds, 16)
        print(f"  ceiling at end: {ceiling_end}", flush=True)

    # Without any cache: every request renders from the database, as on a cold cache.
    with Gunicorn(args.workers, {"DISABLE_CACHE": "true"}):
        for row in rows:
            page = row["page"]
            headers = headers_for(page)
            if page.get("login"):
                continue  # sessions live in the cache: the signed-in cookie is gone
            wrk(page["path"], 1, 4, headers)
            row["no_cache"] = wrk(page["path"], seconds, 16, headers)
            print(f"  {page['label']} without cache: {row['no_cache']}", flush=True)

    data_file = ROOT / "var" / "bench-data.json"
    data_file.write_text(json.dumps(data))
    inprocess = json.loads(
        subprocess.run(
            [PYTHON, str(ROOT / "benchmarks" / "inprocess.py"), "--data", str(data_file)],
            cwd=ROOT,
            env=ENV,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    print(f"  in-process, cold: {inprocess}", flush=True)
    counts = query_counts([r["page"]["path"] for r in rows if not r["page"].get("login")], None)
    counts |= query_counts(
        [r["page"]["path"] for r in rows if r["page"].get("login")], data.get("staff_email")
    )
    ceiling = (ceiling_start["rps"] + ceiling_end["rps"]) / 2
    drift = (ceiling_end["rps"] - ceiling_start["rps"]) / ceiling_start["rps"] * 100

    def share(result: dict | None) -> str:
        if not result:
            return "–"
        warm = f" ({result['warm_share'] * 100:.0f} % warm)" if result.get("warm_share") else ""
        return f"{result['rps'] / ceiling * 100:.1f} %{warm}"

    def rps(result: dict | None) -> str:
        return f"{result['rps']:.0f}" if result else "–"

    lines = [
        (
            "| page | path | warm req/s | warm share | cold (distinct addresses) share "
            "| cold p50 ms | without cache share | 304 share | warm queries "
            "| in-process cold p50 / p90 ms (CPU p50) | cold queries |"
        ),
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        page = row["page"]
        cold = row.get("cold")
        cold_p50 = f"{cold['p50_ms']:.0f}" if cold else "–"
        measured = inprocess.get(page["label"], {"p50_ms": "–", "p90_ms": "–", "queries": []})
        lines.append(
            f"| {page['label']} | `{page['path']}` | {rps(row['warm'])} | {share(row['warm'])} "
            f"| {share(cold)} | {cold_p50} "
            f"| {share(row.get('no_cache'))} | {share(row.get('not_modified'))} "
            f"| {counts.get(page['path'], ['–'])[0]} "
            f"| {measured['p50_ms']} / {measured['p90_ms']} ({measured.get('cpu_p50_ms', '–')}) "
            f"| {', '.join(str(q) for q in measured['queries'])} |"
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
            how = "htmx (answer area)" if post["script"] else "without JavaScript (pages)"
            lines.append(
                f"| {how} | {post['p50_ms']:.0f} | {post['p95_ms']:.0f} | {post['booked']} "
                f"| {post['taken']} | {post['errors']} |"
            )
    table = "\n".join(lines)
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, gunicorn "
        f"{args.workers} sync workers, wrk 2 threads × 16 connections × {seconds} s, "
        f"PostgreSQL {DB_NAME}, Redis cache. Data: {json.dumps(data['counts'])}. "
        f"Ceiling (trivial view): {ceiling_start['rps']:.0f} req/s at the start, "
        f"{ceiling_end['rps']:.0f} at the end (drift {drift:+.0f} %); shares are of their "
        "mean."
    )
    (ROOT / "benchmarks" / "results.md").write_text(f"{header}\n\n{table}\n")
    print("\n" + header + "\n\n" + table)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
