"""Feed responses: cheap to poll (ETag, Last-Modified, 304) and correct when something changed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils.http import http_date

from house.ical import BERLIN, CalendarEntry, build_feed, conditional_feed_response, feed_etag

CHANGED = datetime(2026, 9, 1, 8, 15, 30, 123456, tzinfo=BERLIN)


@pytest.fixture
def feed() -> bytes:
    entry = CalendarEntry(
        uid="booking-1@hausportal.example",
        start=datetime(2026, 10, 26, 10, tzinfo=BERLIN),
        end=datetime(2026, 10, 26, 12, tzinfo=BERLIN),
        summary="Belegt",
        last_modified=CHANGED,
    )
    return build_feed([entry], name="Raum Kassel")


def test_feed_response_200_with_validators(rf, feed):
    response = conditional_feed_response(
        rf.get("/rooms/kassel/calendar.ics"),
        feed,
        last_modified=CHANGED,
        filename="raum-kassel.ics",
    )

    assert response.status_code == 200
    assert response.content == feed
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"] == feed_etag(feed)
    assert response["Last-Modified"] == "Tue, 01 Sep 2026 06:15:30 GMT"
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Disposition"] == 'attachment; filename="raum-kassel.ics"'


def test_feed_response_private_for_token_feeds(rf, feed):
    response = conditional_feed_response(
        rf.get("/f.ics"), feed, last_modified=None, filename="f.ics", private=True, max_age=60
    )

    assert response["Cache-Control"] == "private, max-age=60"
    assert "Last-Modified" not in response
    assert response["ETag"] == feed_etag(feed)


def test_feed_response_304_for_matching_if_none_match(rf, feed):
    request = rf.get("/f.ics", headers={"if-none-match": feed_etag(feed)})

    response = conditional_feed_response(request, feed, last_modified=CHANGED, filename="f.ics")

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == feed_etag(feed)
    assert response["Cache-Control"] == "public, max-age=300"


def test_feed_response_304_for_if_none_match_list_with_our_etag(rf, feed):
    request = rf.get("/f.ics", headers={"if-none-match": f'"old", {feed_etag(feed)}'})

    response = conditional_feed_response(request, feed, last_modified=CHANGED, filename="f.ics")

    assert response.status_code == 304


@pytest.mark.parametrize("later", [timedelta(0), timedelta(seconds=1), timedelta(days=3)])
def test_feed_response_304_for_if_modified_since_not_before_change(rf, feed, later):
    since = http_date((CHANGED.replace(microsecond=0) + later).timestamp())
    request = rf.get("/f.ics", headers={"if-modified-since": since})

    response = conditional_feed_response(request, feed, last_modified=CHANGED, filename="f.ics")

    assert response.status_code == 304
    assert response["Last-Modified"] == "Tue, 01 Sep 2026 06:15:30 GMT"


def test_feed_response_200_when_changed_since_if_modified_since(rf, feed):
    since = http_date((CHANGED - timedelta(seconds=1)).timestamp())
    request = rf.get("/f.ics", headers={"if-modified-since": since})

    response = conditional_feed_response(request, feed, last_modified=CHANGED, filename="f.ics")

    assert response.status_code == 200
    assert response.content == feed


def test_feed_response_200_when_etag_changed(rf, feed):
    # If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2): a changed feed is sent
    # even if a client's clock claims it is newer.
    request = rf.get(
        "/f.ics",
        headers={
            "if-none-match": '"an-older-version"',
            "if-modified-since": http_date(datetime(2030, 1, 1, tzinfo=UTC).timestamp()),
        },
    )

    response = conditional_feed_response(request, feed, last_modified=CHANGED, filename="f.ics")

    assert response.status_code == 200
    assert response.content == feed


def test_feed_response_200_for_unconditional_head(rf, feed):
    response = conditional_feed_response(
        rf.head("/f.ics"), feed, last_modified=CHANGED, filename="f.ics"
    )

    assert response.status_code == 200
    assert response["ETag"] == feed_etag(feed)


def test_feed_etag_is_quoted_and_follows_content(feed):
    etag = feed_etag(feed)

    assert etag.startswith('"')
    assert etag.endswith('"')
    assert etag == feed_etag(bytes(feed))
    assert etag != feed_etag(feed + b" ")
