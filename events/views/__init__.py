"""Public programme pages, registration by personal link, feeds and the organisers' area.

Thin: parse, authorise, call :mod:`events.services`, render or redirect.
Anonymous visitors get the expensive parts of the public pages from the cache
(rendered fragments keyed on the programme's version, which every change bumps);
messages and CSRF tokens are never inside a cached fragment.

By subject: ``public`` (listing, calendar, detail), ``registration`` (a visitor's
registration by personal link), ``feeds`` (calendar feeds), ``manage`` (the
organisers' events) and ``participants`` (the organisers' view of registrations).
"""

from events.views.common import FRAGMENT_SECONDS, PAGE_SIZE, PAGES_KEPT, REGISTRATIONS_PER_HOUR
from events.views.feeds import (
    FEED_AHEAD,
    FEED_PAST,
    PROGRAMME_AHEAD,
    PROGRAMME_PAST,
    feed_all,
    feed_category,
    feed_organiser,
    feed_target_group,
)
from events.views.manage import (
    event_approve,
    event_cancel,
    event_create,
    event_edit,
    event_publish,
    manage_event,
    manage_list,
    programme_add,
    series_create,
)
from events.views.participants import (
    assisted_registration,
    checkin_list,
    email_participants,
    registration_attendance,
    registration_cancel_by_organiser,
    registrations_csv,
    report,
)
from events.views.public import event_calendar, event_detail, event_list
from events.views.registration import (
    event_ics,
    event_register,
    registration_cancel,
    registration_confirm,
    registration_detail,
)

__all__ = [
    "FEED_AHEAD",
    "FEED_PAST",
    "FRAGMENT_SECONDS",
    "PAGES_KEPT",
    "PAGE_SIZE",
    "PROGRAMME_AHEAD",
    "PROGRAMME_PAST",
    "REGISTRATIONS_PER_HOUR",
    "assisted_registration",
    "checkin_list",
    "email_participants",
    "event_approve",
    "event_calendar",
    "event_cancel",
    "event_create",
    "event_detail",
    "event_edit",
    "event_ics",
    "event_list",
    "event_publish",
    "event_register",
    "feed_all",
    "feed_category",
    "feed_organiser",
    "feed_target_group",
    "manage_event",
    "manage_list",
    "programme_add",
    "registration_attendance",
    "registration_cancel",
    "registration_cancel_by_organiser",
    "registration_confirm",
    "registration_detail",
    "registrations_csv",
    "report",
    "series_create",
]
