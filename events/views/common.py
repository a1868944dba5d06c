"""What the programme's views share: page sizes, cached fragments, looking up events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.safestring import mark_safe

from events.models import Event
from house.caching import cached

if TYPE_CHECKING:
    from django.http import HttpRequest


PAGE_SIZE = 20
#: Registrations one address may send per hour (a family registers once; bots many times).
REGISTRATIONS_PER_HOUR = 10
FRAGMENT_SECONDS = 600


#: Listing pages kept per filter combination; later pages are rendered fresh.
PAGES_KEPT = 50


def _cached_fragment(
    request: HttpRequest, key: str | None, render_fragment: Any, *, depends_on: list[str]
) -> str:
    """Render a fragment, from the cache for anonymous visitors.

    ``key`` holds only validated values (``None``: not kept, e.g. a free-text search),
    so requests cannot fill the cache with entries of their own making.
    """
    if request.user.is_authenticated or key is None:
        return mark_safe(render_fragment())  # noqa: S308 - our own template output
    full_key = f"events:fragment:{translation.get_language()}:{key}"
    html = cached(
        full_key, lambda: str(render_fragment()), depends_on=depends_on, timeout=FRAGMENT_SECONDS
    )
    # Our own template output, rendered a moment ago or from the cache.
    return mark_safe(html)  # noqa: S308


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).for_detail(), slug=slug)


def _managed_event(request: HttpRequest, slug: str) -> Event:
    event = _event(request, slug)
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event
