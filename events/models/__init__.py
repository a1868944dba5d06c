"""The public programme: events, series of events, conference programmes and registrations.

Capacity is guarded by ``Event.seats_taken``: seats are taken with a conditional
UPDATE (``events.services``), and the database refuses a counter above the
capacity. A full event keeps a waiting list: registrations with the status
*waiting* and their group size, promoted first-that-fits when seats free up.

By subject: ``programme`` (categories, the programme's settings, series),
``event`` (events and the items of a conference programme) and ``registration``.
"""

from events.models.event import Event, EventQuerySet, ProgrammeItem
from events.models.programme import Category, EventSeries, ProgrammeSettings
from events.models.programme import _new_token as _new_token
from events.models.registration import Registration, RegistrationQuerySet

__all__ = [
    "Category",
    "Event",
    "EventQuerySet",
    "EventSeries",
    "ProgrammeItem",
    "ProgrammeSettings",
    "Registration",
    "RegistrationQuerySet",
]
