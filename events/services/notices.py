"""What a registrant is told: the mail for each step of a registration, with its calendar file."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from events import ical
from events.models import Registration
from house.services import queue_templated_email


def _invitation(registration: Registration, *, cancel: bool = False) -> dict[str, str]:
    """The registrant's calendar file, worded in their language."""
    with translation.override(registration.language or "de"):
        return ical.registration_invitation(registration, cancel=cancel)


def _send_registration_mail(registration: Registration, *, kind: str) -> None:
    if not registration.email:
        return
    attachments = []
    if kind == "promoted" and registration.status == Registration.Status.PENDING:
        kind = "promoted_pending"
    if registration.status == Registration.Status.CONFIRMED:
        attachments.append(_invitation(registration))
    elif registration.status == Registration.Status.CANCELLED:
        attachments.append(_invitation(registration, cancel=True))
    template = {
        Registration.Status.PENDING: "registration_pending",
        "promoted_pending": "registration_promoted_pending",
        Registration.Status.CONFIRMED: "registration_confirmed",
        Registration.Status.WAITING: "registration_waiting",
        Registration.Status.CANCELLED: "registration_cancelled",
        "promoted": "registration_promoted",
    }[kind]
    queue_templated_email(
        template=f"events/email/{template}",
        context={
            "registration": registration,
            "event": registration.event,
            "link": settings.SITE_URL + registration.get_absolute_url(),
        },
        to=[registration.email],
        language=registration.language,
        ref=f"events.registration:{registration.pk}",
        kind=template,
        attachments=attachments,
    )
