"""Instants around every daylight-saving change agree in Python's icalendar and Mozilla's ical.js.

Python's icalendar resolves ``TZID=Europe/Berlin`` through the tz database and ignores the
VTIMEZONE we embed; ical.js only knows the embedded VTIMEZONE. Agreement of both with the
intended instants therefore checks our local-time output *and* our VTIMEZONE.

Expected instants are computed here from the EU rule itself (summer time from the last
Sunday of March to the last Sunday of October, each at 01:00 UTC), not from zoneinfo.
Non-existent wall-clock times (02:30 on the March change day) are intended as RFC 5545
§3.3.5 reads them: with the offset before the gap, i.e. 01:30 UTC = 03:30 CEST.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar, Timezone

from house.ical import BERLIN, CalendarEntry, build_feed, build_invitation
from house.ical.render import vtimezone

YEARS = range(2024, 2031)
STAMP = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def summer_time(instant: datetime) -> bool:
    year = instant.year
    begins = datetime.combine(last_sunday(year, 3), time(1), tzinfo=UTC)
    ends = datetime.combine(last_sunday(year, 10), time(1), tzinfo=UTC)
    return begins <= instant < ends


def intended_instant(day: date, clock: time, *, second: bool = False) -> datetime:
    """The instant a German wall-clock time means (``second``: the repeated hour's 2nd pass)."""
    wall = datetime.combine(day, clock, tzinfo=UTC)
    as_cet, as_cest = wall - HOUR, wall - 2 * HOUR
    valid = [u for u, summer in ((as_cest, True), (as_cet, False)) if summer_time(u) == summer]
    if not valid:  # in the gap: the offset before it (winter time)
        return as_cet
    return valid[-1] if second else valid[0]


def dst_cases() -> list[tuple[str, datetime]]:
    cases = []
    for year in YEARS:
        for month in (3, 10):
            change = last_sunday(year, month)
            clocks = [(change, time(h, m), False) for h, m in ((1, 30), (2, 30), (3, 30), (10, 0))]
            clocks += [(change - timedelta(days=1), time(10), False)]
            clocks += [(change + timedelta(days=1), time(10), False)]
            if month == 10:
                clocks.append((change, time(2, 30), True))
            for day, clock, second in clocks:
                label = f"{day.isoformat()}T{clock:%H%M}{'-second' if second else ''}"
                cases.append((label, intended_instant(day, clock, second=second)))
    return cases


CASES = dst_cases()


def entry(uid: str, start: datetime, **changes: Any) -> CalendarEntry:
    values: dict[str, Any] = {
        "uid": uid,
        "start": start,
        "end": start + 2 * HOUR,
        "summary": uid,
        "last_modified": STAMP,
    }
    values.update(changes)
    return CalendarEntry(**values)


@pytest.fixture(scope="module")
def dst_feed() -> bytes:
    return build_feed([entry(label, start) for label, start in CASES], name="DST")


@pytest.fixture(scope="module")
def icaljs_dst(icaljs, dst_feed) -> dict[str, dict[str, Any]]:
    return {event["uid"]: event for event in icaljs(dst_feed)["events"]}


@pytest.fixture(scope="module")
def python_dst(dst_feed) -> dict[str, Any]:
    return {str(event["UID"]): event for event in Calendar.from_ical(dst_feed).walk("VEVENT")}


def test_intended_instants_follow_the_eu_rule():
    assert intended_instant(date(2026, 3, 29), time(1, 30)) == datetime(
        2026, 3, 29, 0, 30, tzinfo=UTC
    )
    assert intended_instant(date(2026, 3, 29), time(2, 30)) == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )
    assert intended_instant(date(2026, 3, 29), time(3, 30)) == datetime(
        2026, 3, 29, 1, 30, tzinfo=UTC
    )
    assert intended_instant(date(2026, 10, 25), time(2, 30)) == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC
    )
    assert intended_instant(date(2026, 10, 25), time(2, 30), second=True) == datetime(
        2026, 10, 25, 1, 30, tzinfo=UTC
    )
    assert len(CASES) == len(YEARS) * 13


