"""Counts for the reception's menu: requests waiting for a decision, and (for house
management) booker categories past their review date."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_request_count(context: Any) -> int:
    """The count the page already shows (the board), or the count kept for all pages."""
    if "pending_count" in context:
        return int(context["pending_count"])
    from rooms.queries import pending_count

    return pending_count()


@register.simple_tag
def categories_due_count() -> int:
    from django.utils import timezone

    from rooms.models import OrganisationCategory

    return OrganisationCategory.objects.due_for_review(timezone.localdate()).count()
