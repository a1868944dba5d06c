"""Cold render time of each page in-process: no cache at all, distinct addresses.

Run by ``benchmarks/run.py`` (or alone, with the benchmark's environment and the
JSON that ``generate.py`` printed as ``--data``). Every request is served with
``DISABLE_CACHE=true``: each page is rendered from the database, as a visitor
finds it right after a change or on an address nobody asked for before. Prints
one JSON line: per page the median and 90th percentile in milliseconds (wall
clock, and the median of the process's own CPU time, which load from other
programs changes least) and the number of queries.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "house.settings")
os.environ["DISABLE_CACHE"] = "true"

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from house.models import User  # noqa: E402

#: Addresses per page; the first two are not counted (imports, connections, statistics).
SAMPLES = 30


def measure(pages: list[dict], staff_email: str | None) -> dict[str, dict]:
    anonymous = Client()
    staff = Client()
    if staff_email:
        staff.force_login(User.objects.get(email=staff_email))
    results = {}
    for page in pages:
        client = staff if page.get("login") else anonymous
        addresses = page["cold"] or [page["path"]]
        addresses = (addresses * (SAMPLES // len(addresses) + 1))[: SAMPLES + 2]
        times = []
        cpu = []
        queries = []
        for n, address in enumerate(addresses):
            with CaptureQueriesContext(connection) as context:
                began, began_cpu = time.perf_counter(), time.process_time()
                response = client.get(address)
                elapsed = (time.perf_counter() - began) * 1000
                used = (time.process_time() - began_cpu) * 1000
            if response.status_code != 200:
                print(f"  {address} answered {response.status_code}", file=sys.stderr)
                break
            if n >= 2:
                times.append(elapsed)
                cpu.append(used)
                queries.append(len(context.captured_queries))
        if not times:
            continue
        times.sort()
        results[page["label"]] = {
            "p50_ms": round(statistics.median(times), 1),
            "p90_ms": round(times[int(len(times) * 0.9) - 1], 1),
            # Python's own time (not the database's): what other load on the machine
            # changes least.
            "cpu_p50_ms": round(statistics.median(cpu), 1),
            "queries": sorted(set(queries)),
        }
        print(f"  {page['label']}: {results[page['label']]}", file=sys.stderr, flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True, help="the JSON generate.py printed")
    args = parser.parse_args()
    data = json.loads(Path(args.data).read_text())
    print(json.dumps(measure(data["pages"], data.get("staff_email"))))


if __name__ == "__main__":
    main()
