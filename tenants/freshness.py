"""What a change to the directory makes stale: the directory, organisation pages, home.

The directory's lists depend on :data:`DIRECTORY`, an organisation's page on the
version of that organisation, and every organisation page on
:data:`ORGANISATIONS` (what all of them show: the vocabulary, who is public).
A change to a service, its consultation hours or a contact raises the directory
and its organisation only; a change to an organisation itself or to the
vocabulary raises every page. Writes through the services are caught by the
history they write (``record_change``), the rest (admin, deletions) by the
signals below. The home page lists today's consultation hours and depends on
the directory too.
"""

from __future__ import annotations

from typing import Any

from house.caching import raise_versions

#: Every list of the directory (and the home page's consultation hours open today).
DIRECTORY = "tenants:directory"
#: Every organisation page.
ORGANISATIONS = "tenants:organisations"


def organisation(slug: str) -> str:
    """One organisation's public page."""
    return f"tenants:organisation:{slug}"


def forget_organisation(slug: str) -> None:
    """After commit, make stale the directory and the page of the organisation ``slug``."""
    raise_versions([DIRECTORY, organisation(slug)])


def forget_directory() -> None:
    """After commit, make stale the directory and every organisation page."""
    raise_versions([DIRECTORY, ORGANISATIONS])


def entry_changed(sender: object, instance: Any, **kwargs: Any) -> None:
    """A service, its consultation hours or a contact was saved or deleted (or a
    service's vocabulary changed)."""
    from tenants.models import Organisation

    if str(kwargs.get("action", "post_")).startswith("pre_"):
        return
    if not hasattr(instance, "organisation_id"):  # a term whose services changed
        forget_directory()
        return
    slug = (
        Organisation.objects.filter(pk=instance.organisation_id)
        .values_list("slug", flat=True)
        .first()
    )
    if slug is None:
        forget_directory()
    else:
        forget_organisation(slug)


def everything_changed(sender: object, **kwargs: Any) -> None:
    """An organisation or a term of the vocabulary was saved or deleted."""
    if not str(kwargs.get("action", "post_")).startswith("pre_"):
        forget_directory()


def connect() -> None:
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from tenants.models import (
        ConsultationHours,
        Contact,
        Language,
        Organisation,
        Service,
        TargetGroup,
        Topic,
    )

    for signal in (post_save, post_delete):
        for entry in (Service, ConsultationHours, Contact):
            signal.connect(entry_changed, sender=entry, dispatch_uid=f"tenants.fresh.{entry}")
        for whole in (Organisation, TargetGroup, Topic, Language):
            signal.connect(everything_changed, sender=whole, dispatch_uid=f"tenants.all.{whole}")
    for through in (
        Service.target_groups.through,
        Service.topics.through,
        Service.languages.through,
    ):
        m2m_changed.connect(entry_changed, sender=through, dispatch_uid=f"tenants.fresh.{through}")
    m2m_changed.connect(
        everything_changed,
        sender=Organisation.languages.through,
        dispatch_uid="tenants.all.languages",
    )
