"""Celery tasks of the programme: thin wrappers around :mod:`events.services`."""

from __future__ import annotations

from celery import shared_task

from events import services


@shared_task(name="events.anonymise_past_registrations")
def anonymise_past_registrations_task() -> int:
    """Daily: erase personal data of registrations ``EVENT_REGISTRATION_RETENTION_DAYS`` after
    their event (default 90), keeping the counts for the reports."""
    return services.anonymise_past_registrations()


@shared_task(name="events.expire_unconfirmed_registrations")
def expire_unconfirmed_registrations_task() -> int:
    """Every five minutes: release the places of registrations not confirmed before their
    deadline (``EVENT_REGISTRATION_HOLD_HOURS``) and give them to the waiting list."""
    return services.expire_overdue_holds()
