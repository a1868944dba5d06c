"""Caches: Redis when ``REDIS_URL`` is set, memory otherwise, and the per-process fragments."""

from urllib.parse import urlparse

from house.config.env import env_bool, env_str, env_url

REDIS_URL = env_url("REDIS_URL", "", {"redis", "rediss"})


def _redis_db(url: str, db: int) -> str:
    return urlparse(url)._replace(path=f"/{db}").geturl()


if REDIS_URL:
    # The cache lives in the next Redis database after the broker's: clearing
    # the cache (tests, seed_demo) must never wipe queued tasks.
    _broker_db = int(urlparse(REDIS_URL).path.lstrip("/") or 0)
    REDIS_CACHE_URL = env_url(
        "REDIS_CACHE_URL", _redis_db(REDIS_URL, _broker_db + 1), {"redis", "rediss"}
    )
    CACHES = {
        "default": {
            # Without Redis, reads miss and writes are dropped: pages come from the database.
            "BACKEND": "house.cache.DegradingRedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "hausportal"),
            "TIMEOUT": 300,
            # A Redis that does not answer must not hold a request for long.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_bool("DISABLE_CACHE", default=False):
    # Every page rendered from the database, as on a cold cache (benchmarks/inprocess.py);
    # the rate limits of public forms keep counting in the real cache.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
        "ratelimit": CACHES["default"],
    }
# Rendered pieces of the page frame (navigation links, footer), per process: their
# cache keys hold everything they show, so nothing in them can go stale.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 3600,
}
