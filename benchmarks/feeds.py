"""Benchmarks of the calendar feeds and the booking outbox (issue "Conference centre II").

Run after ``make bench`` has filled ``hausportal_bench`` (or with ``--scale`` to fill it)::

    .venv/bin/python benchmarks/feeds.py --seconds 10

Measures, on PostgreSQL with the production settings:

1. in-process: the full render of the busiest room's feed (cache cleared before each
   render; its bookings of the last 180 days and all future ones) and of one year of it,
   median of 7;
2. in-process: how long a booking with its outbox rows takes to commit, and that its
   e-mail rows exist at commit (they are written in the booking's transaction);
3. with gunicorn and wrk: the trivial view (``/robots.txt``, the ceiling), the room feed
   answered from the cache, and the ``304 Not Modified`` path (``If-None-Match``), as
   requests/s and share of the ceiling.

Writes ``benchmarks/results-feeds.md``. Only loopback addresses; every load is bounded.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BASE, ENV, PYTHON, ROOT, Gunicorn, ensure_database, generate, wrk

IN_PROCESS = r"""
import datetime as dt, json, statistics, time, django
django.setup()
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone
from house.models import OutboxEmail, Role, User
from rooms import feeds
from rooms.models import Booking, Room
from rooms.services import BookingDraft, book_room

room = (Room.objects.bookable().annotate(n=Count("bookings")).order_by("-n").first())
room = Room.objects.prefetch_related("parts").get(pk=room.pk)

def median_ms(fn, repeat=7):
    times = []
    for _ in range(repeat):
        cache.clear()
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)

content, _latest = feeds.room_feed_content(room)
full_ms = median_ms(lambda: feeds.room_feed_content(room))
start = timezone.now()
year = Booking.objects.filter(room=room, start__gte=start, start__lt=start + dt.timedelta(days=365))
def render_year():
    feeds.render_feed(year, name="year", public=True)
year_ms = median_ms(render_year)

clerk = User.objects.filter(groups__name=Role.RECEPTION.value).first()
commit_ms = queued = error = None
slots = [
    (timezone.localdate() + dt.timedelta(days=offset), hour)
    for offset in range(60, 120)
    for hour in range(8, 20)
    if (timezone.localdate() + dt.timedelta(days=offset)).weekday() < 5
]
for day, hour in slots:
    begin = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    draft = BookingDraft(room=room, start=begin, end=begin + dt.timedelta(minutes=30),
                         purpose="nonprofit", attendees=2, layout=next(iter(room.capacities)),
                         title="Benchmark", contact_name="Bench", contact_email="bench@example.org")
    try:
        started = time.perf_counter()
        booking = book_room(actor=clerk, draft=draft)
        commit_ms = (time.perf_counter() - started) * 1000
    except Exception as exc:
        error = repr(exc)
        continue
    queued = OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}").count()
    OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}").delete()
    booking.delete()
    break
print(json.dumps({
    "room": room.slug, "events": content.count(b"BEGIN:VEVENT"), "bytes": len(content),
    "year_events": year.count(), "full_ms": full_ms, "year_ms": year_ms,
    "booking_commit_ms": commit_ms, "emails_at_commit": queued, "booking_error": error,
}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--scale", type=float, default=None, help="fill the database first")
    args = parser.parse_args()

    ensure_database(False)
    if args.scale is not None:
        generate(args.scale)
    env = ENV | {"CELERY_TASK_ALWAYS_EAGER": "false"}  # measure the commit, not the sending
    out = subprocess.run(
        [PYTHON, "-c", IN_PROCESS], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    local = json.loads(out.strip().splitlines()[-1])
    print(local, flush=True)

    feed = f"/rooms/{local['room']}/calendar.ics"
    with Gunicorn(args.workers):
        etag = urllib.request.urlopen(BASE + feed, timeout=30).headers["ETag"]
        runs = []
        for label, path, headers in [
            ("ceiling: trivial view", "/robots.txt", None),
            ("room feed from cache", feed, None),
            ("room feed 304", feed, {"If-None-Match": etag}),
        ]:
            wrk(path, 3, 8, headers)
            runs.append((label, path, wrk(path, args.seconds, 16, headers)))
            print(f"  {label}: {runs[-1][2]}", flush=True)
    ceiling = runs[0][2]["rps"]
    lines = [
        "| path | requests/s | p50 ms | p95 ms | share of ceiling |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, _path, result in runs:
        lines.append(
            f"| {label} | {result['rps']:.0f} | {result['p50_ms']:.1f} | "
            f"{result['p95_ms']:.1f} | {result['rps'] / ceiling * 100:.0f} % |"
        )
    text = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')}, gunicorn {args.workers} sync workers, "
        f"wrk 2 threads × 16 connections × {args.seconds} s, PostgreSQL, Redis cache.\n\n"
        + "\n".join(lines)
        + "\n\n"
        + f"Full render of `{feed}` ({local['events']} events, {local['bytes']} bytes): "
        f"{local['full_ms']:.0f} ms; one year of it ({local['year_events']} bookings): "
        f"{local['year_ms']:.0f} ms (median of 7, cache cleared).\n"
        + (
            f"A reception booking commits in {local['booking_commit_ms']:.0f} ms with "
            f"{local['emails_at_commit']} outbox rows already written in its transaction.\n"
            if local["booking_commit_ms"] is not None
            else f"The booking could not be measured: {local['booking_error']}\n"
        )
    )
    (ROOT / "benchmarks" / "results-feeds.md").write_text(text)
    print("\n" + text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
