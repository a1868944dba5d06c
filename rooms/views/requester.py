"""The requester's personal page: a booking seen and given up through a secret link.

People who book without an account (externals, private bookers) get the link in their
booking e-mails. Whoever has it sees the booking's state and price and may withdraw a
request or cancel a confirmed booking that has not ended, after a confirmation page.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from rooms import services
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from rooms.fees import Quote


def public_quote(booking: Booking) -> Quote | None:
    """The booking's price as the booker sees it: without the notes meant for the reception."""
    quote = booking.frozen_quote()
    return dataclasses.replace(quote, warnings=()) if quote is not None else None


def _booking(token: str) -> Booking:
    return get_object_or_404(Booking.objects.select_related("room"), requester_token=token)


@never_cache
@require_GET
def requester_booking(request: HttpRequest, token: str) -> HttpResponse:
    booking = _booking(token)
    return render(
        request,
        "rooms/requester_booking.html",
        {"booking": booking, "quote": public_quote(booking), "token": token},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def requester_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Asks first (a page of its own, so it works without JavaScript), then gives up."""
    booking = _booking(token)
    if not (booking.is_withdrawable or booking.is_cancellable):
        messages.error(
            request,
            _("This booking is %(state)s and cannot be changed that way.")
            % {"state": booking.get_state_display()},
        )
        return redirect("rooms:requester_booking", token=token)
    if request.method == "POST":
        was_request = booking.is_withdrawable
        try:
            services.withdraw_or_cancel_booking(
                actor=request.user if request.user.is_authenticated else None,
                booking=booking,
                reason=request.POST.get("reason", "").strip()[:300],
            )
        except services.BookingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request,
                _("Your request is withdrawn.") if was_request else _("Your booking is cancelled."),
            )
        return redirect("rooms:requester_booking", token=token)
    return render(request, "rooms/requester_cancel.html", {"booking": booking, "token": token})
