"""Celery tasks of the programme: thin wrappers around :mod:`events.services`."""

from __future__ import annotations

from celery import shared_task

from events import services


@shared_task(name="events.anonymise_past_registrations")
def anonymise_past_registrations_task() -> int:
    """Daily: erase personal data of registrations ``EVENT_REGISTRATION_RETENTION_DAYS`` after
    their event (default 90), keeping the counts for the reports."""
    return services.anonymise_past_registrations()
