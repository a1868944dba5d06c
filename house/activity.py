"""The activity log: record what happened to an object and say it in the reader's language.

Every app registers the action types it writes, each with its message, in its
own ``activity.py`` (imported at start-up)::

    register_actions({
        "rooms.booking.confirmed": _("Booking confirmed"),
        "rooms.booking.moved": _("Moved from %(old_start)s to %(new_start)s"),
    })

and writes entries with :func:`log_activity` inside the transaction of the
change. Pages show an object's history with the ``house/_activity_log.html``
partial. A message may use ``%(key)s`` placeholders from the entry's data;
an entry whose data lacks a key shows the message without substitution.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from house.models.activity import ActivityLog
from house.roles import Role

if TYPE_CHECKING:
    from django.db.models import Model
    from django.utils.functional import Promise

    from house.models import User

#: How an app shows one recorded change: (entry data, field, old, new) → (label, old, new).
ChangeFormatter = Callable[[dict[str, Any], str, Any, Any], tuple[str, Any, Any]]

_ACTIONS: dict[str, Promise | str] = {}
_FIELD_LABELS: dict[str, dict[str, Promise | str]] = {}
_FORMATTERS: dict[str, ChangeFormatter] = {}
_VALUE_LABELS: dict[str, dict[str, dict[Any, Promise | str]]] = {}
_VALUE_FORMATS: dict[str, dict[str, Callable[[Any], str]]] = {}


def register_actions(
    actions: dict[str, Promise | str],
    *,
    field_labels: dict[str, Promise | str] | None = None,
    format_change: ChangeFormatter | None = None,
    value_labels: dict[str, dict[Any, Promise | str]] | None = None,
    value_formats: dict[str, Callable[[Any], str]] | None = None,
) -> None:
    """Declare action types and their messages. ``field_labels`` names the fields that
    entries of these types list under "changes" (shared by all the given types);
    ``format_change`` instead shows each change in the reader's words (labels of
    choices, local dates), for apps whose entries record several kinds of object;
    ``value_labels`` turns stored codes in the message into words
    (``{"role": dict(Role.choices)}``), so a history reads in the reader's language;
    ``value_formats`` writes stored values (ISO dates, decimal amounts) the reader's
    way when the message is read (``{"paid_on": local_date}``)."""
    for action_type, message in actions.items():
        _ACTIONS[action_type] = message
        if field_labels:
            _FIELD_LABELS[action_type] = field_labels
        if format_change is not None:
            _FORMATTERS[action_type] = format_change
        if value_labels:
            _VALUE_LABELS[action_type] = value_labels
        if value_formats:
            _VALUE_FORMATS[action_type] = value_formats


def registered_actions() -> dict[str, Promise | str]:
    return dict(_ACTIONS)


def log_activity(
    *,
    obj: Model,
    action_type: str,
    actor: User | None = None,
    data: dict[str, Any] | None = None,
) -> ActivityLog:
    """Write one entry for ``obj``. Call inside the transaction of the change it records.

    Raises ``ValueError`` for an action type no app registered: a typo must not
    produce history that no page can explain.
    """
    if action_type not in _ACTIONS:
        raise ValueError(f"Unregistered activity type {action_type!r}")
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    return ActivityLog.objects.create(
        content_object=obj, action_type=action_type, actor_id=actor_id, data=data or {}
    )


def describe(entry: ActivityLog) -> str:
    message = _ACTIONS.get(entry.action_type)
    if message is None:
        return entry.action_type
    text = force_str(message)
    if "%(" in text and isinstance(entry.data, dict):
        labels = _VALUE_LABELS.get(entry.action_type, {})
        formats = _VALUE_FORMATS.get(entry.action_type, {})
        try:
            return text % {
                key: _formatted(formats.get(key), _label(labels.get(key), value))
                for key, value in entry.data.items()
            }
        except (KeyError, TypeError, ValueError):
            return text.split("%(")[0].rstrip(" :") or entry.action_type
    return text


def format_change(entry: ActivityLog, field: str, old: Any, new: Any) -> tuple[str, Any, Any]:
    """One recorded change as the reader sees it: (field label, old, new)."""
    formatter = _FORMATTERS.get(entry.action_type)
    if formatter is not None:
        data = entry.data if isinstance(entry.data, dict) else {}
        return formatter(data, field, old, new)
    return field_label(entry.action_type, field), old, new


def field_label(action_type: str, field: str) -> str:
    label = _FIELD_LABELS.get(action_type, {}).get(field)
    return force_str(label) if label is not None else field


def _label(labels: dict[Any, Promise | str] | None, value: Any) -> Any:
    """The word for a stored code; other values (lists, nested data) as they are."""
    if labels and isinstance(value, str | int | bool):
        return labels.get(value, value)
    return value


def _formatted(write: Callable[[Any], str] | None, value: Any) -> str:
    """A value written by the app's formatter; one it cannot read stays as stored."""
    if write is not None and value is not None:
        try:
            return write(value)
        except (TypeError, ValueError, ArithmeticError):
            pass
    return _display(value)


def _display(value: Any) -> str:
    if value is None:
        return "–"
    return str(value)


# The house's own history: roles given and taken on the roles page.
register_actions(
    {
        "house.role.assigned": _("Role assigned: %(role)s"),
        "house.role.removed": _("Role removed: %(role)s"),
        "house.staff.enrolment_started": _("Password set through the enrolment link"),
        "house.staff.enrolment_expired": _(
            "Staff roles ended: the second factor was not set up in time"
        ),
    },
    value_labels={"role": dict(Role.choices)},
)
