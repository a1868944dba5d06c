"""Writes of the conference centre: quoting, booking, deciding and cancelling.

Views, admin actions, commands and tasks call these functions.
Every write runs in its own transaction, records an entry in the activity log
and announces itself after commit through :func:`_after_commit` (the booking
e-mails, written to the outbox).

Conflict safety: the service checks for conflicts first (to name the
conflicting slot and offer alternatives), then inserts one occupancy row per
physical room. Writers of the same room are serialised by a
transaction-level advisory lock (:mod:`house.locks`; SQLite serialises all
writers with IMMEDIATE transactions); the exclusion constraint is the backstop.
A race lost at the database (exclusion violation, deadlock, lock timeout,
recognised by SQLSTATE) is reported as :class:`SlotTakenError`.
"""

from __future__ import annotations

from rooms.services.booking import book_room, confirms_at_once, request_booking
from rooms.services.cancellation import cancellation_fee, cancellation_terms
from rooms.services.categories import clear_organisation_category, set_organisation_category
from rooms.services.changes import change_booking_details, move_booking
from rooms.services.checks import ALTERNATIVES_SECONDS, ensure_free, validate_draft
from rooms.services.decisions import (
    cancel_booking,
    confirm_booking,
    reject_booking,
    withdraw_booking,
    withdraw_or_cancel_booking,
)
from rooms.services.drafts import (
    BookingDraft,
    category_from_papers,
    decide_booker,
    resolve_booker,
)
from rooms.services.errors import BookingError, SlotTakenError
from rooms.services.errors import _short_date as _short_date
from rooms.services.events import book_event, plan_event, quote_event
from rooms.services.quote import _quota_used_minutes as _quota_used_minutes
from rooms.services.quote import quote_booking, quote_draft
from rooms.services.series import (
    WEEKDAYS,
    Occurrence,
    Recurrence,
    book_series,
    cancel_series,
    move_series,
    plan_series,
)

__all__ = [
    "ALTERNATIVES_SECONDS",
    "WEEKDAYS",
    "BookingDraft",
    "BookingError",
    "Occurrence",
    "Recurrence",
    "SlotTakenError",
    "book_event",
    "book_room",
    "book_series",
    "cancel_booking",
    "cancel_series",
    "cancellation_fee",
    "cancellation_terms",
    "category_from_papers",
    "change_booking_details",
    "clear_organisation_category",
    "confirm_booking",
    "confirms_at_once",
    "decide_booker",
    "ensure_free",
    "move_booking",
    "move_series",
    "plan_event",
    "plan_series",
    "quote_booking",
    "quote_draft",
    "quote_event",
    "reject_booking",
    "request_booking",
    "resolve_booker",
    "set_organisation_category",
    "validate_draft",
    "withdraw_booking",
    "withdraw_or_cancel_booking",
]
