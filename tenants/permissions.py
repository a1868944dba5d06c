"""Who may see and change an organisation, its services and its members.

House management counts as admin of every organisation. Views fetch
organisations through ``Organisation.objects.visible_to(user)`` (not visible →
404) and then ask ``is_org_admin`` before a change (not allowed → 403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from house.permissions import can_manage_house
from tenants.models import Membership, Organisation, OrganisationQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser = User | AnonymousUser


def _role_in(user: AnyUser, organisation: Organisation) -> str | None:
    """The user's membership role, read once per user and organisation within a request."""
    if not user.is_authenticated or not user.is_active:
        return None
    cache: dict[int, str | None] = user.__dict__.setdefault("_org_roles", {})
    if organisation.pk not in cache:
        cache[organisation.pk] = (
            Membership.objects.filter(user=user, organisation=organisation)
            .values_list("role", flat=True)
            .first()
        )
    return cache[organisation.pk]


def is_org_admin(user: AnyUser, organisation: Organisation) -> bool:
    """May change the organisation's profile, services, hours and members."""
    if can_manage_house(user):
        return True
    return _role_in(user, organisation) == Membership.Role.ADMIN


def is_org_member(user: AnyUser, organisation: Organisation) -> bool:
    """Belongs to the organisation (admins are members): sees internal data, may request rooms."""
    if can_manage_house(user):
        return True
    return _role_in(user, organisation) is not None


def organisations_of(user: AnyUser) -> OrganisationQuerySet:
    """The organisations ``user`` belongs to, as admin or member."""
    return Organisation.objects.of_member(user)


def forget_cached_roles(user: AnyUser) -> None:
    """Drop the per-request role cache after a membership of ``user`` changed."""
    user.__dict__.pop("_org_roles", None)
