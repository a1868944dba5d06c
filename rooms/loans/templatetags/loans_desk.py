"""Equipment on loan for the reception's day sheet."""

from __future__ import annotations

import datetime as dt

from django import template
from django.db.models import Q
from django.utils import timezone

from rooms.loans.models import Loan

register = template.Library()


@register.simple_tag
def loans_of_day(day: dt.date) -> list[Loan]:
    """Holding loans that start or are due back on ``day`` (Europe/Berlin)."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    end = start + dt.timedelta(days=1)
    return list(
        Loan.objects.holding()
        .filter(Q(starts__gte=start, starts__lt=end) | Q(ends__gte=start, ends__lt=end))
        .for_lists()
        .order_by("ends")
    )
