"""Public room pages: rooms, prices, free/busy week and the request form for externals."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from house.abuse import limit_anonymous_posts
from house.caching import kept_body
from house.dates import parse_date
from house.redirects import accepts_former_parameters
from rooms import board, freshness, services
from rooms.fees import Purpose
from rooms.forms import PublicRequestForm
from rooms.models import Booking, FeeRule, Room
from rooms.views.requester import public_quote

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

#: Requests one visitor may send per hour before the form refuses more.
REQUESTS_PER_HOUR = 5


#: Seconds a rendered room page lives at most; changes to its bookings, the room or its
#: prices replace it at once.
PAGE_SECONDS = 300


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@require_GET
def room_list(request: HttpRequest) -> HttpResponse:
    """The rooms: the same for every visitor, kept until a room or its photos change."""
    body = kept_body(
        request,
        "rooms:list",
        "rooms/_room_list_body.html",
        lambda: {"rooms": list(Room.objects.bookable().with_parts())},
        depends_on=[freshness.CATALOGUE],
        timeout=PAGE_SECONDS,
    )
    return render(request, "rooms/room_list.html", {"body": body})


def _room_context(room: Room, week_param: str | None) -> dict[str, object]:
    today = timezone.localdate()
    monday = monday_of(parse_date(week_param, today))
    week = [
        (day, [(b, board.public_label(b)) for b in per_room[0]])
        for day, per_room in board.week_board([room], monday)
    ]
    return {
        "room": room,
        "rules": [
            rule
            for rule in FeeRule.objects.effective_for(room, today)
            if not (room.is_combined and rule.purpose == Purpose.PRIVATE_CELEBRATION)
        ],
        "week": week,
        "monday": monday,
        "previous_week": monday - dt.timedelta(days=7),
        "next_week": monday + dt.timedelta(days=7),
    }


@accepts_former_parameters
@require_GET
def room_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The room page. Its body holds nothing personal (no form, no CSRF token), so it is
    rendered once per room, week, language and host, and kept until a booking of this
    room in this week changes."""
    monday = monday_of(parse_date(request.GET.get("week"), timezone.localdate()))
    key = ":".join(
        [
            "rooms:page",
            get_language(),
            request.get_host(),
            slug,
            monday.isoformat(),
            timezone.localdate().isoformat(),
        ]
    )

    def build() -> tuple[str, str]:
        room = get_object_or_404(Room.objects.bookable().with_parts(), slug=slug)
        context = _room_context(room, monday.isoformat())
        return str(room), render_to_string("rooms/_room_detail_body.html", context, request)

    # Kept per room and week (only for weeks in range; an unknown room keeps nothing)
    # until a booking of this room in this week changes.
    room_name, body = freshness.kept(
        key,
        build,
        depends_on=[freshness.room_week(slug, monday), freshness.CATALOGUE],
        timeout=PAGE_SECONDS,
        week=monday,
    )
    # Our own template output, rendered a moment ago or from the cache.
    return render(
        request,
        "rooms/room_detail.html",
        {"room_name": room_name, "body": mark_safe(body)},  # noqa: S308
    )


@accepts_former_parameters
@require_http_methods(["GET", "POST"])
@limit_anonymous_posts(group="rooms:request", rate=f"{REQUESTS_PER_HOUR}/h")
def room_request(request: HttpRequest, slug: str) -> HttpResponse:
    """An external asks for a room without an account; the reception decides."""
    room = get_object_or_404(Room.objects.bookable().with_parts(), slug=slug)
    initial = {
        "date": parse_date(request.GET.get("date"), timezone.localdate() + dt.timedelta(days=7))
    }
    form = PublicRequestForm(request.POST or None, room=room, initial=initial, user=request.user)
    alternatives: list = []
    if request.method == "POST":
        if form.is_spam:
            return redirect("rooms:request_sent", slug=room.slug)  # bots learn nothing
        if form.is_valid():
            try:
                booking = services.request_booking(
                    actor=request.user if request.user.is_authenticated else None,
                    draft=form.draft(),
                )
            except services.BookingError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                alternatives = exc.alternatives
            else:
                request.session["rooms_request"] = booking.pk
                return redirect("rooms:request_sent", slug=room.slug)
    return render(
        request,
        "rooms/booking_request.html",
        {"room": room, "form": form, "alternatives": alternatives},
    )


@require_GET
def request_sent(request: HttpRequest, slug: str) -> HttpResponse:
    room = get_object_or_404(Room.objects.bookable(), slug=slug)
    booking_id = request.session.get("rooms_request")
    booking = Booking.objects.filter(pk=int(booking_id), room=room).first() if booking_id else None
    if booking is None:
        messages.info(request, _("Thank you, your request has been received."))
    # The public sees the price, never the notes meant for the reception.
    quote = public_quote(booking) if booking is not None else None
    return render(
        request,
        "rooms/booking_request_sent.html",
        {"room": room, "booking": booking, "quote": quote},
    )
