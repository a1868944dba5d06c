"""What the reception sees of a booking's e-mails, and sending one again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from house.models import OutboxEmail, User
from rooms.emails.recipients import Recipient
from rooms.emails.references import booking_ref, series_ref
from rooms.emails.rendering import _queue_one
from rooms.models import Booking

if TYPE_CHECKING:
    pass


def emails_of(booking: Booking):  # -> OutboxEmailQuerySet
    """The outbox rows of a booking (and of its series' summary), newest first."""
    refs = [booking_ref(booking.pk)]
    if booking.series_id:
        refs.append(series_ref(booking.series_id))
    return OutboxEmail.objects.filter(ref__in=refs).select_related("created_by").order_by("-pk")


def send_booking_email_again(*, email: OutboxEmail, booking: Booking, by: User) -> OutboxEmail:
    """Queue a fresh copy of a booking e-mail (staff "send again").

    An e-mail that could not be composed (empty body, see ``_record_unsendable``) is
    composed anew from the booking as it is now; anything else is copied as it was sent.
    Raises whatever composing raises, so the reception sees that the cause persists.
    """
    from house.services import resend_email

    if email.body_text:
        return resend_email(email_id=email.pk, by=by)
    recipient = Recipient(
        email=email.to[0],
        name=booking.contact_name or email.to[0],
        language=email.language,
        is_staff_copy=bool(by.email and by.email.lower() == email.to[0].lower()),
    )
    with transaction.atomic():
        return _queue_one(booking, recipient, email.kind, by)