@pytest.mark.parametrize(("label", "instant"), CASES, ids=[label for label, _ in CASES])
def test_dst_instant_python_icalendar_reads_intended(python_dst, label, instant):
    event = python_dst[label]

    assert event.start.timestamp() == instant.timestamp()
    assert event.end.timestamp() == (instant + 2 * HOUR).timestamp()


@pytest.mark.parametrize(("label", "instant"), CASES, ids=[label for label, _ in CASES])
def test_dst_instant_icaljs_reads_intended(icaljs_dst, label, instant):
    event = icaljs_dst[label]

    assert (event["start"], event["end"]) == (
        instant.timestamp(),
        (instant + 2 * HOUR).timestamp(),
    )


def test_dst_gap_wall_clock_is_written_as_the_time_after_the_gap(python_dst):
    # 02:30 on 29 March 2026 does not exist; we write what it means: 03:30 CEST.
    event = python_dst["2026-03-29T0230"]

    assert event["DTSTART"].to_ical() == b"20260329T033000"
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"


def test_dst_repeated_hour_is_written_in_utc(python_dst):
    # Local 02:30 on 25 October 2026 happens twice; RFC 5545 means the first, ical.js reads
    # the second (test_icaljs_reads_ambiguous_local_time_as_second_pass), so we write UTC.
    first, second = python_dst["2026-10-25T0230"], python_dst["2026-10-25T0230-second"]

    assert first["DTSTART"].to_ical() == b"20261025T003000Z"
    assert second["DTSTART"].to_ical() == b"20261025T013000Z"


def test_icaljs_reads_ambiguous_local_time_as_second_pass(icaljs):
    # Why the repeated hour is written in UTC: the parsers disagree on local 02:30.
    feed = build_feed([entry("x", datetime(2026, 10, 20, 10, tzinfo=BERLIN))], name="x")
    ambiguous = feed.replace(
        b"DTSTART;TZID=Europe/Berlin:20261020T100000", b"DTSTART;TZID=Europe/Berlin:20261025T023000"
    )
    ambiguous = ambiguous.replace(
        b"DTEND;TZID=Europe/Berlin:20261020T120000", b"DTEND;TZID=Europe/Berlin:20261025T050000"
    )

    (python_event,) = Calendar.from_ical(ambiguous).walk("VEVENT")
    (js_event,) = icaljs(ambiguous)["events"]

    assert python_event.start.timestamp() == datetime(2026, 10, 25, 0, 30, tzinfo=UTC).timestamp()
    assert js_event["start"] == datetime(2026, 10, 25, 1, 30, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    "start",
    [
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC),  # 03:30 CEST, fine
        datetime(2026, 10, 18, 2, 15, tzinfo=BERLIN),  # 02:15 local on an ordinary day
        datetime(2026, 6, 1, 23, 30, tzinfo=BERLIN),  # ends 01:30, fine
    ],
)
def test_series_refused_only_in_the_changing_hour(start):
    rule = {"FREQ": "WEEKLY", "COUNT": 3}
    local = start.astimezone(BERLIN)
    in_changing_hour = local.hour == 2 or (local + 2 * HOUR).hour == 2

    if in_changing_hour:
        with pytest.raises(ValueError, match="between 02:00 and 03:00"):
            entry("series", start, rrule=rule)
    else:
        assert entry("series", start, rrule=rule).recurs


def test_dst_entry_given_as_nonexistent_local_time_means_the_rfc_instant():
    # Callers may pass wall-clock datetimes; PEP 495 (fold=0) and RFC 5545 agree on gaps.
    given = entry("gap", datetime(2026, 3, 29, 2, 30, tzinfo=BERLIN))

    assert given.start.timestamp() == datetime(2026, 3, 29, 1, 30, tzinfo=UTC).timestamp()
    assert b"DTSTART;TZID=Europe/Berlin:20260329T033000" in build_feed([given], name="x")


def python_occurrences(event) -> list[tuple[float, float]]:
    """Expand a VEVENT's RRULE in its local time zone with dateutil (as Python clients do)."""
    start, end = event.start, event.end
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
    exdates = event.get("EXDATE", [])
    exdates = exdates if isinstance(exdates, list) else [exdates]
    skipped = {value.dt.timestamp() for exdate in exdates for value in exdate.dts}
    return [
        (o.timestamp(), (o + (end - start)).timestamp())
        for o in rule
        if o.timestamp() not in skipped
    ]


