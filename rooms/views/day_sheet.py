"""The day sheet: what happens in which room today, to print."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from house.dates import parse_date
from house.redirects import accepts_former_parameters
from rooms import board
from rooms.models import Booking
from rooms.views.board import _rooms

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


@accepts_former_parameters
@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def day_sheet(request: SignedInRequest) -> HttpResponse:
    day = parse_date(request.GET.get("date"), timezone.localdate())
    rooms = _rooms()
    start, end = board.local_day_span(day)
    bookings = list(
        Booking.objects.blocking()
        .overlapping(start, end)
        .select_related("room", "organisation", "person")
        .order_by("room__position", "room__name", "start")
    )
    per_room = [(room, [b for b in bookings if b.room_id == room.pk]) for room in rooms]
    return render(request, "rooms/reception_day_sheet.html", {"day": day, "per_room": per_room})
