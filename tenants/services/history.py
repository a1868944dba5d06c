"""The change history of an organisation: what changed, recorded in its activity log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models

from house.activity import log_activity
from house.models import ActivityLog, User
from tenants import freshness
from tenants.models import Organisation

if TYPE_CHECKING:
    from django.db.models import Model


class LastAdminError(ValidationError):
    """An organisation must keep at least one admin."""


def _stored(value: object) -> object:
    """A change value as JSON: choice keys, booleans and numbers as they are, dates in ISO.

    Labels are looked up when the log is read, in the reader's language.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "url"):  # a file
        return str(value.name or "") or None
    return str(value)


def record_change(
    *,
    organisation: Organisation,
    actor: User | None,
    action: str,
    obj: Model,
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> ActivityLog:
    """Write one entry of the organisation's history; ``action`` is one of
    :mod:`tenants.activity`'s types and ``changes`` maps field names to (old, new).

    Every change of the directory passes here: its public pages are made stale too."""
    freshness.forget_organisation(organisation.slug)
    return log_activity(
        obj=organisation,
        action_type=action,
        actor=actor,
        data={
            "model": obj._meta.label_lower,
            "repr": str(obj)[:200],
            "changes": {
                name: [_stored(old), _stored(new)] for name, (old, new) in (changes or {}).items()
            },
        },
    )


def _apply(
    instance: Model, fields: Mapping[str, Any], m2m: Mapping[str, Iterable[Model]]
) -> dict[str, tuple[object, object]]:
    """Set ``fields`` on ``instance``, validate, save, set ``m2m``; return what changed."""
    changes: dict[str, tuple[object, object]] = {}
    is_new = instance.pk is None
    # Compare with the stored row: a ModelForm may already have changed ``instance``.
    stored = None if is_new else type(instance)._default_manager.get(pk=instance.pk)
    for name, value in fields.items():
        old = None if stored is None else getattr(stored, name)
        if is_new or (old != value and _stored(old) != _stored(value)):
            changes[name] = (old, value)
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, values in m2m.items():
        manager = getattr(instance, name)
        new = set(values)
        old_set = set() if is_new else set(manager.all())
        if new != old_set:
            changes[name] = (
                ", ".join(sorted(str(v) for v in old_set)),
                ", ".join(sorted(str(v) for v in new)),
            )
            manager.set(new)
    return changes