def test_weekly_series_stays_at_ten_local_across_october_change(icaljs):
    series = entry(
        "weekly@hausportal",
        datetime(2026, 9, 7, 10, tzinfo=BERLIN),
        end=datetime(2026, 9, 7, 12, tzinfo=BERLIN),
        rrule={"FREQ": "WEEKLY", "UNTIL": datetime(2026, 12, 31, tzinfo=BERLIN)},
    )
    feed = build_feed([series], name="Series")
    mondays = [date(2026, 9, 7) + timedelta(weeks=n) for n in range(17)]
    expected = [
        (
            datetime.combine(day, time(8 if day < date(2026, 10, 25) else 9), tzinfo=UTC),
            datetime.combine(day, time(10 if day < date(2026, 10, 25) else 11), tzinfo=UTC),
        )
        for day in mondays
    ]
    expected_seconds = [(s.timestamp(), e.timestamp()) for s, e in expected]

    (python_event,) = Calendar.from_ical(feed).walk("VEVENT")
    (js_event,) = icaljs(feed)["events"]

    assert python_occurrences(python_event) == expected_seconds
    assert [tuple(pair) for pair in js_event["occurrences"]] == expected_seconds
    assert all(s.astimezone(BERLIN).hour == 10 for s, _ in expected)
    assert expected[6][0] == datetime(2026, 10, 19, 8, tzinfo=UTC)  # last summer Monday
    assert expected[7][0] == datetime(2026, 10, 26, 9, tzinfo=UTC)  # first winter Monday


@pytest.mark.parametrize("year", YEARS)
def test_weekly_series_across_both_changes_agrees_every_year(icaljs, year):
    # Thursdays 18:00 from January to December: through the March and the October change.
    thursday = date(year, 1, 1) + timedelta(days=(3 - date(year, 1, 1).weekday()) % 7)
    first = datetime.combine(thursday, time(18), tzinfo=BERLIN)
    series = entry(f"thu-{year}", first, rrule=f"FREQ=WEEKLY;BYDAY=TH;UNTIL={year}1231")
    feed = build_feed([series], name="Series")

    (python_event,) = Calendar.from_ical(feed).walk("VEVENT")
    (js_event,) = icaljs(feed)["events"]
    occurrences = python_occurrences(python_event)

    assert [tuple(pair) for pair in js_event["occurrences"]] == occurrences
    assert len(occurrences) >= 52
    for start, _ in occurrences:
        local = datetime.fromtimestamp(start, UTC).astimezone(BERLIN)
        assert (local.hour, local.weekday()) == (18, 3)


def test_series_with_exdate_and_moved_occurrence_agrees_in_both_parsers(icaljs):
    series = entry(
        "series@hausportal",
        datetime(2026, 10, 12, 10, tzinfo=BERLIN),
        rrule={"FREQ": "WEEKLY", "COUNT": 5},
        exdates=[datetime(2026, 10, 19, 10, tzinfo=BERLIN)],
    )
    moved = entry(
        "series@hausportal",
        datetime(2026, 10, 27, 14, tzinfo=BERLIN),
        recurrence_id=datetime(2026, 10, 26, 10, tzinfo=BERLIN),
    )
    feed = build_feed([moved, series], name="Series")

    events = icaljs(feed)["events"]

    master = next(e for e in events if e["recurrenceId"] is None)
    assert [pair[0] for pair in master["occurrences"]] == [
        datetime(2026, 10, 12, 8, tzinfo=UTC).timestamp(),
        datetime(2026, 10, 27, 13, tzinfo=UTC).timestamp(),  # moved, winter time
        datetime(2026, 11, 2, 9, tzinfo=UTC).timestamp(),
        datetime(2026, 11, 9, 9, tzinfo=UTC).timestamp(),
    ]
    python_master = next(
        e for e in Calendar.from_ical(feed).walk("VEVENT") if "RECURRENCE-ID" not in e
    )
    assert len(python_occurrences(python_master)) == 4  # five minus the skipped one


