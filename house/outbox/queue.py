"""Queueing e-mail in the outbox: every e-mail is written here first and sent after the commit."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.db import transaction

from house.models import OutboxEmail, User

logger = logging.getLogger(__name__)


#: Kinds of e-mail whose content is erased as soon as they are sent (they carry a secret).
ERASED_ONCE_SENT = frozenset({"house.staff_enrolment"})


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
