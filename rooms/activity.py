"""What the conference centre records in the activity log: a booking's life.

Entries are written on the booking; ``data`` holds ``changes`` (field → value or
[old, new]) and an optional ``note`` (a reason, a remark). Changes and
cancellations raise the booking's calendar SEQUENCE (:data:`SEQUENCE_ACTIONS`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

CREATED = "rooms.booking.created"
CHANGED = "rooms.booking.changed"
CONFIRMED = "rooms.booking.confirmed"
REJECTED = "rooms.booking.rejected"
WITHDRAWN = "rooms.booking.withdrawn"
CANCELLED = "rooms.booking.cancelled"
#: Kept on a day the house closes, as an exception with a reason.
KEPT_ON_CLOSURE_DAY = "rooms.booking.kept_on_closure_day"

#: House management sets or clears an organisation's booker category (logged on the organisation).
CATEGORY_SET = "rooms.category.set"
CATEGORY_CLEARED = "rooms.category.cleared"

#: Log actions that raise an invitation's SEQUENCE.
SEQUENCE_ACTIONS = (CHANGED, CANCELLED)

_STATES = {
    "requested": _("Requested"),
    "confirmed": _("Confirmed"),
    "rejected": _("Rejected"),
    "withdrawn": _("Withdrawn"),
    "cancelled": _("Cancelled"),
}
_LABELS = {
    "state": _("state"),
    "start": _("start"),
    "end": _("end"),
    "room": _("room"),
    "title": _("title"),
    "attendees": _("attendees"),
    "layout": _("layout"),
    "gross": _("gross"),
    "net": _("net"),
    "vat": _("VAT"),
    "deposit": _("deposit"),
    "category": _("booker category"),
    "reason": _("reason"),
    "review_on": _("review by"),
    "cancellation_fee": _("cancellation fee (net)"),
    "cancellation_percent": _("cancellation fee in %"),
    "waiver": _("cancellation fee waived because"),
}


def change_value(key: str, value: object) -> str:  # noqa: PLR0911 - one answer per kind of value
    """One logged value as people read it: state labels, local dates, euro amounts."""
    from django.utils import formats, timezone

    text = "–" if value in (None, "") else str(value)
    if key in {"category", "review_on"}:
        return _category_value(key, text)
    if key == "state" and text in _STATES:
        return str(_STATES[text])
    if key in {"start", "end"}:
        try:
            moment = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
        if timezone.is_aware(moment):
            moment = timezone.localtime(moment)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if key in {"gross", "net", "vat", "deposit", "cancellation_fee"}:
        try:
            return f"{formats.number_format(Decimal(text), 2)} €"
        except ArithmeticError:
            return text
    return text


def _category_value(key: str, text: str) -> str:
    from django.utils import formats

    from rooms.fees import BookerCategory

    if key == "category":
        return str(BookerCategory(text).label) if text in BookerCategory.values else text
    try:
        return formats.date_format(dt.date.fromisoformat(text), "SHORT_DATE_FORMAT")
    except ValueError:
        return text


def _format_change(data: dict[str, Any], field: str, old: Any, new: Any) -> tuple[str, Any, Any]:
    label = capfirst(str(_LABELS.get(field, field)))
    return label, None if old is None else change_value(field, old), change_value(field, new)


register_actions(
    {
        CREATED: _("Created"),
        CHANGED: _("Changed"),
        CONFIRMED: _("Confirmed"),
        REJECTED: _("Rejected"),
        WITHDRAWN: _("Withdrawn"),
        CANCELLED: _("Cancelled"),
        KEPT_ON_CLOSURE_DAY: _("Kept although the house is closed"),
        CATEGORY_SET: _("Booker category set by house management"),
        CATEGORY_CLEARED: _("Booker category of house management removed"),
    },
    format_change=_format_change,
)
