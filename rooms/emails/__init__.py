"""Booking e-mails of the conference centre, written into the house outbox.

:func:`queue_booking_emails` is called by ``rooms.services.booking._after_commit`` *inside* the
transaction of the booking change, so each e-mail is an :class:`house.models.OutboxEmail`
row committed (or rolled back) together with the change; the outbox sends it after commit.

Who gets what:

* the **booker** (contact e-mail, else the private booker, else the member who asked) in
  their account language (German for contacts without an account), with the calendar
  invitation: ``METHOD:REQUEST`` for a confirmation or change, ``METHOD:CANCEL`` for a
  cancellation (same UID, higher SEQUENCE);
* the **acting staff member** (the reception person who made the change) a copy in their
  language, without invitation (they are not an attendee).

A series is one recurring event (RRULE in Europe/Berlin wall-clock time plus EXDATEs for
the skipped dates) in one summary e-mail; later changes of single occurrences are sent as
overrides of that event (RECURRENCE-ID). See ``docs/booking-emails.md`` for why.

SEQUENCE is not a separate counter: it is the number of changes and cancellations in the
booking's history in the activity log, so it rises with every change and is the
same in e-mails and feeds.
"""

from __future__ import annotations

# The actions that raise a calendar entry's SEQUENCE, as the feeds import them from here.
from rooms.activity import SEQUENCE_ACTIONS as SEQUENCE_ACTIONS
from rooms.emails.invitations import invitation_entry, series_entry
from rooms.emails.queueing import queue_booking_emails
from rooms.emails.recipients import Recipient, booker_recipient, staff_recipient
from rooms.emails.references import (
    EVENT_KINDS,
    Kind,
    access_notes,
    booking_ref,
    house_location,
    invitation_uid,
    organizer,
    original_start,
    sequence_of,
    series_ref,
    uid_domain,
)
from rooms.emails.reminders import queue_reminders
from rooms.emails.resending import emails_of, send_booking_email_again

__all__ = [
    "EVENT_KINDS",
    "Kind",
    "Recipient",
    "access_notes",
    "booker_recipient",
    "booking_ref",
    "emails_of",
    "house_location",
    "invitation_entry",
    "invitation_uid",
    "organizer",
    "original_start",
    "queue_booking_emails",
    "queue_reminders",
    "send_booking_email_again",
    "sequence_of",
    "series_entry",
    "series_ref",
    "staff_recipient",
    "uid_domain",
]
