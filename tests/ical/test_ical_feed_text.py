"""Feeds carry any text people type, and every entry comes back as it went in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, vText

from house.ical import BERLIN, CalendarEntry, build_feed

TRICKY = ",;:\\\n\r^\"' äöüßÄ€–„“😀\tN"
texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(TRICKY),
    max_size=200,
)
instants = st.datetimes(  # hypothesis wants naive bounds and adds the zone itself
    min_value=datetime(1996, 1, 2),  # noqa: DTZ001
    max_value=datetime(2099, 12, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@st.composite
def entries(draw) -> CalendarEntry:
    start = draw(instants)
    kind = draw(st.sampled_from(["single", "series", "override"]))
    values = {
        "uid": draw(
            st.text(
                st.characters(min_codepoint=32, exclude_categories=["Cs"]), min_size=1, max_size=80
            )
        ),
        "start": start,
        "end": start + draw(st.timedeltas(timedelta(minutes=1), timedelta(days=3))),
        "summary": draw(texts),
        "description": draw(texts),
        "location": draw(texts),
        "last_modified": draw(instants),
        "status": draw(st.sampled_from(["CONFIRMED", "TENTATIVE", "CANCELLED"])),
        "sequence": draw(st.integers(0, 10_000)),
        "url": draw(st.sampled_from(["", "https://hausportal.example/rooms/kassel/?a=1&b=2"])),
        "categories": tuple(draw(st.lists(texts.filter(bool), max_size=3))),
        "transparent": draw(st.booleans()),
    }
    if kind == "series":
        values["rrule"] = draw(
            st.sampled_from(
                ["FREQ=WEEKLY;COUNT=10", "FREQ=DAILY;UNTIL=20991231", "FREQ=MONTHLY;BYDAY=1MO"]
            )
        )
        values["exdates"] = [
            start + timedelta(weeks=n) for n in draw(st.sets(st.integers(1, 9), max_size=3))
        ]
    elif kind == "override":
        values["recurrence_id"] = draw(instants)
    try:
        return CalendarEntry(**values)
    except ValueError:
        assume(False)
        raise


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(entries(), max_size=4), texts)
def test_feed_entries_read_back_as_they_went_in(generated, name):
    calendar = Calendar.from_ical(build_feed(generated, name=name))

    events = calendar.walk("VEVENT")
    assert len(events) == len(generated)
    by_uid = {}
    for event in events:
        by_uid.setdefault(str(event["UID"]), []).append(event)
    for entry in generated:
        candidates = by_uid[entry.uid]
        assert any(
            event.decoded("DTSTART").astimezone(UTC)
            == entry.start.astimezone(UTC).replace(microsecond=0)
            and int(event["SEQUENCE"]) == entry.sequence
            for event in candidates
        )
    assert "ORGANIZER" not in build_feed(generated, name=name).decode()


@given(texts, texts)
def test_feed_name_and_description_survive_any_text(name, description):
    feed = build_feed([], name=name, description=description)

    # NAME is TEXT (RFC 7986), X- properties default to TEXT (RFC 5545 §3.8.8.2): escaped
    # alike, though icalendar 7 reads them back verbatim (vUnknown).
    calendar = Calendar.from_ical(feed)
    single_line = " ".join(name.split())
    assert calendar["NAME"].to_ical() == vText(single_line).to_ical()
    assert calendar["X-WR-CALNAME"].to_ical() == vText(single_line).to_ical()
    if description:
        # icalendar's escaping also turns a literal "\N" into a line break.
        expected = description.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
        assert calendar["DESCRIPTION"] == expected
        assert calendar["X-WR-CALDESC"].to_ical() == vText(description).to_ical()


def test_feed_holds_a_busy_room_year():
    # A room booked four times a day on every day of a year: 1,460 entries.
    first = datetime(2026, 1, 1, 8, tzinfo=BERLIN)
    year = [
        CalendarEntry(
            uid=f"booking-{day}-{slot}@hausportal.example",
            start=first + timedelta(days=day, hours=3 * slot),
            end=first + timedelta(days=day, hours=3 * slot + 2),
            summary="Belegt",
            description="Zugang über den Hof, Schlüssel am Empfang.",
            location="Treppe 4, Raum Kassel",
            last_modified=first,
        )
        for day in range(365)
        for slot in range(4)
    ]

    content = build_feed(year, name="Raum Kassel")

    assert content.count(b"BEGIN:VEVENT") == 1460
