"""The production setup in docker-compose.yml and the Caddyfile."""

from __future__ import annotations

import re

from django.conf import settings

COMPOSE = (settings.BASE_DIR / "docker-compose.yml").read_text()
CADDYFILE = (settings.BASE_DIR / "Caddyfile").read_text()


def _block(text: str, opening: str) -> str:
    start = text.index(opening)
    depth = 0
    for end in range(text.index("{", start), len(text)):
        depth += {"{": 1, "}": -1}.get(text[end], 0)
        if depth == 0:
            return text[start:end]
    return text[start:]


def test_compose_requires_the_database_password():
    uses = re.findall(r"\$\{POSTGRES_PASSWORD[^}]*\}", COMPOSE)
    assert uses
    assert all(":?" in use for use in uses)


def test_a_web_server_serves_static_and_media_in_front_of_gunicorn():
    assert "image: caddy:2" in COMPOSE
    assert "static:/srv/static:ro" in COMPOSE
    assert "media:/srv/media:ro" in COMPOSE
    assert "reverse_proxy web:8000" in CADDYFILE
    # gunicorn is no longer published on the host: only Caddy reaches it.
    assert "8000:8000" not in COMPOSE


def test_uploads_are_served_with_nosniff_and_a_sandboxing_policy():
    media = _block(CADDYFILE, "handle_path /media/*")
    assert "X-Content-Type-Options nosniff" in media
    policy = re.search(r'Content-Security-Policy "([^"]+)"', media)
    assert policy is not None
    assert "sandbox" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
