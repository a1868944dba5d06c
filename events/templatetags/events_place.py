"""``{% event_place event as place %}``: ``place.location`` and ``place.map_url`` of an event."""

from __future__ import annotations

from django import template

from events.place import Place, place_of

register = template.Library()


@register.simple_tag
def event_place(event: object) -> Place | None:
    from events.models import Event

    return place_of(event) if isinstance(event, Event) else None
