"""The home page's "open today": consultation hours of the house's public services."""

from __future__ import annotations

from django import template
from django.utils import timezone

from house.models import ClosureDay
from tenants.models import ConsultationHours

register = template.Library()

#: How many of today's consultation hours the home page lists.
OPEN_TODAY_LIMIT = 8


@register.inclusion_tag("tenants/_home_open_today.html")
def open_today() -> dict[str, object]:
    today = timezone.localdate()
    closure = ClosureDay.objects.filter(date=today).first()
    hours = [] if closure else list(ConsultationHours.objects.public_on(today)[:OPEN_TODAY_LIMIT])
    return {"closure": closure, "hours": hours, "today": today}
