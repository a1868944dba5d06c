"""Booking a room for others at the reception desk."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from house.dates import parse_date
from house.redirects import accepts_former_parameters
from rooms import availability, services
from rooms.fees import BookerCategory, Extra
from rooms.forms import ReceptionBookingForm
from rooms.models import Equipment, Layout, Room
from rooms.views import bookers, regions

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


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
    data, booker = bookers.with_chosen_booker(data)
    form = ReceptionBookingForm(data or None, initial=_initial_from_query(request))
    if slot_chosen:
        form.fields["date"].widget.attrs["autofocus"] = True
    context: dict[str, Any] = {"form": form}
    if form.data.get("action") == bookers.FIND_ACTION:  # "Search" without JavaScript
        context.update(bookers.matches_context(form.data.get(bookers.SEARCH_FIELD, "")))
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
            elif form.number_of_days() > 1:
                context.update(_event(request, form, draft, past_reason, confirmed=confirmed))
                if "booked" in context:
                    return regions.booked(request, context["booked"])
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
        slot_chosen=slot_chosen or booker is not None,
        focus_answer=booker is not None,
    )


def _event(
    request: SignedInRequest,
    form: ReceptionBookingForm,
    draft: services.BookingDraft,
    past_reason: str,
    *,
    confirmed: bool,
) -> dict[str, Any]:
    """An event on several days: its one quote, or (confirmed) its bookings."""
    days = form.number_of_days()
    if confirmed:
        _series, bookings = services.book_event(
            actor=request.user, draft=draft, days=days, past_reason=past_reason
        )
        messages.success(
            request,
            _("“%(title)s” is booked on %(count)s days, priced once.")
            % {"title": draft.title, "count": len(bookings)},
        )
        return {"booked": reverse("rooms:reception_booking", kwargs={"pk": bookings[0].pk})}
    category, quote = services.quote_event(draft, days, actor=request.user)
    return {"category": category, "quote": quote, "category_label": BookerCategory(category).label}
