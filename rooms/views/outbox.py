"""The reception sees which e-mails a booking caused, what failed, and sends one again."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rooms.emails import emails_of, send_booking_email_again
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the reception check guarantees: a real user."""

        user: User


logger = logging.getLogger(__name__)


def _booking(request: SignedInRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.visible_to(request.user).select_related("room", "series"), pk=pk
    )


@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booking_emails(request: SignedInRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    return render(
        request,
        "rooms/booking_emails.html",
        {"booking": booking, "emails": list(emails_of(booking))},
    )


@require_POST
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def resend_booking_email(request: SignedInRequest, pk: int, email_id: int) -> HttpResponse:
    booking = _booking(request, pk)
    email = get_object_or_404(emails_of(booking), pk=email_id)
    try:
        send_booking_email_again(email=email, booking=booking, by=request.user)
    except Exception as exc:
        logger.exception("Could not compose e-mail %s again", email.pk)
        messages.error(
            request,
            _("The e-mail still cannot be written (%(error)s). Please tell the administrators.")
            % {"error": exc.__class__.__name__},
        )
        return redirect("rooms:booking_emails", pk=booking.pk)
    messages.success(
        request,
        _("The e-mail “%(subject)s” is queued again for %(to)s.")
        % {"subject": email.reader_subject, "to": ", ".join(email.to)},
    )
    return redirect("rooms:booking_emails", pk=booking.pk)
