"""The free-room finder of the reception desk."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET

from house.models import ClosureDay
from rooms import availability, services
from rooms.fees import BookerCategory, Purpose
from rooms.forms import FinderForm
from rooms.models import Room
from rooms.views.board import _rooms, booking_link

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


POSSIBILITY_TITLES = {
    "time": _lazy("Other times that day"),
    "day": _lazy("The same time on nearby days"),
    "combined": _lazy("A combined room"),
    "layout": _lazy("Another layout that still seats them"),
}


@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def free_room_finder(request: SignedInRequest) -> HttpResponse:
    """Free rooms for a group; when none fits, the nearest possibilities. Choosing one
    opens the booking form with room, day, times, persons, layout and equipment."""
    form = FinderForm(request.GET or None, initial={"date": timezone.localdate()})
    results: list[tuple[Room, list[tuple[str, Any]], str]] = []
    possibilities: list[tuple[str, list[tuple[Any, str]]]] = []
    context: dict[str, Any] = {"form": form, "searched": False}
    if request.GET and form.is_valid():
        context["searched"] = True
        start, end = form.span()
        data = form.cleaned_data
        closure = ClosureDay.objects.filter(date=data["date"]).first()
        context["closure"] = closure
        wanted = {
            "attendees": data["attendees"],
            "layout": data["layout"],
            "equipment": list(data["equipment"]),
        }
        rooms = _rooms()
        found = (
            []
            if closure is not None
            else availability.free_rooms(
                start=start,
                end=end,
                attendees=data["attendees"],
                layout=data["layout"],
                equipment=data["equipment"],
                rooms=rooms,
            )
        )
        for room in found:
            prices = []
            for category, label in BookerCategory.choices:
                if category == BookerCategory.PRIVATE_PERSON:
                    continue
                try:
                    quote = services.quote_booking(
                        room=room,
                        start=start,
                        end=end,
                        category=category,
                        purpose=Purpose.NONPROFIT,
                    )
                except services.BookingError:
                    quote = None
                prices.append((str(label), quote))
            link = booking_link(room=room, start=start, end=end, **wanted)
            results.append((room, prices, link))
        if not found:
            nearest = availability.nearest_possibilities(
                start=start,
                end=end,
                attendees=data["attendees"],
                layout=data["layout"],
                equipment=data["equipment"],
                rooms=rooms,
            )
            for kind, items in nearest.items():
                if items:
                    possibilities.append(
                        (
                            str(POSSIBILITY_TITLES[kind]),
                            [
                                (
                                    item,
                                    booking_link(
                                        room=item.room,
                                        start=item.start,
                                        end=item.end,
                                        attendees=data["attendees"],
                                        layout=item.layout,
                                        equipment=list(data["equipment"]),
                                    ),
                                )
                                for item in items
                            ],
                        )
                    )
    context.update(results=results, possibilities=possibilities)
    return render(request, "rooms/reception_finder.html", context)
