"""House management's booker category for an organisation: it wins over the organisation's
papers when its bookings are priced (``rooms.services.drafts.decide_booker``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from rooms import activity
from rooms.fees import BookerCategory
from rooms.models import OrganisationCategory
from rooms.services.errors import BookingError

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation


def set_organisation_category(
    *,
    actor: User,
    organisation: Organisation,
    category: str,
    reason: str,
    review_on: dt.date,
) -> OrganisationCategory:
    """House management decides an organisation's booker category (it wins over the
    papers, see :func:`decide_booker`), with a reason shown on every quote and a date by
    which it is reviewed. Logged on the organisation with the old and new values.
    Quotes already frozen on bookings keep their price."""
    if not actor.has_perm("rooms.set_organisation_category"):
        raise PermissionError("only house management sets an organisation's booker category")
    reason = " ".join(reason.split())
    if category not in BookerCategory.values:
        raise BookingError(_("Please choose a booker category."), field="category")
    if not reason:
        raise BookingError(_("Please give the reason for this category."), field="reason")
    if review_on <= timezone.localdate():
        raise BookingError(_("The review date must lie in the future."), field="review_on")
    with transaction.atomic():
        row = (
            OrganisationCategory.objects.select_for_update()
            .filter(organisation=organisation)
            .first()
        )
        old = (
            {"category": row.category, "reason": row.reason, "review_on": _iso(row.review_on)}
            if row is not None
            else {}
        )
        row = row or OrganisationCategory(organisation=organisation)
        row.category, row.reason, row.review_on = category, reason, review_on
        row.set_by, row.set_at = actor, timezone.now()
        row.save()
        new = {"category": category, "reason": reason, "review_on": review_on.isoformat()}
        changes = {
            key: [old.get(key), value] for key, value in new.items() if old.get(key) != value
        }
        log_activity(
            obj=organisation,
            action_type=activity.CATEGORY_SET,
            actor=actor,
            data={"changes": changes},
        )
    return row


def clear_organisation_category(*, actor: User, organisation: Organisation) -> bool:
    """Remove house management's category: the organisation's papers decide again.
    Returns whether there was one."""
    if not actor.has_perm("rooms.set_organisation_category"):
        raise PermissionError("only house management sets an organisation's booker category")
    with transaction.atomic():
        row = (
            OrganisationCategory.objects.select_for_update()
            .filter(organisation=organisation)
            .first()
        )
        if row is None:
            return False
        changes = {"category": [row.category, None], "reason": [row.reason, None]}
        row.delete()
        log_activity(
            obj=organisation,
            action_type=activity.CATEGORY_CLEARED,
            actor=actor,
            data={"changes": changes},
        )
    return True


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None
