"""Registering organisations and editing their profile."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.text import slugify

from house.models import User
from tenants import activity as history
from tenants.models import Membership, Organisation, Service
from tenants.rules import forget_membership_roles
from tenants.services.directory import refresh_search_text
from tenants.services.history import _apply, record_change

if TYPE_CHECKING:
    from django.db.models import Model


def register_organisation(
    *,
    name: str,
    actor: User | None,
    admins: Iterable[User] = (),
    kind: str = Organisation.Kind.TENANT,
    legal_form: str = Organisation.LegalForm.INITIATIVE,
    description: str = "",
) -> Organisation:
    """Enter a new organisation with its first admins (for instance a venture of the
    Social Lab that graduates). The address gets a free slug from the name."""
    base = slugify(name)[:70] or "organisation"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    with transaction.atomic():
        organisation = Organisation(
            name=name, slug=slug, kind=kind, legal_form=legal_form, description=description
        )
        organisation.full_clean()
        organisation.save()
        record_change(
            organisation=organisation,
            actor=actor,
            action=history.CREATED,
            obj=organisation,
            changes={"name": (None, name)},
        )
        for admin in admins:
            membership, created = Membership.objects.get_or_create(
                user=admin, organisation=organisation, defaults={"role": Membership.Role.ADMIN}
            )
            if created:
                record_change(
                    organisation=organisation,
                    actor=actor,
                    action=history.CREATED,
                    obj=membership,
                    changes={"role": (None, membership.role)},
                )
    for admin in admins:
        forget_membership_roles(admin)
    return organisation


def update_organisation(
    *,
    organisation: Organisation,
    actor: User | None,
    fields: Mapping[str, Any],
    languages: Iterable[Any] | None = None,
) -> Organisation:
    """Change an organisation's profile and log what changed.

    Raises ``ValidationError`` (nothing saved) if the result is invalid, e.g. a
    duplicate slug or an expiry before the exemption notice.
    """
    with transaction.atomic():
        m2m = {} if languages is None else {"languages": languages}
        changes = _apply(organisation, fields, m2m)
        if changes:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CHANGED,
                obj=organisation,
                changes=changes,
            )
            for service in organisation.services.all():
                refresh_search_text(service=service)
    return organisation


def record_admin_save(
    *, obj: Model, organisation: Organisation, actor: User, created: bool, changed: list[str]
) -> None:
    """Log a change made in the Django admin (the admin saves the row itself)."""
    if not created and not changed:
        return
    record_change(
        organisation=organisation,
        actor=actor,
        action=history.CREATED if created else history.CHANGED,
        obj=obj,
        changes={name: ("", getattr(obj, name, "")) for name in changed if hasattr(obj, name)},
    )
    if isinstance(obj, Service):
        refresh_search_text(service=obj)
