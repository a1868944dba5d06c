"""The count of requests waiting for a decision, for the reception's menu."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def pending_request_count() -> int:
    from rooms.queries import pending_count

    return pending_count()
