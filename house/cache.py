"""The Redis cache backend of Hausportal.

Django's Redis client builds a new ``redis.Redis`` object for every cache call,
and each one fills a table of some two hundred response callbacks before it
sends a byte. A signed-in page asks the cache three or four times, so on the
reception board that cost about a millisecond per request. The client objects
here are made once per connection pool and reused: ``redis.Redis`` is safe to
share between threads, and its pool notices a fork and opens new connections in
the child.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own pools, chosen as Django chooses them (attributes the stubs lack).
        django: Any = self
        index = django._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in django._pools:
                django._pools[index] = django._pool_class.from_url(
                    django._servers[index], **django._pool_options
                )
            client = self._clients[index] = django._client(connection_pool=django._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
