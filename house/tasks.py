"""Periodic jobs of the house-wide domain."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from house.services import import_public_holidays


@shared_task(name="house.import_public_holidays")
def import_public_holidays_task() -> int:
    """Keep this year's and next year's public holidays in the closure calendar."""
    year = timezone.localdate().year
    return import_public_holidays(years=[year, year + 1])
