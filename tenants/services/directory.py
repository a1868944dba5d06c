"""Entries of the service directory: contacts, consultation hours and services."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from house.models import User
from tenants import activity as history
from tenants.models import ConsultationHours, Contact, Organisation, Service, normalise_search_text
from tenants.services.history import _apply, record_change

if TYPE_CHECKING:
    from django.db.models import Model


def save_contact(
    *,
    organisation: Organisation,
    actor: User | None,
    contact: Contact | None,
    fields: Mapping[str, Any],
) -> Contact:
    """Create (``contact`` None) or change a contact person of ``organisation``."""
    with transaction.atomic():
        contact = contact or Contact(organisation=organisation)
        created = contact.pk is None
        changes = _apply(contact, fields, {})
        if changes:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CREATED if created else history.CHANGED,
                obj=contact,
                changes=changes,
            )
    return contact


def save_consultation_hours(
    *,
    organisation: Organisation,
    actor: User | None,
    hours: ConsultationHours | None,
    fields: Mapping[str, Any],
) -> ConsultationHours:
    """Create or change consultation hours; their service must be the organisation's own."""
    service = fields.get("service")
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("This service belongs to another organisation.")})
    with transaction.atomic():
        hours = hours or ConsultationHours(organisation=organisation)
        created = hours.pk is None
        changes = _apply(hours, fields, {})
        if changes:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CREATED if created else history.CHANGED,
                obj=hours,
                changes=changes,
            )
    return hours


def delete_entry(*, organisation: Organisation, actor: User | None, obj: Model) -> None:
    """Delete a contact, consultation hours or a service of ``organisation`` and log it."""
    if getattr(obj, "organisation_id", None) != organisation.pk:
        raise ValueError("entry of another organisation")
    with transaction.atomic():
        record_change(organisation=organisation, actor=actor, action=history.DELETED, obj=obj)
        obj.delete()


def refresh_search_text(*, service: Service) -> None:
    """Rebuild the folded text the directory search looks in."""
    parts = [
        service.name,
        service.description,
        service.eligibility,
        service.accessibility,
        service.organisation.name,
    ]
    for vocabulary in (service.target_groups.all(), service.topics.all(), service.languages.all()):
        for term in vocabulary:
            parts.extend([term.name, term.name_en])
    text = normalise_search_text(" ".join(parts))
    if text != service.search_text:
        Service.objects.filter(pk=service.pk).update(search_text=text)
        service.search_text = text


def _free_service_slug(organisation: Organisation, name: str) -> str:
    base = slugify(name)[:70] or "angebot"
    taken = set(organisation.services.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_service(
    *,
    organisation: Organisation,
    actor: User | None,
    service: Service | None,
    fields: Mapping[str, Any],
    target_groups: Iterable[Any] = (),
    topics: Iterable[Any] = (),
    languages: Iterable[Any] = (),
) -> Service:
    """Create (``service`` None) or change a directory entry of ``organisation``.

    Saving counts as confirming the entry: ``last_verified`` becomes today and
    an open request for confirmation is closed.
    """
    with transaction.atomic():
        service = service or Service(organisation=organisation)
        created = service.pk is None
        if created:
            service.slug = _free_service_slug(organisation, fields.get("name") or "")
        fields = {**fields, "last_verified": timezone.localdate()}
        changes = _apply(
            service,
            fields,
            {"target_groups": target_groups, "topics": topics, "languages": languages},
        )
        changes.pop("last_verified", None)
        Service.objects.filter(pk=service.pk).update(
            verification_requested_at=None, flagged_at=None
        )
        refresh_search_text(service=service)
        if changes or created:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CREATED if created else history.CHANGED,
                obj=service,
                changes=changes,
            )
    return service


def confirm_service(*, service: Service, actor: User | None) -> Service:
    """The organisation confirms the entry is still correct (HSDS ``assured_date`` = today)."""
    with transaction.atomic():
        today = timezone.localdate()
        Service.objects.filter(pk=service.pk).update(
            last_verified=today, verification_requested_at=None, flagged_at=None
        )
        service.last_verified = today
        service.verification_requested_at = service.flagged_at = None
        record_change(
            organisation=service.organisation,
            actor=actor,
            action=history.CHANGED,
            obj=service,
            changes={"last_verified": (None, today)},
        )
    return service