def test_invitations_request_and_cancel_agree_in_both_parsers(icaljs):
    booking = entry(
        "booking-7@hausportal",
        datetime(2027, 3, 28, 3, 30, tzinfo=BERLIN),
        organizer=("Treppe 4", "empfang@treppe4.example"),
        attendees=[("Anna Muster", "anna@example.org")],
    )
    cancel = dataclasses.replace(booking, sequence=1)

    for method, item in (("REQUEST", booking), ("CANCEL", cancel)):
        content = build_invitation(item, method=method)
        parsed = icaljs(content)
        (python_event,) = Calendar.from_ical(content).walk("VEVENT")

        assert parsed["method"] == method
        assert parsed["events"][0]["start"] == booking.start.timestamp()
        assert parsed["events"][0]["end"] == booking.end.timestamp()
        assert python_event.start.timestamp() == booking.start.timestamp()


def test_vtimezone_matches_tz_database_every_year_to_2100():
    ours = vtimezone().to_tz(lookup_tzid=False)
    for year in range(1996, 2101):
        for month in (3, 10):
            change = datetime.combine(last_sunday(year, month), time(1), tzinfo=UTC)
            for delta in (-HOUR, -timedelta(seconds=1), timedelta(0), HOUR):
                instant = change + delta
                assert instant.astimezone(ours).utcoffset() == (
                    instant.astimezone(BERLIN).utcoffset()
                ), instant
        for month in (1, 7):
            instant = datetime(year, month, 15, 12, tzinfo=UTC)
            assert instant.astimezone(ours).utcoffset() == instant.astimezone(BERLIN).utcoffset()


def test_vtimezone_matches_icalendar_generated_rdate_version():
    # icalendar 7 generates Europe/Berlin as RDATE lists (which Outlook misreads). It writes
    # the spring onset as 03:00, the local time after the change; RFC 5545's own example
    # (§3.6.5) and ours write the time before it, 02:00. That only matters inside the skipped
    # hour, so compare outside it: the rules agree in every year.
    ours = vtimezone().to_tz(lookup_tzid=False)
    generated = Timezone.from_tzid(
        "Europe/Berlin", first_date=date(1995, 1, 1), last_date=date(2038, 1, 1)
    ).to_tz(lookup_tzid=False)
    for year in range(1996, 2038):
        for month in (3, 10):
            change = datetime.combine(last_sunday(year, month), time(1), tzinfo=UTC)
            for delta in (-HOUR, -timedelta(seconds=1), 2 * HOUR):
                instant = change + delta
                assert instant.astimezone(ours).utcoffset() == (
                    instant.astimezone(generated).utcoffset()
                ), instant


def test_vtimezone_in_icaljs_matches_tz_database_every_year_to_2100(icaljs):
    # Two hours either side of each change: written as local time, read through our VTIMEZONE.
    instants = [
        datetime.combine(last_sunday(year, month), time(1), tzinfo=UTC) + delta
        for year in range(1996, 2101)
        for month in (3, 10)
        for delta in (-2 * HOUR, 2 * HOUR)
    ]
    feed = build_feed(
        [entry(f"at-{i.timestamp():.0f}", i, end=i + HOUR) for i in instants], name="Zone"
    )

    events = icaljs(feed)["events"]

    assert b"Z\r\nDTEND" not in feed  # all local time, none of them in the repeated hour
    assert sorted(e["start"] for e in events) == [i.timestamp() for i in instants]


def test_icaljs_cross_check_catches_a_wrong_vtimezone(icaljs):
    # The reason for the second parser: Python reads TZID from its own tz database and
    # would accept a VTIMEZONE that moves the autumn change to November; ical.js does not.
    start = datetime(2026, 11, 2, 10, tzinfo=BERLIN)
    feed = build_feed([entry("wrong-zone", start)], name="x")
    broken = feed.replace(b"BYMONTH=10", b"BYMONTH=11")

    (python_event,) = Calendar.from_ical(broken).walk("VEVENT")
    (js_event,) = icaljs(broken)["events"]

    assert python_event.start.timestamp() == start.timestamp()
    assert js_event["start"] == start.timestamp() - 3600
