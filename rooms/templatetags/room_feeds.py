"""``{% room_feed_links room as links %}``: the https:// and webcal:// address of a room feed;
``{% member_calendar_links organisation as links %}``: the member's own address of the
organisation's bookings (None until they create one)."""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def room_feed_links(context: template.Context, room) -> dict[str, str]:
    from rooms.feeds import feed_links

    return feed_links(context["request"], reverse("rooms:room_feed", kwargs={"slug": room.slug}))


@register.simple_tag(takes_context=True)
def member_calendar_links(context: template.Context, organisation) -> dict[str, str] | None:
    """The signed-in member's own address of ``organisation``'s booking calendar, or None."""
    from rooms.feeds import feed_links
    from rooms.tokens import FeedToken

    request = context["request"]
    token = (
        FeedToken.objects.active()
        .filter(
            scope=FeedToken.Scope.ORGANISATION,
            organisation=organisation,
            user_id=request.user.pk,
        )
        .values_list("token", flat=True)
        .first()
    )
    if token is None:
        return None
    return feed_links(request, reverse("rooms:token_feed", kwargs={"token": token}))
