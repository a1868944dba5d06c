"""A recurring booking at the reception desk: moving and cancelling the series."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rooms import services
from rooms.forms import MoveForm, SeriesCancelForm
from rooms.models import Booking

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


@require_POST
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def series_cancel(request: SignedInRequest, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.visible_to(request.user).select_related("series"),
        pk=pk,
        series__isnull=False,
    )
    form = SeriesCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif booking.series is not None:
        count = services.cancel_series(
            actor=request.user,
            series=booking.series,
            from_date=form.cleaned_data["from_date"],
            until_date=form.cleaned_data["until_date"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(
            request, _("%(count)s dates of the series are cancelled.") % {"count": count}
        )
    return redirect("rooms:reception_booking", pk=booking.pk)


@require_POST
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def series_move(request: SignedInRequest, pk: int) -> HttpResponse:
    """Give this and all following dates of the booking's series the new time of day."""
    booking = get_object_or_404(
        Booking.objects.visible_to(request.user).select_related("series"),
        pk=pk,
        series__isnull=False,
    )
    form = MoveForm(request.POST, prefix="series", with_room=False)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif booking.series is not None:
        try:
            count = services.move_series(
                actor=request.user,
                series=booking.series,
                from_date=form.cleaned_data["date"],
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                reason=form.cleaned_data["reason"],
            )
            messages.success(
                request, _("%(count)s dates of the series are moved.") % {"count": count}
            )
        except services.BookingError as exc:
            messages.error(request, exc.message)
    return redirect("rooms:reception_booking", pk=booking.pk)
