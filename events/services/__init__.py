"""Writes of the public programme. Views, the admin, commands and tasks call these.

Capacity: seats are taken with one conditional UPDATE
(``seats_taken = seats_taken + n WHERE seats_taken + n <= capacity``), which
PostgreSQL re-checks on the newest row version when writers queue on the row;
a count-then-insert would overbook under concurrency (DESIGN.md, lessons).
Seats are given back and the waiting list is promoted under a row lock of the
event, so promotions of one event never interleave.

By subject: ``common`` (errors, versions of the public pages, slugs),
``editing`` (events, their room bookings and programme items), ``series``,
``notices`` (mail to registrants), ``registration``, ``waiting_list`` (promotion and
holds) and ``participants`` (attendance, mail to participants, anonymisation).
"""

from events.services.common import (
    FEEDS_VERSION,
    LISTINGS_VERSION,
    MAX_SERIES_DATES,
    SEATS_LOCK,
    EventError,
    EventFullError,
    RegistrationError,
    event_version,
    invalidate_public_pages,
    unique_slug,
)
from events.services.editing import (
    TIME_AND_PLACE,
    add_programme_item,
    approve_event,
    cancel_event,
    publish_event,
    save_event,
)
from events.services.participants import (
    anonymise_past_registrations,
    email_participants,
    set_attendance,
)
from events.services.registration import cancel_registration, register_for_event
from events.services.series import create_series, series_dates
from events.services.waiting_list import confirm_registration, expire_overdue_holds, hold_deadline

__all__ = [
    "FEEDS_VERSION",
    "LISTINGS_VERSION",
    "MAX_SERIES_DATES",
    "SEATS_LOCK",
    "TIME_AND_PLACE",
    "EventError",
    "EventFullError",
    "RegistrationError",
    "add_programme_item",
    "anonymise_past_registrations",
    "approve_event",
    "cancel_event",
    "cancel_registration",
    "confirm_registration",
    "create_series",
    "email_participants",
    "event_version",
    "expire_overdue_holds",
    "hold_deadline",
    "invalidate_public_pages",
    "publish_event",
    "register_for_event",
    "save_event",
    "series_dates",
    "set_attendance",
    "unique_slug",
]
