"""Periodic work of the volunteer area: thin tasks around services (beat schedule in settings)."""

from __future__ import annotations

from celery import shared_task

from house.volunteers.services import notices, qualifications, shifts


@shared_task(name="volunteers.send_shift_reminders")
def send_shift_reminders_task() -> int:
    return notices.send_shift_reminders()


@shared_task(name="volunteers.alert_understaffed_shifts")
def alert_understaffed_shifts_task() -> int:
    return notices.alert_understaffed_shifts()


@shared_task(name="volunteers.expire_offers")
def expire_offers_task() -> int:
    return shifts.expire_offers()


@shared_task(name="volunteers.send_qualification_notices")
def send_qualification_notices_task() -> int:
    return qualifications.send_expiry_notices()


@shared_task(name="volunteers.delete_stale_conduct_certificates")
def delete_stale_conduct_certificates_task() -> int:
    return qualifications.delete_stale_conduct_certificates()
