"""Celery tasks of the house-wide domain: thin wrappers around services."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from house import services


@shared_task(name="house.import_public_holidays")
def import_public_holidays_task() -> int:
    """Keep this year's and next year's public holidays in the closure calendar."""
    year = timezone.localdate().year
    return services.import_public_holidays(years=[year, year + 1])


@shared_task(name="house.send_outbox_email")
def send_outbox_email_task(*, email_id: int) -> bool:
    return services.send_outbox_email(email_id=email_id)


@shared_task(name="house.sweep_outbox")
def sweep_outbox_task() -> int:
    return services.sweep_outbox()


@shared_task(name="house.expire_unenrolled_staff")
def expire_unenrolled_staff_task() -> int:
    """End the staff roles of people who did not set up their second factor in time."""
    from house import enrolment

    return enrolment.expire_unenrolled_staff()


@shared_task(name="house.purge_old_emails")
def purge_old_emails_task() -> int:
    """Erase the content of e-mails past the outbox retention period."""
    return services.purge_old_emails()
