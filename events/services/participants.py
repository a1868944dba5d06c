"""Participants after registering: attendance, mail from the organisers, anonymisation."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events.models import Event, Registration
from house.services import purge_emails_about, queue_templated_email

if TYPE_CHECKING:
    from house.models import User


logger = logging.getLogger(__name__)


def set_attendance(*, registration: Registration, attended: bool) -> Registration:
    """Tick a registrant off on the check-in list (or undo it)."""
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(attended=attended)
        registration.attended = attended
    return registration


def email_participants(
    *, actor: User, event: Event, subject: str, message: str, include_waiting: bool = False
) -> int:
    """Write to everybody registered (one outbox e-mail each, so no address leaks).

    Returns the number of e-mails queued.
    """
    statuses = [Registration.Status.CONFIRMED]
    if include_waiting:
        statuses.append(Registration.Status.WAITING)
    count = 0
    with transaction.atomic():
        recipients = event.registrations.filter(status__in=statuses).exclude(email="")
        for registration in recipients:
            registration.event = event
            queue_templated_email(
                template="events/email/organiser_message",
                context={
                    "registration": registration,
                    "event": event,
                    "subject": subject,
                    "message": message,
                    "link": settings.SITE_URL + registration.get_absolute_url(),
                },
                to=[registration.email],
                language=registration.language,
                ref=f"events.registration:{registration.pk}",
                kind="organiser_message",
                reply_to=event.contact_email,
                created_by=actor,
            )
            count += 1
    return count


def anonymise_past_registrations(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Erase names, e-mails and answers of registrations ``days`` after their event (DSGVO),
    and the content of the e-mails sent to them (:func:`house.services.purge_emails`).

    The rows stay with their status, places and attendance, so the reports
    keep their counts. Idempotent. Returns the number of registrations erased.
    """
    now = now or timezone.now()
    if days is None:
        days = int(getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 90))
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        events = Event.objects.filter(end__lt=cutoff, registrations_anonymised_at__isnull=True)
        event_ids = list(events.values_list("pk", flat=True))
        registrations = Registration.objects.filter(event_id__in=event_ids, anonymised=False)
        refs = [f"events.registration:{pk}" for pk in registrations.values_list("pk", flat=True)]
        erased = registrations.update(name="", email="", answers={}, anonymised=True)
        # The e-mails to the registrants quote their names and personal links.
        purge_emails_about(refs=refs, now=now)
        Event.objects.filter(pk__in=event_ids).update(registrations_anonymised_at=now)
    if erased:
        logger.info("Anonymised %d registrations of %d past events", erased, len(event_ids))
    return erased
