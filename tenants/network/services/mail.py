"""Who the network's e-mails go to, queued one per person in their own language."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from house.models import Role, User
from house.services import queue_templated_email
from tenants.models import Membership, Organisation


def admins_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Membership.Role.ADMIN,
            is_active=True,
        )
    )


def coordinators() -> list[User]:
    return list(User.objects.with_role(Role.NETWORK_COORDINATION))


def queue_each(
    *, recipients: Iterable[User], template: str, context: dict[str, Any], ref: str, kind: str
) -> int:
    """One outbox e-mail per person, in their language; call inside the change's transaction."""
    queued = 0
    for user in recipients:
        queue_templated_email(
            template=template,
            context={**context, "recipient": user},
            to=[user.email],
            language=user.language or "de",
            ref=ref,
            kind=kind,
        )
        queued += 1
    return queued
