"""Who may run which events. Views fetch events through ``Event.objects.visible_to(user)``
(not visible → 404) and then ask these functions (not allowed → 403)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from house.permissions import can_manage_house, can_use_reception
from tenants.models import Organisation, OrganisationQuerySet
from tenants.permissions import is_org_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from events.models import Event
    from house.models import User

    AnyUser = User | AnonymousUser


def can_manage_event(user: AnyUser, event: Event) -> bool:
    """Members of the organiser and house staff (management, reception) run an event."""
    if can_manage_house(user) or can_use_reception(user):
        return True
    return event.organisation is not None and is_org_member(user, event.organisation)


def can_publish_for_house(user: AnyUser) -> bool:
    """Events without an organisation are the house's own; house management runs them."""
    return can_manage_house(user) or can_use_reception(user)


def organisations_for_events(user: AnyUser) -> OrganisationQuerySet:
    """The organisations ``user`` may publish events for."""
    if can_manage_house(user) or can_use_reception(user):
        return Organisation.objects.all()
    return Organisation.objects.of_member(user)


def can_use_programme_area(user: AnyUser) -> bool:
    return can_publish_for_house(user) or organisations_for_events(user).exists()


def can_review_events(user: AnyUser) -> bool:
    return can_manage_house(user)


def can_view_reports(user: AnyUser) -> bool:
    return can_manage_house(user)
