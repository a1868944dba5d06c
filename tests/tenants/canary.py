"""The organisations' area's personal fields of a person, planted through its services:
an invitation and the membership it becomes (with a role change in the change log), a
contact entry with their address, and a report of an outdated directory entry."""

from __future__ import annotations

import uuid

from tenants.models import Membership
from tenants.services import (
    accept_invitation,
    change_member_role,
    invite_member,
    report_outdated,
    save_contact,
)
from tests.tenants.factories import OrganisationFactory, ServiceFactory, org_admin


def plant(*, user, marker: str) -> None:
    organisation = OrganisationFactory(slug=f"verein-{uuid.uuid4().hex[:8]}")
    admin = org_admin(organisation)
    invitation = invite_member(
        organisation=organisation, email=user.email, role="member", invited_by=admin
    )
    from allauth.account.models import EmailAddress

    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    membership = accept_invitation(invitation=invitation, user=user)
    change_member_role(membership=membership, role=Membership.Role.ADMIN, actor=admin)
    save_contact(
        organisation=organisation,
        actor=admin,
        contact=None,
        fields={"name": marker, "function": "Beratung", "email": user.email, "phone": ""},
    )
    report_outdated(
        service=ServiceFactory(organisation=organisation),
        message=f"Die Sprechzeiten stimmen nicht mehr, schreibt {marker}.",
        email=user.email,
    )
