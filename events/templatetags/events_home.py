"""The home page's next events of the public programme."""

from __future__ import annotations

from django import template

from events.models import Event

register = template.Library()

#: How many upcoming events the home page shows.
NEXT_EVENTS = 3


@register.inclusion_tag("events/_home_next_events.html")
def next_events() -> dict[str, object]:
    events = list(
        Event.objects.published().upcoming().for_listing().order_by("start")[:NEXT_EVENTS]
    )
    return {"events": events}
