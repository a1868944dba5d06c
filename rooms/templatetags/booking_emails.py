"""``{% booking_emails_summary booking %}``: which e-mails of a booking went out, at a glance."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("rooms/_booking_emails_summary.html")
def booking_emails_summary(booking, limit: int = 5) -> dict:
    from rooms.emails import emails_of

    emails = list(emails_of(booking)[: limit + 1])
    return {"booking": booking, "emails": emails[:limit], "more": len(emails) > limit}
