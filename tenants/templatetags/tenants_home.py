"""The home page's "open today": consultation hours of the house's public services."""

from __future__ import annotations

from django import template
from django.utils import timezone

from house.models import ClosureDay
from tenants.models import ConsultationHours, Invitation

register = template.Library()

#: How many of today's consultation hours the home page lists.
OPEN_TODAY_LIMIT = 8


@register.inclusion_tag("tenants/_home_open_today.html")
def open_today() -> dict[str, object]:
    today = timezone.localdate()
    closure = ClosureDay.objects.filter(date=today).first()
    hours = [] if closure else list(ConsultationHours.objects.public_on(today)[:OPEN_TODAY_LIMIT])
    return {"closure": closure, "hours": hours, "today": today}


@register.inclusion_tag("tenants/_dashboard_invitations.html")
def pending_invitations(user: object) -> dict[str, object]:
    """Invitations waiting for the signed-in person, first thing in My area: someone who
    confirmed their address in another browser lands there, not on the invitation."""
    from allauth.account.models import EmailAddress

    emails = list(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    invitations = (
        list(Invitation.objects.open().for_emails(emails).select_related("organisation"))
        if emails
        else []
    )
    return {"invitations": invitations}
