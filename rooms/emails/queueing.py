"""The booking e-mails of one change: which kinds go to whom, written with the change."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction

from house.models import OutboxEmail
from rooms.emails.recipients import _last_actor, booker_recipient, staff_recipient
from rooms.emails.references import EVENT_KINDS, Kind
from rooms.emails.rendering import _is_fresh_series_booking, _queue_one, _record_unsendable
from rooms.emails.series_summary import _merge_series_update, _upsert_series_summary
from rooms.models import Booking

if TYPE_CHECKING:
    pass

logger = logging.getLogger(__name__)


def queue_booking_emails(booking: Booking, event: str) -> list[OutboxEmail]:
    """Write the e-mails a booking event causes into the outbox (inside the caller's transaction).

    ``event`` is what ``rooms.services.booking._after_commit`` announces: the new state, or
    ``"changed"``. Occurrences created by a series are summed up in one series e-mail.
    Returns the queued rows (empty when nobody can be written to).
    """
    kind = EVENT_KINDS.get(event)
    if kind is None:
        logger.warning("No e-mail for booking event %r", event)
        return []
    booking = (
        Booking.objects.select_related("room", "person", "created_by", "series", "organisation")
        .prefetch_related("room__parts")
        .get(pk=booking.pk)
    )
    actor = _last_actor(booking)
    booker = booker_recipient(booking)
    staff = staff_recipient(actor, booker)
    recipients = [r for r in (booker, staff) if r is not None]
    is_series_creation = (
        booking.series_id is not None
        and kind in (Kind.CONFIRMATION, Kind.REQUEST_RECEIVED)
        and _is_fresh_series_booking(booking)
    )
    rows = []
    for recipient in recipients:
        try:
            with transaction.atomic():  # a savepoint: a broken e-mail never undoes the booking
                if is_series_creation:
                    rows.append(_upsert_series_summary(booking, recipient, actor))
                elif booking.series_id and kind in (Kind.CANCELLATION, Kind.CHANGE):
                    rows.append(_merge_series_update(booking, recipient, kind, actor))
                else:
                    rows.append(_queue_one(booking, recipient, kind, actor))
        except Exception as exc:
            logger.exception("Could not compose the %s e-mail of booking %s", kind, booking.pk)
            rows.append(_record_unsendable(booking, recipient, kind, actor, exc))
    return rows
