"""The reception board: the week's bookings of every room, as a grid."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from house.dates import parse_date
from house.models import ClosureDay
from house.redirects import accepts_former_parameters
from rooms import board, freshness
from rooms.models import Room
from rooms.queries import pending_count
from rooms.views.public import monday_of

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


def _rooms() -> list[Room]:
    return list(Room.objects.for_board())


#: Seconds a rendered board grid lives at most; booking changes replace it at once.
GRID_SECONDS = 300


@accepts_former_parameters
@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def reception_board(request: SignedInRequest) -> HttpResponse:
    """Day or week board. The grid (rooms × times, the heavy part) is rendered once per
    day or week and language, and replaced as soon as a booking in that week changes."""
    today = timezone.localdate()
    day = parse_date(request.GET.get("date"), today)
    week = request.GET.get("view") == "week"
    first = monday_of(day) if week else day
    context: dict[str, Any] = {"day": day, "today": today, "week_view": week, "monday": first}
    if week:
        context.update(previous=first - dt.timedelta(days=7), next=first + dt.timedelta(days=7))
    else:
        context.update(previous=day - dt.timedelta(days=1), next=day + dt.timedelta(days=1))

    def build() -> str:
        return render_to_string("rooms/_reception_grid.html", _grid_context(first, week=week))

    key = f"rooms:board:{get_language()}:{int(week)}:{first.isoformat()}"
    monday = monday_of(first)
    grid = freshness.kept(
        key, build, depends_on=[freshness.week(monday)], timeout=GRID_SECONDS, week=monday
    )
    context["pending_count"] = pending_count()
    # Our own template output, rendered a moment ago or from the cache.
    context["grid"] = mark_safe(grid)  # noqa: S308
    return render(request, "rooms/reception_board.html", context)


def _grid_context(first: dt.date, *, week: bool) -> dict[str, Any]:
    rooms = _rooms()
    # The closure days themselves: the grid names each one's reason in the reader's language.
    closures = {
        closure.date: closure
        for closure in ClosureDay.objects.between(
            first, first + dt.timedelta(days=6 if week else 0)
        )
    }
    context: dict[str, Any] = {"rooms": rooms, "day": first, "week_view": week}
    if week:
        context["days"] = [
            (weekday, per_room, closures.get(weekday))
            for weekday, per_room in board.reception_week(rooms, first, offer_from=timezone.now())
        ]
    else:
        context["rows"] = board.day_board(rooms, first)
        context["closure"] = closures.get(first)
    return context


def booking_link(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    attendees: int,
    layout: str,
    equipment: list[str],
) -> str:
    """The booking form's address with everything the finder knows filled in."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    query = [
        ("room", room.slug),
        ("date", local_start.date().isoformat()),
        ("start", local_start.strftime("%H:%M")),
        ("end", local_end.strftime("%H:%M")),
        ("attendees", str(attendees)),
        ("layout", layout),
        *(("equipment", item) for item in equipment),
    ]
    return f"{reverse('rooms:reception_book')}?{urlencode(query)}"
