"""Feeds joined from kept VEVENTs: the bytes icalendar writes for the whole calendar."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from unittest import mock

import pytest
from django.core.cache import cache

from house.ical import build_feed, feed_vevent, kept_vevents
from house.ical.kept import vevent_key
from house.ical.render import feed_calendar, vevent, vtimezone
from tests.ical.test_ical_format import make_entry


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def entries():
    first = make_entry(description="Zugang über den Hof.\n" + "Ein langer Satz. " * 12)
    second = make_entry(
        uid="booking-43@hausportal.example",
        start=first.start + timedelta(days=1),
        end=first.end + timedelta(days=1),
        summary="Lesecafé, mit Kuchen; für alle",
    )
    series = make_entry(uid="booking-44@hausportal.example", rrule={"FREQ": "WEEKLY", "COUNT": 4})
    return [second, series, first]


def whole_calendar(items, *, name):
    """The feed as icalendar writes it in one piece."""
    calendar = feed_calendar(name=name, description="", refresh=timedelta(hours=1))
    calendar.add_component(vtimezone())
    for entry in sorted(items, key=lambda e: e.sort_key()):
        calendar.add_component(vevent(entry, with_people=False))
    return calendar.to_ical()


def test_a_joined_feed_is_byte_for_byte_the_calendar_icalendar_writes():
    items = entries()

    assert build_feed(items, name="Raum Kassel") == whole_calendar(items, name="Raum Kassel")
    assert build_feed(items, name="x", vevents=kept_vevents) == whole_calendar(items, name="x")
    assert build_feed([], name="Leer") == whole_calendar([], name="Leer")


def test_kept_vevents_are_written_once_and_joined_from_the_cache():
    items = entries()
    first = build_feed(items, name="x", vevents=kept_vevents)

    with mock.patch("house.ical.kept.feed_vevent", wraps=feed_vevent) as written:
        again = build_feed(items, name="x", vevents=kept_vevents)

    assert again == first
    assert written.call_count == 0


def test_a_changed_entry_is_rewritten_and_the_others_are_kept():
    items = entries()
    build_feed(items, name="x", vevents=kept_vevents)
    changed = dataclasses.replace(items[0], summary="Lesecafé fällt aus", sequence=3)

    with mock.patch("house.ical.kept.feed_vevent", wraps=feed_vevent) as written:
        feed = build_feed([changed, *items[1:]], name="x", vevents=kept_vevents)

    assert [call.args[0] for call in written.call_args_list] == [changed]
    assert b"SUMMARY:Lesecaf\xc3\xa9 f\xc3\xa4llt aus" in feed
    assert feed == whole_calendar([changed, *items[1:]], name="x")


def test_every_value_of_an_entry_is_part_of_its_key():
    entry = make_entry()

    assert vevent_key(entry) == vevent_key(make_entry())
    for change in (
        {"summary": "Andere Sitzung"},
        {"last_modified": entry.last_modified + timedelta(seconds=1)},
        {"location": "Raum Eder"},
        {"categories": ("Kultur",)},
        {"status": "CANCELLED"},
    ):
        assert vevent_key(dataclasses.replace(entry, **change)) != vevent_key(entry)


def test_without_a_cache_every_vevent_is_written(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    items = entries()

    assert build_feed(items, name="x", vevents=kept_vevents) == whole_calendar(items, name="x")
