"""The booking POST under contention: many reception clients want the same slot at once."""

from __future__ import annotations

import datetime as dt
import http.client
import re
import statistics
import threading
import time
from urllib.parse import urlencode, urlparse


def _csrf(connection: http.client.HTTPConnection, cookie: str) -> tuple[str, str]:
    connection.request("GET", "/reception/book/", headers={"Cookie": cookie})
    response = connection.getresponse()
    body = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    set_cookie = response.getheader("Set-Cookie") or ""
    csrf_cookie = re.search(r"csrftoken=([^;]+)", set_cookie)
    return token, (f"{cookie}; csrftoken={csrf_cookie.group(1)}" if csrf_cookie else cookie)


def booking_post_latency(
    base: str, spec: dict, *, clients: int, rounds: int, script: bool = True, first_round: int = 0
) -> dict:
    """Each round, ``clients`` threads post the same slot; exactly one may win it.

    ``script``: post as htmx does in the reception's browser (headers ``HX-Request``
    and ``HX-Trigger``: the answer area comes back, or a client redirect in
    ``HX-Redirect``); otherwise as a browser without JavaScript, which gets whole pages.
    ``first_round``: where in ``spec["dates"]`` to start.
    """
    url = urlparse(base)
    barrier = threading.Barrier(clients)
    latencies: list[float] = []
    outcome = {"booked": 0, "taken": 0, "errors": 0}
    lock = threading.Lock()

    def client(index: int) -> None:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        token, cookie = _csrf(connection, spec["cookie"])
        for round_no in range(rounds):
            day = dt.date.fromisoformat(spec["dates"][first_round + round_no])
            form = {
                "csrfmiddlewaretoken": token,
                "room": spec["room_id"],
                "organisation": spec["organisation_id"],
                "date": day.isoformat(),
                "start_time": "09:00",
                "end_time": "11:00",
                "title": f"Lasttest Runde {round_no}",
                "purpose": "nonprofit",
                "attendees": "12",
                "layout": "boardroom",
                "action": "book",
            }
            barrier.wait()
            started = time.perf_counter()
            connection.request(
                "POST",
                "/reception/book/",
                body=urlencode(form),
                headers={
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": base + "/reception/book/",
                    **({"HX-Request": "true", "HX-Trigger": "booking-form"} if script else {}),
                },
            )
            response = connection.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status == 302 or response.getheader("HX-Redirect"):
                    outcome["booked"] += 1
                elif response.status == 200:
                    outcome["taken"] += 1
                else:
                    outcome["errors"] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    latencies.sort()
    return {
        "clients": clients,
        "rounds": rounds,
        "script": script,
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1],
        **outcome,
    }
