"""One booking at the reception desk: its page, moving, editing and cancelling it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from house.models import ActivityLog
from rooms import services
from rooms.forms import BookingDetailsForm, MoveForm, SeriesCancelForm
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


def _visible_booking(request: SignedInRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.visible_to(request.user).select_related(
            "room", "organisation", "person", "series"
        ),
        pk=pk,
    )


def _detail_page(
    request: SignedInRequest,
    booking: Booking,
    *,
    move_form: MoveForm | None = None,
    details_form: BookingDetailsForm | None = None,
    alternatives: list[Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The booking page; a refused move or change comes back open, with what was typed
    and the free alternatives."""
    log = list(ActivityLog.objects.for_object(booking))
    local_start, local_end = timezone.localtime(booking.start), timezone.localtime(booking.end)
    times = {
        "date": local_start.date(),
        "start_time": local_start.time(),
        "end_time": local_end.time(),
    }
    series_form = SeriesCancelForm(initial={"from_date": local_start.date()})
    series_move_form = MoveForm(prefix="series", initial=times, with_room=False)
    return render(
        request,
        "rooms/reception_booking_detail.html",
        {
            "booking": booking,
            "log": log,
            "quote": booking.frozen_quote(),
            "move_form": move_form or MoveForm(initial={**times, "room": booking.room}),
            "move_open": move_form is not None,
            "details_form": details_form
            or BookingDetailsForm(
                initial={
                    "title": booking.title,
                    "attendees": booking.attendees,
                    "layout": booking.layout,
                }
            ),
            "details_open": details_form is not None,
            "alternatives": alternatives or [],
            "series_form": series_form,
            "series_move_form": series_move_form,
        },
        status=status,
    )


@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booking_detail(request: SignedInRequest, pk: int) -> HttpResponse:
    return _detail_page(request, _visible_booking(request, pk))


@require_POST
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booking_move(request: SignedInRequest, pk: int) -> HttpResponse:
    """Move to another time or room; a refusal keeps the panel open with the values."""
    booking = _visible_booking(request, pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        try:
            services.move_booking(
                actor=request.user,
                booking=booking,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                room=form.cleaned_data.get("room"),
                reason=form.cleaned_data["reason"],
            )
        except services.BookingError as exc:
            form.add_error(None, exc.message)
            booking = _visible_booking(request, pk)
            return _detail_page(
                request, booking, move_form=form, alternatives=exc.alternatives, status=409
            )
        messages.success(request, _("Moved: %(booking)s.") % {"booking": booking})
        return redirect("rooms:reception_booking", pk=booking.pk)
    return _detail_page(request, booking, move_form=form, status=400)


@require_POST
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booking_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    """Change title, size and layout of this booking (this date of a series)."""
    booking = _visible_booking(request, pk)
    form = BookingDetailsForm(request.POST)
    if form.is_valid():
        try:
            services.change_booking_details(
                actor=request.user, booking=booking, **form.cleaned_data
            )
        except services.BookingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Changed: %(booking)s.") % {"booking": booking})
            return redirect("rooms:reception_booking", pk=booking.pk)
    return _detail_page(request, booking, details_form=form, status=400)


@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booking_cancel_confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    """Asks before a booking is cancelled: a page of its own, so it works without JavaScript."""
    booking = _visible_booking(request, pk)
    if not booking.is_cancellable:
        messages.error(
            request,
            _("This booking is %(state)s and cannot be changed that way.")
            % {"state": booking.get_state_display()},
        )
        return redirect("rooms:reception_booking", pk=booking.pk)
    return render(
        request,
        "rooms/reception_cancel_confirm.html",
        {
            "booking": booking,
            "reason": request.GET.get("reason", "").strip()[:300],
            "fee": services.cancellation_fee(booking),
            "terms": services.cancellation_terms(booking).describe(),
        },
    )
