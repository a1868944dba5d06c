"""Sending e-mail from the outbox: one claim per message, retries with back-off, headers."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from typing import Literal

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from house.models import OutboxEmail, User
from house.outbox.queue import ERASED_ONCE_SENT, _dispatch, queue_email

logger = logging.getLogger(__name__)


#: Seconds until the n-th retry of a temporarily failed e-mail (then: failed for good).
RETRY_BACKOFF = (60, 300, 900, 3600, 3 * 3600, 12 * 3600)
#: A claim older than this is from a worker that died while sending.
STALE_CLAIM = dt.timedelta(minutes=10)


def _is_temporary(exc: Exception) -> bool:
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in exc.recipients.values())
    return isinstance(exc, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError)


def send_outbox_email(*, email_id: int) -> bool:
    """Send one queued e-mail at most once. Returns True if this call sent it.

    The claim (queued → sending) is a conditional UPDATE, so a second worker
    or a re-run finds nothing to do. Temporary SMTP errors put the row back in
    the queue with a growing delay; permanent ones mark it failed.
    """
    now = timezone.now()
    claimed = OutboxEmail.objects.filter(
        pk=email_id, status=OutboxEmail.Status.QUEUED, next_attempt_at__lte=now
    ).update(status=OutboxEmail.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return False
    email = OutboxEmail.objects.get(pk=email_id)
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=email.to,
        reply_to=[email.reply_to] if email.reply_to else None,
        headers=outbox_headers(email),
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        method = _itip_method(attachment["mimetype"])
        if method:
            # An invitation: as Google Calendar sends it, so Outlook shows a meeting request.
            from house.ical import attach_invitation_content

            attach_invitation_content(message, attachment["content"], method=method)
        elif attachment.get("encoding") == "base64":
            # Binary files (an invoice's PDF) are kept in the outbox as base64 text.
            content = base64.b64decode(attachment["content"])
            message.attach(attachment["filename"], content, attachment["mimetype"])
        else:
            message.attach(attachment["filename"], attachment["content"], attachment["mimetype"])
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the row
        _record_failure(email, exc)
        return False
    sent_at = timezone.now()
    OutboxEmail.objects.filter(pk=email_id).update(
        status=OutboxEmail.Status.SENT, sent_at=sent_at, last_error=""
    )
    if email.kind in ERASED_ONCE_SENT:
        from house.privacy import ERASED

        # It carried a one-time link: whoever may read the outbox must not use it first.
        OutboxEmail.objects.filter(pk=email_id).update(
            body_text=ERASED, body_html="", attachments=[], purged_at=sent_at
        )
    return True


def _itip_method(mimetype: str) -> Literal["REQUEST", "CANCEL"] | None:
    """``REQUEST``/``CANCEL`` for an attachment stored as ``text/calendar; method=…``."""
    kind, *params = (part.strip() for part in mimetype.split(";"))
    if kind.lower() != "text/calendar":
        return None
    for param in params:
        key, _sep, value = param.partition("=")
        method = value.strip().strip('"').upper()
        if key.strip().lower() == "method" and method in ("REQUEST", "CANCEL"):
            return "REQUEST" if method == "REQUEST" else "CANCEL"
    return None


def outbox_message_id(email: OutboxEmail) -> str:
    """The Message-ID of an outbox row: the same on every attempt, unique per row.

    A re-run after a worker died mid-send hands the SMTP server the same Message-ID, so
    receiving systems (and our reliability test) can recognise the duplicate.
    """
    from urllib.parse import urlsplit

    from django.conf import settings

    domain = urlsplit(settings.SITE_URL).hostname or "hausportal.invalid"
    return f"<outbox-{email.pk}-{int(email.created_at.timestamp())}@{domain}>"


#: Extra headers of e-mails of one ``kind``, added at sending by the app that writes them.
_HEADER_PROVIDERS: dict[str, Callable[[OutboxEmail], dict[str, str]]] = {}


def register_outbox_headers(kind: str, provider: Callable[[OutboxEmail], dict[str, str]]) -> None:
    """Let an app add headers to its e-mails of ``kind`` (a newsletter's ``List-Unsubscribe``)."""
    _HEADER_PROVIDERS[kind] = provider


def outbox_headers(email: OutboxEmail) -> dict[str, str]:
    headers = {"Message-ID": outbox_message_id(email)}
    if email.ref:
        headers["X-Hausportal-Ref"] = email.ref
    provider = _HEADER_PROVIDERS.get(email.kind)
    if provider is not None:
        headers.update(provider(email))
    return headers


def _record_failure(email: OutboxEmail, exc: Exception) -> None:
    error = f"{exc.__class__.__name__}: {exc}"[:2000]
    if _is_temporary(exc) and email.attempts <= len(RETRY_BACKOFF):
        delay = RETRY_BACKOFF[email.attempts - 1]
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.QUEUED,
            last_error=error,
            next_attempt_at=timezone.now() + dt.timedelta(seconds=delay),
        )
        logger.warning("E-mail %s failed temporarily (%s); retry in %ss", email.pk, error, delay)
        transaction.on_commit(lambda: _dispatch(email.pk, countdown=delay), robust=True)
    else:
        OutboxEmail.objects.filter(pk=email.pk).update(
            status=OutboxEmail.Status.FAILED, last_error=error
        )
        logger.error("E-mail %s failed permanently: %s", email.pk, error)


def sweep_outbox() -> int:
    """Re-dispatch due e-mails and release claims of workers that died. Returns how many."""
    now = timezone.now()
    OutboxEmail.objects.filter(
        status=OutboxEmail.Status.SENDING, claimed_at__lt=now - STALE_CLAIM
    ).update(status=OutboxEmail.Status.QUEUED, next_attempt_at=now)
    due = list(OutboxEmail.objects.due(now).values_list("pk", flat=True)[:500])
    for email_id in due:
        _dispatch(email_id)
    return len(due)


def resend_email(*, email_id: int, by: User | None) -> OutboxEmail:
    """Queue a fresh copy of an e-mail (staff "send again"); the original stays as it was.

    Raises ``ValueError`` for an e-mail whose content has been erased.
    """
    with transaction.atomic():
        original = OutboxEmail.objects.get(pk=email_id)
        if original.purged_at is not None:
            raise ValueError("The content of this e-mail has been erased.")
        return queue_email(
            to=original.to,
            subject=original.subject,
            subjects=original.subjects,
            text=original.body_text,
            html=original.body_html,
            attachments=original.attachments,
            ref=original.ref,
            kind=original.kind,
            reply_to=original.reply_to,
            language=original.language,
            created_by=by,
        )
