"""Tenants' room requests from their organisation's area, at their rate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rooms import board, services
from rooms.fees import BookerCategory
from rooms.forms import BookingForm
from rooms.models import Booking
from rooms.views import regions
from tenants.models import Organisation

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from house.models import User

    class SignedInRequest(HttpRequest):
        """What the login (and reception) checks guarantee: a real user."""

        user: User


@login_required
@require_GET
def my_rooms(request: SignedInRequest) -> HttpResponse:
    """The room bookings of the user's (first) organisation; without one, the public rooms."""
    organisation = Organisation.objects.of_member(request.user).order_by("name").first()
    if organisation is None:
        messages.info(request, _("You can request rooms as a guest from the room pages."))
        return redirect("rooms:list")
    return redirect("rooms:organisation_bookings", org_slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_bookings(request: SignedInRequest, org_slug: str) -> HttpResponse:
    """The organisation's bookings and a request form with the quote shown before sending."""
    # Only members reach their organisation: everybody else gets a 404.
    organisation = get_object_or_404(Organisation.objects.of_member(request.user), slug=org_slug)
    data, slot_chosen = regions.with_chosen_slot(request)
    form = BookingForm(data or None, initial={"date": timezone.localdate()})
    if slot_chosen:
        form.fields["date"].widget.attrs["autofocus"] = True
    context: dict[str, Any] = {"organisation": organisation, "form": form}
    if request.method == "POST" and form.is_valid():
        draft = form.draft(
            organisation=organisation,
            contact_name=request.user.name,
            contact_email=request.user.email,
        )
        try:
            services.validate_draft(draft, actor=request.user)
            context["category"], context["quote"] = services.quote_draft(draft)
            context["category_label"] = BookerCategory(context["category"]).label
            context["books_at_once"] = services.confirms_at_once(
                draft, category=context["category"]
            )
            if form.data.get("action") == "book":
                booking = services.request_booking(actor=request.user, draft=draft)
                if booking.state == Booking.State.CONFIRMED:
                    messages.success(request, _("Booked: %(booking)s.") % {"booking": booking})
                else:
                    messages.success(
                        request,
                        _("Requested: %(booking)s. The reception will confirm it.")
                        % {"booking": booking},
                    )
                return regions.booked(
                    request,
                    reverse("rooms:organisation_bookings", kwargs={"org_slug": organisation.slug}),
                )
        except services.BookingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            context["alternatives"] = exc.alternatives
            context["booking_error"] = exc.message
            context.pop("quote", None)
    chosen = form.cleaned_data if form.is_bound else {}
    if chosen.get("room") and chosen.get("date"):
        # The room's free times that day, beside the form as the reception sees the board.
        context.update(
            free_room=chosen["room"],
            free_day=chosen["date"],
            free_times=board.free_times_of_day(chosen["room"], chosen["date"]),
        )
    if not regions.wants_region(request) or slot_chosen:
        context["bookings"] = list(
            Booking.objects.filter(organisation=organisation, end__gte=timezone.now())
            .select_related("room")
            .order_by("start")[:30]
        )
    return regions.render_booking_form(
        request,
        "rooms/organisation_bookings.html",
        "rooms/_organisation_quote_region.html",
        context,
        slot_chosen=slot_chosen,
    )


@login_required
@require_POST
def withdraw_or_cancel(request: SignedInRequest, org_slug: str, pk: int) -> HttpResponse:
    booking = get_object_or_404(
        Booking.objects.visible_to(request.user).select_related("organisation"),
        pk=pk,
        organisation__slug=org_slug,
    )
    if not request.user.has_perm("rooms.cancel_booking", booking):
        raise PermissionDenied
    try:
        done = services.withdraw_or_cancel_booking(actor=request.user, booking=booking)
        messages.success(request, _("“%(title)s” is cancelled.") % {"title": booking.title})
        if done.cancellation_fee:
            messages.warning(
                request,
                _(
                    "Under the cancellation terms, a fee of %(percent)s %% of the price is due: "
                    "%(amount)s € including VAT. An invoice follows."
                )
                % {
                    "percent": done.cancellation_percent,
                    "amount": number_format(done.cancellation_fee_gross, 2),
                },
            )
    except services.BookingError as exc:
        messages.error(request, exc.message)
    return redirect("rooms:organisation_bookings", org_slug=org_slug)
