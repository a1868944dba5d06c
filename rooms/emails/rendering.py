"""Rendering one booking e-mail in its recipient's language and writing it into the outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from house.ical import build_invitation
from house.models import ActivityLog, OutboxEmail, User
from house.services import queue_email, subjects_in_every_language
from rooms import activity
from rooms.emails.invitations import _ics_attachment, invitation_entry
from rooms.emails.recipients import Recipient
from rooms.emails.references import Kind, access_notes, booking_ref
from rooms.models import Booking

if TYPE_CHECKING:
    pass


def _subjects(template: str, context: dict) -> dict[str, str]:
    return subjects_in_every_language(f"rooms/email/{template}_subject.txt", context)


def _render(template: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        subject = render_to_string(f"rooms/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"rooms/email/{template}_body.txt", context)
        html = render_to_string(f"rooms/email/{template}_body.html", context)
    return subject, text, html


def _context(booking: Booking, recipient: Recipient, kind: str) -> dict:
    from house.context_processors import current_house

    house = current_house()
    with translation.override(recipient.language):
        notes = access_notes(booking)
    return {
        "booking": booking,
        "kind": kind,
        "recipient": recipient,
        "house": house,
        "access_notes": notes,
        "start": timezone.localtime(booking.start),
        "end": timezone.localtime(booking.end),
        "site_url": settings.SITE_URL,
        "detail_url": settings.SITE_URL
        + reverse("rooms:reception_booking", kwargs={"pk": booking.pk}),
        # The booker's own page (state, withdraw, cancel); never in the reception's copy.
        "personal_url": (
            settings.SITE_URL + booking.get_requester_url()
            if booking.requester_token and not recipient.is_staff_copy
            else ""
        ),
    }


def _record_unsendable(
    booking: Booking, recipient: Recipient, kind: str, actor: User | None, exc: Exception
) -> OutboxEmail:
    """An e-mail that could not be written is kept as *failed*, so the reception sees it."""
    return OutboxEmail.objects.create(
        to=[recipient.email],
        subject=f"{booking.title} ({kind})"[:255],
        body_text="",
        ref=booking_ref(booking.pk),
        kind=kind,
        language=recipient.language,
        status=OutboxEmail.Status.FAILED,
        last_error=f"Could not compose: {exc.__class__.__name__}: {exc}"[:2000],
        created_by=actor,
    )


def _is_fresh_series_booking(booking: Booking) -> bool:
    """Whether the occurrence is being created with its series (only created/confirmed so far)."""
    actions = set(
        ActivityLog.objects.for_objects(Booking, [booking.pk]).values_list("action_type", flat=True)
    )
    return actions <= {activity.CREATED, activity.CONFIRMED}


def _queue_one(
    booking: Booking, recipient: Recipient, kind: str, actor: User | None
) -> OutboxEmail:
    from house.context_processors import current_house

    house = current_house()
    context = _context(booking, recipient, kind)
    attachments: list[dict[str, str]] = []
    invites = kind in (Kind.CONFIRMATION, Kind.CHANGE) and booking.state == Booking.State.CONFIRMED
    if invites and not recipient.is_staff_copy:
        with translation.override(recipient.language):
            entry = invitation_entry(booking, house=house, attendee=recipient)
        attachments.append(_ics_attachment(build_invitation(entry, method="REQUEST"), "REQUEST"))
    if not recipient.is_staff_copy and kind == Kind.CANCELLATION:
        with translation.override(recipient.language):
            entry = invitation_entry(booking, house=house, attendee=recipient)
        attachments.append(_ics_attachment(build_invitation(entry, method="CANCEL"), "CANCEL"))
    context["has_invitation"] = bool(attachments)
    subject, text, html = _render(kind, context, recipient.language)
    return queue_email(
        to=[recipient.email],
        subject=subject,
        subjects=_subjects(kind, context),
        text=text,
        html=html,
        attachments=attachments,
        ref=booking_ref(booking.pk),
        kind=kind,
        reply_to=house.email if house and house.email else "",
        language=recipient.language,
        created_by=actor,
    )
