"""Celery tasks of the conference centre: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task

from rooms import emails


@shared_task(name="rooms.send_booking_reminders")
def send_booking_reminders_task() -> int:
    """Remind bookers of tomorrow's bookings (beat: daily; safe to run more often)."""
    return emails.queue_reminders()


@shared_task(name="rooms.send_request_digest")
def send_request_digest_task() -> int:
    """Tell the reception about new requests (beat: every few minutes; sends when due)."""
    from rooms.digest import queue_request_digest

    return queue_request_digest()
