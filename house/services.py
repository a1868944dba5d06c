"""Writes of the house-wide domain. Views, admin actions, commands and tasks call these."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import smtplib
from collections.abc import Callable
from typing import Any, Literal

import holidays
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from house.models import ClosureDay, HouseProfile, OutboxEmail, Role, User
from house.permissions import ROLE_PERMISSIONS
from house.roles import STAFF_ROLES

logger = logging.getLogger(__name__)


def sync_role_groups() -> dict[str, int]:
    """Create a group per :class:`Role` and give it exactly the permissions in ``ROLE_PERMISSIONS``.

    Idempotent; run after every migration. Returns the number of permissions per group.
    Permissions of models that do not exist yet are skipped.
    """
    result: dict[str, int] = {}
    with transaction.atomic():
        for role in Role:
            group, _created = Group.objects.get_or_create(name=role.value)
            wanted = ROLE_PERMISSIONS.get(role, ())
            perms = []
            for dotted in wanted:
                app_label, codename = dotted.split(".", 1)
                perm = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if perm is not None:
                    perms.append(perm)
            group.permissions.set(perms)
            result[role.value] = len(perms)
    return result


def assign_role(*, user: User, role: Role, actor: User | None = None) -> None:
    """Give ``user`` a house role. Staff roles get admin access (the admin enforces MFA).

    With an ``actor`` (a person assigning it on the roles page) the change is logged.
    """
    from house.activity import log_activity

    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
        if role == Role.HOUSE_MANAGEMENT and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if actor is not None:
            log_activity(
                obj=user, action_type="house.role.assigned", actor=actor, data={"role": role.value}
            )
        if role in STAFF_ROLES:
            from house import enrolment

            # Assigned by a person: the new staff member gets the one-time link by e-mail.
            enrolment.open_enrolment(user=user, send_link=actor is not None)
    user.forget_roles()


def remove_role(*, user: User, role: Role, actor: User | None = None) -> None:
    """Take a house role from ``user``; logged when an ``actor`` removes it."""
    from house.activity import log_activity

    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name=role.value))
        if role == Role.HOUSE_MANAGEMENT and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        if actor is not None:
            log_activity(
                obj=user, action_type="house.role.removed", actor=actor, data={"role": role.value}
            )
    user.forget_roles()


def import_public_holidays(*, years: list[int], federal_state: str | None = None) -> int:
    """Enter the public holidays of the house's federal state as closure days.

    Existing closure days on the same date (for instance maintenance entered by
    staff) are kept as they are. Returns the number of days created.
    """
    if federal_state is None:
        profile = HouseProfile.objects.filter(pk=1).first()
        federal_state = profile.federal_state if profile else HouseProfile.FederalState.HE
    calendar = holidays.country_holidays("DE", subdiv=federal_state, years=years, language="de")
    english = holidays.country_holidays("DE", subdiv=federal_state, years=years, language="en_US")
    created = 0
    with transaction.atomic():
        existing = set(
            ClosureDay.objects.filter(date__in=list(calendar.keys())).values_list("date", flat=True)
        )
        new_days = [
            ClosureDay(
                date=day,
                kind=ClosureDay.Kind.PUBLIC_HOLIDAY,
                reason=str(name),
                reason_en=str(english.get(day) or ""),
            )
            for day, name in sorted(calendar.items())
            if day not in existing
        ]
        ClosureDay.objects.bulk_create(new_days)
        created = len(new_days)
    logger.info("Imported %d public holidays for %s, %s", created, federal_state, years)
    return created


def add_closure_day(
    *, date: dt.date, reason: str, kind: str, created_by: User | None
) -> ClosureDay:
    """Close the house on ``date``. Raises ``ValueError`` if the day is already closed."""
    with transaction.atomic():
        if ClosureDay.objects.filter(date=date).exists():
            raise ValueError("already closed")
        return ClosureDay.objects.create(date=date, reason=reason, kind=kind, created_by=created_by)


def record_signup(*, user: User, name: str, language: str) -> None:
    """Store what the sign-up form adds to the account: name, language and consent time."""
    user.name = name.strip()
    user.language = language if language in {"de", "en"} else "de"
    user.privacy_consent_at = timezone.now()
    user.save(update_fields=["name", "language", "privacy_consent_at"])


def export_personal_data(*, user: User) -> dict[str, object]:
    """Everything the portal keeps about ``user``, for a DSGVO Art. 15/20 request.

    Every app's privacy provider contributes its sections (person, memberships,
    bookings, registrations, e-mails…); the download lists them side by side.
    """
    from house.privacy import export_person

    sections: dict[str, object] = {}
    for part in export_person(user=user).values():
        # An app that keeps nothing about the person may answer None.
        sections.update(part or {})
    return sections


def delete_account(*, user: User) -> None:
    """Erase a person (DSGVO Art. 17) in every app, in one transaction.

    Records the house must keep stay without the person's name, addresses and
    phone (see ``docs/privacy.md``). Refused with
    :class:`house.privacy.ErasureRefusedError` (reasons in the reader's
    language) while an app still needs the person, for instance as the only
    admin of an organisation.
    """
    from house.privacy import erase_person

    erase_person(user=user)
    logger.info("Deleted account %s on the owner's request", user.pk)


# --- E-mail outbox ------------------------------------------------------------

#: Kinds of e-mail whose content is erased as soon as they are sent (they carry a secret).
ERASED_ONCE_SENT = frozenset({"house.staff_enrolment"})
#: Seconds until the n-th retry of a temporarily failed e-mail (then: failed for good).
RETRY_BACKOFF = (60, 300, 900, 3600, 3 * 3600, 12 * 3600)
#: A claim older than this is from a worker that died while sending.
STALE_CLAIM = dt.timedelta(minutes=10)


def queue_email(
    *,
    to: list[str],
    subject: str,
    text: str,
    html: str = "",
    attachments: list[dict[str, str]] | tuple[dict[str, str], ...] = (),
    ref: str = "",
    kind: str = "",
    reply_to: str = "",
    language: str = "de",
    created_by: User | None = None,
    subjects: dict[str, str] | None = None,
) -> OutboxEmail:
    """Write an e-mail into the outbox and send it after the surrounding transaction commits.

    Call it inside the transaction of the change the e-mail reports: if that
    rolls back, no e-mail exists. ``attachments`` are dicts with ``filename``,
    ``content`` (text) and ``mimetype``; binary content is given as base64 text
    with ``"encoding": "base64"``. If the broker is unreachable at commit,
    the row stays queued and the sweeper sends it later.
    """
    with transaction.atomic():
        email = OutboxEmail.objects.create(
            to=list(to),
            # A header with a line break would fail at sending, for good: fold every
            # kind of whitespace (a title may carry CR, LF or a line separator).
            subject=" ".join(subject.split())[:255],
            subjects={
                code: " ".join(text.split())[:255] for code, text in (subjects or {}).items()
            },
            body_text=text,
            body_html=html,
            attachments=list(attachments),
            ref=ref,
            kind=kind,
            reply_to=reply_to,
            language=language,
            created_by=created_by,
        )
        transaction.on_commit(lambda: _dispatch(email.pk), robust=True)
    return email


def subjects_in_every_language(template: str, context: dict[str, object]) -> dict[str, str]:
    """A subject template rendered in each language of the portal (for the staff's lists)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    subjects = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            subjects[code] = render_to_string(template, context).strip()
    return subjects


def queue_templated_email(
    *,
    template: str,
    context: dict[str, object],
    to: list[str],
    language: str = "de",
    **kwargs: Any,
) -> OutboxEmail:
    """Render ``<template>_subject.txt``, ``_body.txt`` and (if present) ``_body.html`` in
    the recipient's ``language`` and queue the result (see :func:`queue_email`)."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import render_to_string
    from django.utils import translation

    subjects = subjects_in_every_language(f"{template}_subject.txt", context)
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        text = render_to_string(f"{template}_body.txt", context)
        html: str
        try:
            html = render_to_string(f"{template}_body.html", context)
        except TemplateDoesNotExist:
            html = ""
    return queue_email(
        to=to,
        subject=subject,
        text=text,
        html=html,
        language=language,
        subjects=subjects,
        **kwargs,
    )


def _dispatch(email_id: int, countdown: int | None = None) -> None:
    from house.tasks import send_outbox_email_task

    try:
        if countdown:
            send_outbox_email_task.apply_async(kwargs={"email_id": email_id}, countdown=countdown)
        else:
            send_outbox_email_task.apply_async(kwargs={"email_id": email_id})
    except Exception:
        # The broker is down: the row stays queued and sweep_outbox sends it later.
        logger.warning("Could not queue e-mail %s; the sweeper will retry", email_id, exc_info=True)


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


# --- Outbox retention ----------------------------------------------------------


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
