"""The price of a public room request, before it is sent.

The request form shows the live quote the way the reception's booking form does: a
change of a field posts the form from the answer area (``#quote-region``) and htmx
puts the answer in its place, the same quote card (``rooms/_quote.html``). Without
JavaScript the "Calculate price" button posts the form here and the whole request
page comes back with the price, nothing sent. Only what the price depends on is
checked: the visitor's name and address are asked for when the request is sent.

The public sees the price and its reasons, never the notes meant for the reception
(the quote's warnings). Quotes are counted per visitor apart from the requests
(``house.abuse``): filling in a form asks for many prices, sending it once.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_POST

from house.abuse import limit_anonymous_posts
from rooms import services
from rooms.fees import BookerCategory
from rooms.forms import PublicRequestForm
from rooms.models import Room
from rooms.views import regions

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

#: Prices one visitor may ask for per hour (a form asks for one at each change).
QUOTES_PER_HOUR = 120
#: The fields a price depends on; the others are only checked when the request is sent.
QUOTE_FIELDS = (
    "date",
    "start_time",
    "end_time",
    "purpose",
    "attendees",
    "layout",
    "extras",
    "stated_category",
)
#: The button that asks for the price; pressed, it moves the focus to the answer.
QUOTE_BUTTON_ID = "quote-button"


def quote_context(form: PublicRequestForm, *, check_all: bool = False) -> dict[str, Any]:
    """The answer area's context for a bound request form: the price, the reason why
    there is none yet, or the refusal with free alternatives. Fields the price does not
    depend on are left unchecked unless ``check_all``."""
    form.is_valid()
    if not check_all:
        for name in list(form.errors):
            if name not in QUOTE_FIELDS and name != NON_FIELD_ERRORS:
                del form.errors[name]
    context: dict[str, Any] = {"quote_asked": True}
    if form.errors:
        return context
    draft = form.draft()
    try:
        services.validate_draft(draft, actor=None)
        category, quote = services.quote_draft(draft)
    except services.BookingError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        context.update(booking_error=exc.message, alternatives=exc.alternatives)
        return context
    # The warnings are the reception's notes (proofs to check): never shown to the public.
    context.update(
        quote=dataclasses.replace(quote, warnings=()),
        category_label=BookerCategory(category).label,
    )
    return context


@require_POST
@limit_anonymous_posts(group="rooms:quote", rate=f"{QUOTES_PER_HOUR}/h")
def request_quote(request: HttpRequest, slug: str) -> HttpResponse:
    """The price of the request as filled in: the answer area for htmx, else the page."""
    room = get_object_or_404(Room.objects.bookable().with_parts(), slug=slug)
    form = PublicRequestForm(request.POST, room=room, user=request.user)
    context: dict[str, Any] = {"room": room, "form": form, **quote_context(form)}
    htmx = regions.wants_region(request)
    context["focus_answer"] = htmx and request.htmx.trigger == QUOTE_BUTTON_ID  # type: ignore[attr-defined]
    if not htmx:
        context["focus_answer"] = True
    template = "rooms/_public_quote_region.html" if htmx else "rooms/booking_request.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
