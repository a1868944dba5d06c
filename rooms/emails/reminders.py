"""Reminders before a booked event."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from house.models import OutboxEmail
from rooms.emails.recipients import booker_recipient
from rooms.emails.references import Kind, booking_ref
from rooms.emails.rendering import _queue_one
from rooms.models import Booking

if TYPE_CHECKING:
    pass


def queue_reminders(*, day: dt.date | None = None) -> int:
    """Remind bookers of confirmed bookings on ``day`` (default: tomorrow), once per booking.

    Idempotent: a booking that already has a reminder row is skipped, so the periodic task
    may run more than once a day. Returns the number of e-mails queued.
    """
    day = day or timezone.localdate() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min), tz)
    reminded = set(
        OutboxEmail.objects.filter(kind=Kind.REMINDER, ref__startswith="rooms.booking:")
        .filter(Q(created_at__gte=start - dt.timedelta(days=3)))
        .values_list("ref", flat=True)
    )
    bookings = (
        Booking.objects.filter(state=Booking.State.CONFIRMED, start__gte=start, start__lt=end)
        .select_related("room", "person", "created_by")
        .prefetch_related("room__parts")
        .order_by("start")
    )
    count = 0
    for booking in bookings:
        if booking_ref(booking.pk) in reminded:
            continue
        recipient = booker_recipient(booking)
        if recipient is None:
            continue
        with transaction.atomic():
            _queue_one(booking, recipient, Kind.REMINDER, None)
        count += 1
    return count
