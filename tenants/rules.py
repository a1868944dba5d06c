"""Who may see and change an organisation, its services and its members.

House management counts as admin of every organisation. Views fetch
organisations through ``Organisation.objects.visible_to(user)`` (not visible →
404) and then ask ``user.has_perm("tenants.change_organisation", organisation)``
before a change (not allowed → 403). Templates ask the same names with
``{% has_perm %}``, the Django admin through ``ObjectPermissionsModelAdmin``
(which reads ``view`` as ``change`` where no ``view`` rule is registered).

The predicates accept an organisation or anything that belongs to one
(``obj.organisation``: a service, a contact, a booking, an event).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from house.rules import is_house_management
from tenants.models import Membership, Organisation

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"


def _organisation_of(obj: object) -> Organisation | None:
    if isinstance(obj, Organisation):
        return obj
    return getattr(obj, "organisation", None)


def membership_role(user: AnyUser, organisation: Organisation) -> str | None:
    """The user's role in ``organisation``, read once per user and organisation within a request."""
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


def forget_membership_roles(user: AnyUser) -> None:
    """Drop the per-request role cache after a membership of ``user`` changed."""
    user.__dict__.pop("_org_roles", None)


@rules.predicate
def is_member_of_organisation(user: AnyUser, obj: object) -> bool:
    """Belongs to the organisation (admins are members)."""
    organisation = _organisation_of(obj)
    return organisation is not None and membership_role(user, organisation) is not None


@rules.predicate
def is_admin_of_organisation(user: AnyUser, obj: object) -> bool:
    organisation = _organisation_of(obj)
    return (
        organisation is not None
        and membership_role(user, organisation) == Membership.Role.ADMIN.value
    )


@rules.predicate
def is_member_of_an_organisation(user: AnyUser) -> bool:
    """Belongs to at least one organisation: may publish events, request rooms."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Organisation.objects.of_member(user).exists()


#: Members see their organisation's own area: internal contacts, ended services, history.
can_enter_organisation = is_house_management | is_member_of_organisation
#: Admins change the profile, services, hours, contacts, members and invitations.
can_change_organisation = is_house_management | is_admin_of_organisation

rules.add_perm("tenants.enter_organisation", can_enter_organisation)
rules.add_perm("tenants.change_organisation", can_change_organisation)
rules.add_perm("tenants.delete_organisation", is_house_management)
rules.add_perm("tenants.change_service", can_change_organisation)
rules.add_perm("tenants.delete_service", can_change_organisation)
