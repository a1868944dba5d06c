"""The answer area of the booking forms (``#quote-region``), alone, for the form's script.

The script (``static/js/rooms-booking.js``) posts the form with the header
``X-Hausportal-Region: quote`` for the live quote and when a button is pressed.
It gets only the answer area back, not the page around a 25-field form, and the
form stays as the person left it. After a booking the answer is empty and names
the page to go to. Without the script, the same views answer with whole pages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers

if TYPE_CHECKING:
    from django.http import HttpRequest

REGION_HEADER = "X-Hausportal-Region"
NAVIGATE_HEADER = "X-Hausportal-Navigate"


def wants_region(request: HttpRequest) -> bool:
    return request.method == "POST" and request.headers.get(REGION_HEADER) == "quote"


def render_booking_form(
    request: HttpRequest, page: str, region: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page ``page``, or for the script its answer area ``region``."""
    response = render(request, region if wants_region(request) else page, context)
    patch_vary_headers(response, [REGION_HEADER])
    return response


def booked(request: HttpRequest, url: str) -> HttpResponse:
    """After a booking: a redirect to ``url`` (one of ours), or for the script an empty
    answer naming it."""
    if wants_region(request):
        response = HttpResponse(status=204)
        response[NAVIGATE_HEADER] = url
        return response
    return redirect(url)
