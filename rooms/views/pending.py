"""Pending booking requests and the reception's decision on them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rooms import services
from rooms.forms import DecisionForm
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def pending_requests(request: SignedInRequest) -> HttpResponse:
    bookings = list(Booking.objects.pending().for_lists().order_by("start"))
    return render(
        request,
        "rooms/reception_requests.html",
        {"bookings": bookings, "form": DecisionForm()},
    )


@require_POST
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def decide_request(request: SignedInRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in {"confirm", "reject", "cancel"}:
        raise Http404
    booking = get_object_or_404(Booking.objects.visible_to(request.user), pk=pk)
    form = DecisionForm(request.POST)
    reason = form.data.get("reason", "").strip()[:300]
    try:
        if decision == "confirm":
            services.confirm_booking(
                actor=request.user,
                booking=booking,
                reason=reason,
                # Only the booking page's confirm form offers the choice.
                show_title_publicly=(
                    bool(form.data.get("show_title_publicly"))
                    if "public_title_choice" in form.data
                    else None
                ),
            )
            messages.success(
                request, _("The request “%(title)s” is confirmed.") % {"title": booking.title}
            )
        elif decision == "reject":
            services.reject_booking(actor=request.user, booking=booking, reason=reason)
            messages.success(
                request, _("The request “%(title)s” is rejected.") % {"title": booking.title}
            )
        else:
            services.cancel_booking(
                actor=request.user,
                booking=booking,
                reason=reason,
                charge_fee=True,
                waive_reason=form.data.get("waive_reason", ""),
            )
            messages.success(
                request, _("The booking “%(title)s” is cancelled.") % {"title": booking.title}
            )
    except services.BookingError as exc:
        messages.error(request, exc.message)
    return redirect(_safe_next(request) or "rooms:reception_requests")


def _safe_next(request: SignedInRequest) -> str | None:
    """The ``next`` address of a form if it stays on this site, else ``None``."""
    url = request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None
