"""The reception's digest of new requests: one e-mail now and then, through the outbox.

A periodic task asks every few minutes; a digest goes out only when requests arrived
since the last one and at least ``ROOMS_REQUEST_DIGEST_MINUTES`` have passed since it
(0 switches the digest off). It goes to ``ROOMS_REQUEST_DIGEST_TO`` or, if that is
empty, to everybody at the reception and in house management, each in their language.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from house import locks
from house.models import OutboxEmail, Role, User
from house.services import queue_templated_email
from rooms.models import Booking

KIND = "booking_request_digest"
REF = "rooms.request_digest"


def _recipients() -> list[tuple[str, str]]:
    """(address, language) of everybody who gets the digest."""
    configured = [a.strip() for a in settings.ROOMS_REQUEST_DIGEST_TO if a.strip()]
    if configured:
        languages = dict(User.objects.filter(email__in=configured).values_list("email", "language"))
        return [(address, languages.get(address) or "de") for address in configured]
    staff = (
        User.objects.filter(
            Q(groups__name=Role.RECEPTION.value) | Q(groups__name=Role.HOUSE_MANAGEMENT.value),
            is_active=True,
        )
        .exclude(email="")
        .values_list("email", "language")
        .distinct()
        .order_by("email")
    )
    return [(email, language or "de") for email, language in staff]


def queue_request_digest(*, now: dt.datetime | None = None) -> int:
    """Queue the digest of requests that arrived since the last one, if it is due.

    Returns the number of e-mails queued. Safe to run at any time and concurrently:
    writers of the digest wait for each other, and the last digest's time is the mark.
    """
    minutes = settings.ROOMS_REQUEST_DIGEST_MINUTES
    if minutes <= 0:
        return 0
    now = now or timezone.now()
    with transaction.atomic():
        locks.lock("rooms.request_digest", 1)
        last = OutboxEmail.objects.filter(kind=KIND).order_by("-created_at").first()
        since = last.created_at if last is not None else now - dt.timedelta(days=1)
        if last is not None and now - last.created_at < dt.timedelta(minutes=minutes):
            return 0
        new = list(
            Booking.objects.pending()
            .filter(created_at__gt=since, created_at__lte=now)
            .select_related("room", "organisation", "person")
            .order_by("start")
        )
        if not new:
            return 0
        context = {
            "bookings": new,
            "count": len(new),
            "requests_url": settings.SITE_URL + reverse("rooms:reception_requests"),
        }
        recipients = _recipients()
        for address, language in recipients:
            queue_templated_email(
                template="rooms/email/booking_request_digest",
                context=context,
                to=[address],
                language=language,
                ref=REF,
                kind=KIND,
            )
        return len(recipients)
