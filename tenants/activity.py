"""What an organisation's history records: its profile, services, hours, contacts and members.

Entries are written on the organisation, whatever part of its area changed, so
that the organisation's "Change log" page reads as one history. ``data`` holds
``model`` (the label of what changed, ``tenants.service``), ``repr`` (its name
when the entry was written) and ``changes`` (field → [old, new] as stored
values: choice keys, true/false, ISO dates), shown in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

if TYPE_CHECKING:
    from django.utils.functional import Promise

CREATED = "tenants.entry.created"
CHANGED = "tenants.entry.changed"
DELETED = "tenants.entry.deleted"

#: Entries written before the models were named in the log kept the kind as words.
_KINDS: dict[Any, Promise | str] = {
    "tenants.organisation": capfirst(_("organisation")),
    "tenants.service": capfirst(_("service")),
    "tenants.contact": capfirst(_("contact")),
    "tenants.consultationhours": capfirst(_("consultation hours")),
    "tenants.membership": capfirst(_("membership")),
    "tenants.invitation": capfirst(_("invitation")),
}

#: Older entries do not name the model; these are the models of an organisation's area.
_AREA_MODELS = (
    "tenants.organisation",
    "tenants.service",
    "tenants.contact",
    "tenants.consultationhours",
    "tenants.membership",
    "tenants.invitation",
)


def format_change(
    data: dict[str, Any], name: str, old: Any, new: Any
) -> tuple[str, str | None, str]:
    """(field label, old, new) in the reader's language: "Ja"/"Nein", choice labels, dates.
    An empty old value is ``None``, so a new entry's fields read as values, not as changes."""
    field = _field_of(str(data.get("model") or ""), name)
    label = str(field.verbose_name) if field is not None else name
    before = None if old is None or old in {"", "–"} else _readable(field, old)
    return capfirst(label), before, _readable(field, new)


def _field_of(model_label: str, name: str) -> Any:
    """The field ``name`` of the model ``model_label``; for older entries (no model
    named) the first model of the organisation's area that has such a field."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    candidates = [model_label] if model_label in _AREA_MODELS else list(_AREA_MODELS)
    for label in candidates:
        try:
            return apps.get_model(label)._meta.get_field(name)
        except (LookupError, FieldDoesNotExist):  # a field removed since the entry was written
            continue
    return None


def _readable(field: Any, value: object) -> str:
    """A stored change value as people read it; older entries stored display strings."""
    from django.db import models
    from django.template.defaultfilters import yesno

    if value is None or value in {"", "–"}:
        return "–"
    if isinstance(field, models.BooleanField) and value in (True, False, "True", "False"):
        return str(yesno(value in (True, "True")))
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, str) and isinstance(field, models.DateField | models.TimeField):
        return _readable_moment(field, value)
    return str(value)


def _readable_moment(field: Any, value: str) -> str:
    """An ISO date, time or date-time in the reader's format (older entries: as stored)."""
    from django.db import models
    from django.utils import formats, timezone

    try:
        if isinstance(field, models.DateTimeField):
            moment = timezone.localtime(dt.datetime.fromisoformat(value))
            return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        if isinstance(field, models.DateField):
            return formats.date_format(dt.date.fromisoformat(value), "SHORT_DATE_FORMAT")
        return formats.time_format(dt.time.fromisoformat(value), "TIME_FORMAT")
    except ValueError:
        return value


register_actions(
    {
        CREATED: _("%(model)s “%(repr)s” created"),
        CHANGED: _("%(model)s “%(repr)s” changed"),
        DELETED: _("%(model)s “%(repr)s” deleted"),
    },
    format_change=format_change,
    value_labels={"model": _KINDS},
)
