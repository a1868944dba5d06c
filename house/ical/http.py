"""Answering feed requests: ETag, Last-Modified, ``304 Not Modified``; webcal links."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from house.ical.entries import CONTENT_TYPE, require_aware


def feed_etag(content: bytes) -> str:
    """A strong ETag for feed bytes (quoted, as HTTP wants it)."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def conditional_feed_response(
    request: HttpRequest,
    content: bytes,
    *,
    last_modified: datetime | None,
    filename: str,
    private: bool = False,
    max_age: int = 300,
) -> HttpResponse:
    """Answer a feed request: ``200`` with the feed, or ``304 Not Modified``.

    Sets Content-Type ``text/calendar; charset=utf-8``, a strong ETag of ``content``,
    Last-Modified (when given: the feed's latest change), Cache-Control and a
    Content-Disposition with ``filename``. Preconditions follow RFC 9110 §13.2.2 (Django's
    ``get_conditional_response``): If-None-Match wins over If-Modified-Since; the 304
    keeps ETag, Last-Modified and Cache-Control. Use ``private=True`` for secret-token feeds
    so shared caches do not keep them.
    """
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    etag = feed_etag(content)
    response.headers["ETag"] = etag
    timestamp: int | None = None
    if last_modified is not None:
        require_aware(last_modified, "last_modified")
        timestamp = int(last_modified.timestamp())
        response.headers["Last-Modified"] = http_date(timestamp)
    scope = "private" if private else "public"
    response.headers["Cache-Control"] = f"{scope}, max-age={max_age}"
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if disposition is not None:
        response.headers["Content-Disposition"] = disposition
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    # Given a response, Django returns it or a 304/412, never None.
    return conditional if conditional is not None else response


def webcal_url(https_url: str) -> str:
    """The ``webcal://`` twin of a feed URL: a click on it opens the subscribe dialogue."""
    for scheme in ("https://", "http://"):
        if https_url.startswith(scheme):
            return "webcal://" + https_url.removeprefix(scheme)
    raise ValueError(f"not an http(s) URL: {https_url!r}")
