"""``{% room_feed_links room as links %}``: the https:// and webcal:// address of a room feed."""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def room_feed_links(context: template.Context, room) -> dict[str, str]:
    from rooms.feeds import feed_links

    return feed_links(context["request"], reverse("rooms:room_feed", kwargs={"slug": room.slug}))
