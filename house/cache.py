"""The Redis cache backend of Hausportal: Django's, degrading to no cache while Redis is down."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from typing import Any

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

# --- Redis outages -------------------------------------------------------------------
#
# The cache is an optimisation: when Redis cannot be reached, reads miss and
# writes are dropped, so every page is built from the database instead of
# answering 500. The client then leaves Redis alone for ``OUTAGE_PAUSE`` seconds,
# so an outage costs one failed connection per pause and process, not one per
# cache call. A key whose write was dropped may still hold its old value in
# Redis (a session that was signed out, a version that was bumped): those keys
# are deleted as soon as Redis answers again, or the whole cache is cleared when
# too many were missed to remember.

_logger = logging.getLogger(__name__)
_OUTAGE_ERRORS = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
OUTAGE_PAUSE = 5.0
MAX_MISSED_KEYS = 10_000


class DegradingRedisCacheClient(RedisCacheClient):
    """Django's Redis client that degrades to "no cache" while Redis is unreachable."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._down_until = 0.0
        self._down = False
        self._missed: set[Any] = set()
        self._missed_too_many = False
        self._outage_lock = threading.Lock()

    @property
    def is_down(self) -> bool:
        return self._down

    def _guarded(
        self, fallback: Any, operation: Any, *args: Any, writes: Iterable[Any] = ()
    ) -> Any:
        if self._down and time.monotonic() < self._down_until:
            self._remember(writes)
            return fallback
        try:
            if self._missed or self._missed_too_many:
                self._forget_missed()
            result = operation(*args)
        except _OUTAGE_ERRORS:
            self._went_down()
            self._remember(writes)
            return fallback
        if self._down:
            self._down = False
            _logger.warning("Redis answers again; the cache is back in use")
        return result

    def _went_down(self) -> None:
        if not self._down:
            _logger.warning(
                "Redis is unreachable; pages are built from the database", exc_info=True
            )
        self._down = True
        self._down_until = time.monotonic() + OUTAGE_PAUSE

    def _remember(self, keys: Iterable[Any]) -> None:
        with self._outage_lock:
            if self._missed_too_many:
                return
            self._missed.update(keys)
            if len(self._missed) > MAX_MISSED_KEYS:
                self._missed_too_many = True
                self._missed.clear()

    def _forget_missed(self) -> None:
        """Delete what Redis may still hold from before its outage (raises if still down)."""
        with self._outage_lock:
            keys, clear_all = list(self._missed), self._missed_too_many
        client = self.get_client(write=True)
        if clear_all:
            client.flushdb()
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
        with self._outage_lock:
            self._missed.difference_update(keys)
            if clear_all:
                self._missed_too_many = False

    def add(self, key: Any, value: Any, timeout: Any) -> Any:
        return self._guarded(False, super().add, key, value, timeout, writes=[key])

    def get(self, key: Any, default: Any) -> Any:
        return self._guarded(default, super().get, key, default)

    def set(self, key: Any, value: Any, timeout: Any) -> Any:
        return self._guarded(None, super().set, key, value, timeout, writes=[key])

    def touch(self, key: Any, timeout: Any) -> Any:
        return self._guarded(False, super().touch, key, timeout, writes=[key])

    def delete(self, key: Any) -> Any:
        return self._guarded(False, super().delete, key, writes=[key])

    def get_many(self, keys: Any) -> Any:
        return self._guarded({}, super().get_many, keys)

    def has_key(self, key: Any) -> Any:
        return self._guarded(False, super().has_key, key)

    def incr(self, key: Any, delta: Any) -> Any:
        missing = object()
        result = self._guarded(missing, super().incr, key, delta, writes=[key])
        if result is missing:
            # What callers already handle for a key that is not there.
            raise ValueError(f"Key {key!r} not found (the cache is unreachable)")
        return result

    def set_many(self, data: Any, timeout: Any) -> Any:
        return self._guarded([], super().set_many, data, timeout, writes=list(data))

    def delete_many(self, keys: Any) -> Any:
        return self._guarded(None, super().delete_many, keys, writes=list(keys))

    def clear(self) -> Any:
        result = self._guarded(False, super().clear)
        if result is False:
            with self._outage_lock:
                self._missed_too_many = True
        return result


class DegradingRedisCache(RedisCache):
    """The portal's cache: Django's Redis cache, and no cache at all while Redis is down."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = DegradingRedisCacheClient
