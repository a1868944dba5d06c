"""Counts for the reception's menu: requests waiting for a decision, and (for house
management) booker categories past their review date."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag
def pending_request_count() -> int:
    from rooms.queries import pending_count

    return pending_count()


@register.simple_tag
def categories_due_count() -> int:
    from django.utils import timezone

    from rooms.models import OrganisationCategory

    return OrganisationCategory.objects.due_for_review(timezone.localdate()).count()
