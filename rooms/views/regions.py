"""The answer area of the booking forms (``#quote-region``), alone, for htmx.

The booking forms carry htmx attributes (``templates/rooms/_booking_form_htmx.html``):
a change of a field posts the form from the answer area (the live quote), a button
posts it from the form itself; both get the answer area alone back, not the page
around a 25-field form, so the form stays as the person left it, and a pressed
button moves the focus to the answer (``autofocus``, which htmx honours). Choosing
one of the free alternatives offered after a refusal puts its room, day and times
into the form: the whole form comes back, filled in. After a booking htmx is told
where to go (``HX-Redirect``). Without JavaScript the same views answer with whole
pages, and the same buttons work.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect, reselect, reswap, retarget

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse, QueryDict

#: The id of the booking forms: a request htmx sends for the form (a pressed button)
#: moves the focus to the answer; one sent for the answer area (live quote) does not.
FORM_ID = "booking-form"
#: The button that puts a free alternative into the form: ``room|date|start|end``.
SLOT_FIELD = "slot"


def wants_region(request: HttpRequest) -> bool:
    return request.method == "POST" and bool(getattr(request, "htmx", False))


def with_chosen_slot(request: HttpRequest) -> tuple[QueryDict | None, bool]:
    """The submitted data, with a chosen free alternative put into the form's fields.

    Returns ``(data, chosen)``; a chosen slot is only shown with its quote, never booked
    in the same step. A malformed choice is ignored.
    """
    if request.method != "POST":
        return None, False
    data: QueryDict = request.POST
    parts = data.get(SLOT_FIELD, "").split("|")
    if len(parts) != 4 or not parts[0].isdigit():
        return data, False
    try:
        dt.date.fromisoformat(parts[1])
        dt.time.fromisoformat(parts[2])
        dt.time.fromisoformat(parts[3])
    except ValueError:
        return data, False
    data = data.copy()
    for name, value in zip(("room", "date", "start_time", "end_time"), parts, strict=True):
        data[name] = value
    data["action"] = "quote"
    return data, True


def render_booking_form(
    request: HttpRequest,
    page: str,
    region: str,
    context: dict[str, Any],
    *,
    slot_chosen: bool = False,
    focus_answer: bool = False,
) -> HttpResponse:
    """The whole page ``page``, or for htmx its answer area ``region`` (after a chosen
    slot or booker: the whole form). ``focus_answer`` moves the focus to the answer
    (after a picked booker: to the button that books)."""
    htmx = wants_region(request)
    pressed = htmx and request.htmx.trigger == FORM_ID  # type: ignore[attr-defined]
    context["focus_answer"] = focus_answer or pressed
    if htmx and slot_chosen:
        context["focus_answer"] = focus_answer
        response = render(request, page, context)
        selector = f"#{FORM_ID}"
        response = reselect(retarget(reswap(response, "outerHTML"), selector), selector)
    else:
        response = render(request, region if htmx else page, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def booked(request: HttpRequest, url: str) -> HttpResponse:
    """After a booking: a redirect to ``url`` (one of ours); for htmx, a client redirect."""
    if wants_region(request):
        return HttpResponseClientRedirect(url)
    return redirect(url)
