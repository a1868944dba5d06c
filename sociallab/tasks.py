"""Periodic work of the Social Lab (the beat schedule is in the settings)."""

from __future__ import annotations

from celery import shared_task

from sociallab.services import applications, decisions, funding


@shared_task(name="sociallab.delete_expired_rejections")
def delete_expired_rejections_task() -> int:
    return applications.delete_expired_rejections()


@shared_task(name="sociallab.send_reminders")
def send_reminders_task() -> int:
    return decisions.send_confirmation_reminders() + funding.send_funding_reminders()
