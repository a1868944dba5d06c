"""Retention of the outbox: erasing recipients and purging old e-mail."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import models, transaction
from django.utils import timezone

from house.models import OutboxEmail

logger = logging.getLogger(__name__)


def recipient_hash(address: str) -> str:
    """What stays of a recipient after erasure: a keyed hash of the address.

    Staff can still tell whether two erased e-mails went to the same address
    (and check a given address with the site's key), but nobody can read it.
    """
    from django.utils.crypto import salted_hmac

    digest = salted_hmac("house.outbox.recipient", address.strip().lower()).hexdigest()
    return f"hash:{digest[:32]}"


def purge_emails(*, emails: models.QuerySet[OutboxEmail], now: dt.datetime | None = None) -> int:
    """Erase the content of ``emails``: body, HTML, attachments and reply-to; each
    recipient becomes :func:`recipient_hash`. Message-ID, subject, status and times stay.

    An e-mail not sent yet is not sent any more (marked failed). Idempotent;
    returns the number of e-mails purged now.
    """
    from house.privacy import ERASED

    now = now or timezone.now()
    purged = 0
    with transaction.atomic():
        rows = list(emails.filter(purged_at__isnull=True).select_for_update().only("pk", "to"))
        for row in rows:
            OutboxEmail.objects.filter(pk=row.pk).update(
                to=[recipient_hash(address) for address in row.to],
                reply_to="",
                body_text=ERASED,
                body_html="",
                attachments=[],
                last_error="",
                purged_at=now,
            )
            purged += 1
        OutboxEmail.objects.filter(
            pk__in=[row.pk for row in rows],
            status__in=[OutboxEmail.Status.QUEUED, OutboxEmail.Status.SENDING],
        ).update(status=OutboxEmail.Status.FAILED, last_error="erased before sending")
    return purged


def purge_emails_about(*, refs: list[str], now: dt.datetime | None = None) -> int:
    """Purge every e-mail about the objects ``refs`` (``"events.registration:7"``)."""
    if not refs:
        return 0
    return purge_emails(emails=OutboxEmail.objects.filter(ref__in=refs), now=now)


def purge_old_emails(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Purge e-mails sent (or failed) more than ``OUTBOX_RETENTION_DAYS`` ago.

    Runs daily from Celery beat; each run handles a bounded batch and the next
    run continues. Returns the number of e-mails purged.
    """
    from django.conf import settings

    now = now or timezone.now()
    days = settings.OUTBOX_RETENTION_DAYS if days is None else days
    cutoff = now - dt.timedelta(days=days)
    ids = list(OutboxEmail.objects.past_retention(cutoff).values_list("pk", flat=True)[:5000])
    purged = purge_emails(emails=OutboxEmail.objects.filter(pk__in=ids), now=now)
    if purged:
        logger.info("Erased the content of %d e-mails older than %d days", purged, days)
    return purged
