"""The dates a series leaves out keep their reason as a code, worded in the reader's language."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from house.models import ClosureDay
from rooms.models import BookingSeries
from rooms.problems import Code, SkippedDate
from rooms.services import Recurrence, book_room, book_series
from tests.rooms.factories import RoomFactory, draft

pytestmark = pytest.mark.usefixtures("default_fee_rules")

migration = importlib.import_module("rooms.migrations.0015_series_skip_reasons_as_codes")


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def series_with_gaps(reception):
    """A weekly series of four Mondays: the second clashes, the third is a closure day."""
    room = RoomFactory(name="Raum Eder", name_en="Eder room")
    monday = timezone.localdate() + dt.timedelta(days=14 - timezone.localdate().weekday())
    book_room(actor=reception, draft=draft(room, at(monday + dt.timedelta(days=7), 10)))
    ClosureDay.objects.create(
        date=monday + dt.timedelta(days=14), reason="Betriebsausflug", reason_en="Staff outing"
    )
    with translation.override("de"):
        series, _bookings = book_series(
            actor=reception,
            draft=draft(room, at(monday, 10)),
            recurrence=Recurrence(freq="weekly", weekdays=(0,), count=4),
        )
    return series, monday


def test_skipped_dates_keep_a_code_and_its_facts_not_words(series_with_gaps):
    series, monday = series_with_gaps

    taken, closed = series.skipped

    assert taken["code"] == Code.TAKEN
    assert taken["params"]["room"] == "Raum Eder"
    assert taken["params"]["room_en"] == "Eder room"
    assert closed == {
        "date": (monday + dt.timedelta(days=14)).isoformat(),
        "code": Code.CLOSED,
        "params": {
            "date": (monday + dt.timedelta(days=14)).isoformat(),
            "reason": "Betriebsausflug",
            "reason_en": "Staff outing",
        },
        "note": "",
    }


def test_a_series_booked_in_german_reads_its_reasons_in_english(series_with_gaps):
    series, monday = series_with_gaps
    closed_on = monday + dt.timedelta(days=14)

    with translation.override("en"):
        reasons = [item.reason for item in series.skipped_dates]
    with translation.override("de"):
        german = [item.reason for item in series.skipped_dates]

    assert reasons[0].startswith("Eder room is already booked from ")
    assert reasons[1] == f"The house is closed on {closed_on:%d/%m/%Y} (Staff outing)."
    assert german[1] == f"Das Haus ist am {closed_on:%d.%m.%Y} geschlossen (Betriebsausflug)."


def test_the_booking_page_shows_the_skipped_dates_in_the_readers_language(
    client, reception, series_with_gaps
):
    series, _monday = series_with_gaps
    booking = series.bookings.first()
    client.force_login(reception)

    page = client.get(
        reverse("rooms:reception_booking", args=[booking.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "(Staff outing)" in page
    assert "Betriebsausflug" not in page


def test_a_reason_kept_as_words_before_codes_is_shown_as_written():
    item = SkippedDate.from_json(
        {"date": "2026-12-07", "reason": "Raum ist renoviert.", "note": "mit Herrn B. besprochen"}
    )

    with translation.override("en"):
        assert item.reason == "Raum ist renoviert."
    assert item.note == "mit Herrn B. besprochen"


@pytest.mark.parametrize(
    ("words", "code", "facts"),
    [
        (
            "Das Haus ist am 07.12.2026 geschlossen (Betriebsausflug).",
            "closed",
            {"date": "2026-12-07", "reason": "Betriebsausflug", "reason_en": "Staff outing"},
        ),
        (
            "The house is closed on 12/07/2026 (Staff outing).",
            "closed",
            {"date": "2026-12-07", "reason": "Betriebsausflug", "reason_en": "Staff outing"},
        ),
        (
            (
                "Raum Eder ist bereits von 07.12.2026 09:30 bis 12:15 Uhr belegt "
                "(Auf- und Abbau eingerechnet)."
            ),
            "taken",
            {
                "room": "Raum Eder",
                "room_en": "Eder room",
                "start": "2026-12-07T09:30:00",
                "end": "12:15",
            },
        ),
        (
            (
                "Raum Eder is already booked from 12/07/2026 09:30 to 12:15 "
                "(set-up and tear-down included)."
            ),
            "taken",
            {
                "room": "Raum Eder",
                "room_en": "Eder room",
                "start": "2026-12-07T09:30:00",
                "end": "12:15",
            },
        ),
        (
            "Raum Eder ist zwischen 08:00 und 22:00 Uhr buchbar.",
            "hours",
            {"room": "Raum Eder", "room_en": "Eder room", "opens": "08:00", "closes": "22:00"},
        ),
        (
            "Raum Eder kann höchstens 365 Tage im Voraus gebucht werden.",
            "too_far",
            {"room": "Raum Eder", "room_en": "Eder room", "days": "365"},
        ),
    ],
)
def test_the_migration_turns_known_words_into_codes(words, code, facts):
    found = migration.coded(
        words,
        day=dt.date(2026, 12, 7),
        closures={dt.date(2026, 12, 7): ("Betriebsausflug", "Staff outing")},
        rooms_en={"Raum Eder": "Eder room"},
    )

    assert found == (code, facts)


def test_the_migration_keeps_unknown_words_and_converts_the_rest_of_a_series(reception):
    from django.apps import apps

    RoomFactory(name="Raum Eder", name_en="Eder room")
    ClosureDay.objects.create(
        date=dt.date(2026, 12, 7), reason="Betriebsausflug", reason_en="Staff outing"
    )
    series = BookingSeries.objects.create(
        rrule="FREQ=WEEKLY",
        skipped=[
            {
                "date": "2026-12-07",
                "reason": "Das Haus ist am 07.12.2026 geschlossen (Betriebsausflug).",
                "note": "",
            },
            {"date": "2026-12-14", "reason": "Sonderfall, siehe Akte.", "note": ""},
        ],
    )

    migration.forwards(apps, None)

    series.refresh_from_db()
    assert series.skipped[0]["code"] == "closed"
    assert series.skipped[1] == {
        "date": "2026-12-14",
        "reason": "Sonderfall, siehe Akte.",
        "note": "",
    }
    with translation.override("en"):
        assert [s.reason for s in series.skipped_dates] == [
            "The house is closed on 07/12/2026 (Staff outing).",
            "Sonderfall, siehe Akte.",
        ]
