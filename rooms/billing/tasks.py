"""Celery tasks of the invoices: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="billing.send_due_reminders")
def send_due_reminders_task() -> int:
    """Send the payment reminders that are due (beat: daily; safe to run more often)."""
    from rooms.billing.operations.reminders import send_due_reminders

    return send_due_reminders(actor=None)
