"""One summary e-mail per series and transaction, however many of its bookings change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone, translation

from house.ical import build_invitation
from house.models import OutboxEmail, User
from house.services import queue_email
from rooms.emails.invitations import _ics_attachment, invitation_entry, series_entry
from rooms.emails.recipients import Recipient
from rooms.emails.references import Kind, series_ref
from rooms.emails.rendering import _context, _queue_one, _render, _subjects
from rooms.models import Booking

if TYPE_CHECKING:
    from house.ical import Method


#: Per connection: the series e-mails written in the running transaction (see below).
_PENDING_ATTR = "_rooms_series_updates"


def _pending_series_updates() -> dict:
    """Series e-mails of the running transaction: (series, kind, address) → row and dates.

    Kept on the database connection and dropped when the transaction commits. After a
    rollback an entry may linger, but its row is gone, which ``_merge_series_update``
    checks before using it.
    """
    from django.db import connection

    pending = getattr(connection, _PENDING_ATTR, None)
    if pending is None:
        pending = {}
        setattr(connection, _PENDING_ATTR, pending)
        transaction.on_commit(lambda: setattr(connection, _PENDING_ATTR, None))
    return pending


def _merge_series_update(
    booking: Booking, recipient: Recipient, kind: str, actor: User | None
) -> OutboxEmail:
    """Changes or cancellations of several dates of one series in one transaction
    (``move_series``, ``cancel_series``) become one e-mail per recipient: one iTIP message
    with an override (RECURRENCE-ID) per date, instead of one e-mail per date."""
    from house.context_processors import current_house

    pending = _pending_series_updates()
    key = (booking.series_id, kind, recipient.email.lower())
    entry = pending.get(key)
    if (
        entry is not None
        and not OutboxEmail.objects.filter(
            pk=entry["pk"], created_at=entry["created_at"], status=OutboxEmail.Status.QUEUED
        ).exists()
    ):
        entry = None  # left over from a transaction that rolled back
    if entry is None:
        row = _queue_one(booking, recipient, kind, actor)
        pending[key] = {"pk": row.pk, "created_at": row.created_at, "ids": [booking.pk]}
        return row
    ids = [*entry["ids"], booking.pk]
    bookings = list(
        Booking.objects.filter(pk__in=ids).select_related("room", "series").order_by("start")
    )
    house = current_house()
    context = _context(bookings[0], recipient, kind)
    context.update(
        occurrences=[(timezone.localtime(b.start), timezone.localtime(b.end)) for b in bookings],
        series=bookings[0].series,
    )
    attachments: list[dict[str, str]] = []
    if not recipient.is_staff_copy:
        method: Method = "CANCEL" if kind == Kind.CANCELLATION else "REQUEST"
        with translation.override(recipient.language):
            entries = [invitation_entry(b, house=house, attendee=recipient) for b in bookings]
        content = build_invitation(entries[0], method=method, overrides=entries[1:])
        attachments.append(_ics_attachment(content, method))
    context["has_invitation"] = bool(attachments)
    template = (
        "booking_series_cancellation" if kind == Kind.CANCELLATION else "booking_series_change"
    )
    subject, text, html = _render(template, context, recipient.language)
    OutboxEmail.objects.filter(pk=entry["pk"], status=OutboxEmail.Status.QUEUED).update(
        subject=subject[:255],
        subjects=_subjects(template, context),
        body_text=text,
        body_html=html,
        attachments=attachments,
        ref=series_ref(bookings[0].series_id or 0),
    )
    entry["ids"] = ids
    return OutboxEmail.objects.get(pk=entry["pk"])


def _upsert_series_summary(
    booking: Booking, recipient: Recipient, actor: User | None
) -> OutboxEmail:
    """One summary per series and recipient, re-rendered as each occurrence is created.

    All occurrences of a series are created in one transaction, so the row is still
    invisible to the outbox workers while it grows; its send task runs after commit.
    """
    from house.context_processors import current_house

    house = current_house()
    series = booking.series
    assert series is not None
    bookings = list(series.bookings.select_related("room").order_by("start"))
    context = _context(bookings[0], recipient, Kind.SERIES_SUMMARY)
    context.update(
        series=series,
        occurrences=[(timezone.localtime(b.start), timezone.localtime(b.end)) for b in bookings],
        skipped=series.skipped_dates,
    )
    attachments: list[dict[str, str]] = []
    if not recipient.is_staff_copy:
        with translation.override(recipient.language):
            entry = series_entry(series, bookings, house=house, attendee=recipient)
        attachments.append(_ics_attachment(build_invitation(entry, method="REQUEST"), "REQUEST"))
    context["has_invitation"] = bool(attachments)
    subject, text, html = _render(Kind.SERIES_SUMMARY, context, recipient.language)
    existing = (
        OutboxEmail.objects.filter(
            ref=series_ref(series.pk),
            kind=Kind.SERIES_SUMMARY,
            status=OutboxEmail.Status.QUEUED,
            to=[recipient.email],
        )
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        existing.subject, existing.body_text, existing.body_html = subject[:255], text, html
        existing.subjects = _subjects(Kind.SERIES_SUMMARY, context)
        existing.attachments = attachments
        existing.save(
            update_fields=["subject", "subjects", "body_text", "body_html", "attachments"]
        )
        return existing
    return queue_email(
        to=[recipient.email],
        subject=subject,
        subjects=_subjects(Kind.SERIES_SUMMARY, context),
        text=text,
        html=html,
        attachments=attachments,
        ref=series_ref(series.pk),
        kind=Kind.SERIES_SUMMARY,
        reply_to=house.email if house and house.email else "",
        language=recipient.language,
        created_by=actor,
    )
