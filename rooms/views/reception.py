"""The reception desk: board, free-room finder, pending requests, day sheet, booking for others."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.caching import cached
from house.dates import parse_date
from house.models import ActivityLog, ClosureDay
from house.redirects import accepts_former_parameters
from rooms import availability, board, freshness, services
from rooms.fees import BookerCategory, Extra, Purpose
from rooms.forms import (
    BookingDetailsForm,
    DecisionForm,
    FinderForm,
    MoveForm,
    ReceptionBookingForm,
    SeriesCancelForm,
)
from rooms.models import Booking, Equipment, Layout, Room
from rooms.queries import pending_count
from rooms.views import regions
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
    if freshness.keeps_week(monday):
        grid = cached(key, build, depends_on=[freshness.week(monday)], timeout=GRID_SECONDS)
    else:
        grid = build()
    context["pending_count"] = pending_count()
    # Our own template output, rendered a moment ago or from the cache.
    context["grid"] = mark_safe(grid)  # noqa: S308
    return render(request, "rooms/reception_board.html", context)


def _grid_context(first: dt.date, *, week: bool) -> dict[str, Any]:
    rooms = _rooms()
    closures = dict(
        ClosureDay.objects.between(first, first + dt.timedelta(days=6 if week else 0)).values_list(
            "date", "reason"
        )
    )
    context: dict[str, Any] = {"rooms": rooms, "day": first, "week_view": week}
    if week:
        context["days"] = [
            (weekday, per_room, closures.get(weekday))
            for weekday, per_room in board.reception_week(rooms, first)
        ]
    else:
        context["rows"] = board.day_board(rooms, first)
        context["closed_reason"] = closures.get(first)
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
            services.cancel_booking(actor=request.user, booking=booking, reason=reason)
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


def _initial_from_query(request: SignedInRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {"date": parse_date(request.GET.get("date"), timezone.localdate())}
    if slug := request.GET.get("room"):
        room = Room.objects.filter(slug=slug).first()
        if room is not None:
            initial["room"] = room
    try:
        start = dt.time.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        start = None
    if start is not None:
        initial["start_time"] = start
        initial["end_time"] = (
            dt.datetime.combine(initial["date"], start) + dt.timedelta(hours=2)
        ).time()
        try:
            end = dt.time.fromisoformat(request.GET.get("end", ""))
        except ValueError:
            end = None
        if end is not None and end > start:
            initial["end_time"] = end
    # What the free-room finder knew: persons, layout and the equipment asked for.
    attendees = request.GET.get("attendees", "")
    if attendees.isdigit() and 0 < int(attendees) <= 2000:
        initial["attendees"] = int(attendees)
    if request.GET.get("layout") in Layout.values:
        initial["layout"] = request.GET["layout"]
    equipment = [item for item in request.GET.getlist("equipment") if item in Equipment.values]
    if equipment:
        if availability.MEDIA_EQUIPMENT.intersection(equipment):
            initial["extras"] = [Extra.EQUIPMENT]
        labels = ", ".join(str(Equipment(item).label) for item in equipment)
        initial["internal_note"] = _("Equipment asked for: %(items)s") % {"items": labels}
    return initial


@accepts_former_parameters
@require_http_methods(["GET", "POST"])
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booking_new(request: SignedInRequest) -> HttpResponse:
    """Book for somebody: the first submit shows the quote (or series plan), the second books."""
    data, slot_chosen = regions.with_chosen_slot(request)
    form = ReceptionBookingForm(data or None, initial=_initial_from_query(request))
    if slot_chosen:
        form.fields["date"].widget.attrs["autofocus"] = True
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        draft = form.draft()
        recurrence = form.recurrence()
        past_reason = form.cleaned_data.get("past_reason", "")
        confirmed = form.data.get("action") == "book"
        try:
            if recurrence is not None:
                context["plan"] = services.plan_series(draft, recurrence, actor=request.user)
                context["category"], context["quote"] = services.quote_draft(draft)
                context["category_label"] = BookerCategory(context["category"]).label
                if confirmed:
                    series, bookings = services.book_series(
                        actor=request.user,
                        draft=draft,
                        recurrence=recurrence,
                        skip_reason=past_reason,
                    )
                    messages.success(
                        request,
                        _("%(count)s dates of “%(title)s” are booked; %(skipped)s skipped.")
                        % {
                            "count": len(bookings),
                            "title": draft.title,
                            "skipped": len(series.skipped),
                        },
                    )
                    return regions.booked(
                        request, reverse("rooms:reception_booking", kwargs={"pk": bookings[0].pk})
                    )
            elif confirmed:
                # book_room validates and prices itself: no second round of checks here.
                booking = services.book_room(
                    actor=request.user, draft=draft, past_reason=past_reason
                )
                messages.success(request, _("Booked: %(booking)s.") % {"booking": booking})
                day = timezone.localtime(booking.start).date()
                return regions.booked(request, f"{reverse('rooms:reception')}?date={day}")
            else:
                services.validate_draft(draft, actor=request.user, past_reason=past_reason)
                context["category"], context["quote"] = services.quote_draft(draft)
                context["category_label"] = BookerCategory(context["category"]).label
        except services.BookingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            context["alternatives"] = exc.alternatives
            context["booking_error"] = exc.message
            context.pop("quote", None)
    return regions.render_booking_form(
        request,
        "rooms/reception_booking_form.html",
        "rooms/_reception_quote_region.html",
        context,
        slot_chosen=slot_chosen,
    )


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
        {"booking": booking, "reason": request.GET.get("reason", "").strip()[:300]},
    )


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
