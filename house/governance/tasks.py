"""Scheduled work of the governance area: thin tasks that call the services."""

from __future__ import annotations

from celery import shared_task

from house.governance import services


@shared_task(name="governance.close_due_circulars")
def close_due_circulars_task() -> int:
    return services.close_due_circulars()


@shared_task(name="governance.remind_due_circulars")
def remind_due_circulars_task() -> int:
    return services.remind_due_circulars()


@shared_task(name="governance.remind_terms_ending")
def remind_terms_ending_task() -> int:
    return services.remind_terms_ending()
