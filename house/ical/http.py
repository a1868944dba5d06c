"""Answering feed requests: ETag, Last-Modified, ``304 Not Modified``; webcal links."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import content_disposition_header, http_date

from house.caching import MISSING, lookup, store
from house.ical.entries import CONTENT_TYPE, require_aware


def feed_etag(content: bytes) -> str:
    """A strong ETag for feed bytes (quoted, as HTTP wants it)."""
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def _feed_headers(
    response: HttpResponse,
    *,
    etag: str,
    timestamp: int | None,
    filename: str,
    private: bool,
    max_age: int,
) -> HttpResponse:
    response.headers["ETag"] = etag
    if timestamp is not None:
        response.headers["Last-Modified"] = http_date(timestamp)
    scope = "private" if private else "public"
    response.headers["Cache-Control"] = f"{scope}, max-age={max_age}"
    disposition = content_disposition_header(as_attachment=True, filename=filename)
    if disposition is not None:
        response.headers["Content-Disposition"] = disposition
    return response


def _timestamp(last_modified: datetime | None) -> int | None:
    if last_modified is None:
        return None
    require_aware(last_modified, "last_modified")
    return int(last_modified.timestamp())


def _answer(
    request: HttpRequest, response: HttpResponse, *, etag: str, timestamp: int | None
) -> HttpResponse:
    conditional = get_conditional_response(
        request, etag=etag, last_modified=timestamp, response=response
    )
    # Given a response, Django returns it or a 304/412, never None.
    return conditional if conditional is not None else response


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
    etag = feed_etag(content)
    timestamp = _timestamp(last_modified)
    response = _feed_headers(
        HttpResponse(content, content_type=CONTENT_TYPE),
        etag=etag,
        timestamp=timestamp,
        filename=filename,
        private=private,
        max_age=max_age,
    )
    return _answer(request, response, etag=etag, timestamp=timestamp)


def cached_feed_response(
    request: HttpRequest,
    key: str,
    build: Callable[[], tuple[bytes, datetime | None]],
    *,
    depends_on: Iterable[str],
    timeout: int,
    filename: str,
    private: bool = False,
    max_age: int = 300,
) -> HttpResponse:
    """:func:`conditional_feed_response` of ``build()``'s ``(content, last_modified)``,
    kept in the cache under ``key`` until a version in ``depends_on`` is raised.

    The feed's ETag and Last-Modified are kept apart from its bytes: a client whose copy
    is current gets its ``304`` without the feed being read from the cache.
    """
    names = list(depends_on)
    _versions, meta = lookup(f"{key}:validators", depends_on=names)
    if meta is not MISSING:
        etag, timestamp = cast(tuple[str, int | None], meta)
        headers = _feed_headers(
            HttpResponse(content_type=CONTENT_TYPE),
            etag=etag,
            timestamp=timestamp,
            filename=filename,
            private=private,
            max_age=max_age,
        )
        answer = _answer(request, headers, etag=etag, timestamp=timestamp)
        if answer is not headers:
            return answer  # 304 Not Modified (or 412)
    body_versions, body = lookup(key, depends_on=names)
    if body is MISSING:
        content, last_modified = build()
        body = (feed_etag(content), _timestamp(last_modified), content)
        store(key, body, versions=body_versions, timeout=timeout)
        store(f"{key}:validators", body[:2], versions=body_versions, timeout=timeout)
    etag, timestamp, content = cast(tuple[str, int | None, bytes], body)
    response = _feed_headers(
        HttpResponse(content, content_type=CONTENT_TYPE),
        etag=etag,
        timestamp=timestamp,
        filename=filename,
        private=private,
        max_age=max_age,
    )
    return _answer(request, response, etag=etag, timestamp=timestamp)


def webcal_url(https_url: str) -> str:
    """The ``webcal://`` twin of a feed URL: a click on it opens the subscribe dialogue."""
    for scheme in ("https://", "http://"):
        if https_url.startswith(scheme):
            return "webcal://" + https_url.removeprefix(scheme)
    raise ValueError(f"not an http(s) URL: {https_url!r}")
