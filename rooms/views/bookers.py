"""Finding the booker at the reception: a few letters, a list of matches, one pick.

The booking form has a search field for the booker. With JavaScript, htmx asks
``booker_matches`` while the reception types and shows the matches under the field;
without it, the "Search" button sends the form and the page comes back with the same
list (``matches_context``). Each match is a button of the form (``PICK_FIELD``): it
puts the organisation or contact, their category and usual layout into the form
(``with_chosen_booker``), and the form comes back with its price and the button that
books.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rooms import bookers
from rooms.fees import BookerCategory

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse, QueryDict

#: The form's search field, and the button of a match (its value: the booker's key).
SEARCH_FIELD = "booker_search"
PICK_FIELD = "booker"
#: The form's button that searches without JavaScript.
FIND_ACTION = "find_booker"

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone", "contact_organisation")


def matches_context(text: str) -> dict[str, Any]:
    """What the list of matches shows for the search ``text``."""
    text = " ".join(text.split())
    return {
        "booker_query": text,
        "booker_matches": bookers.find_bookers(text),
        "booker_too_short": 0 < len(text) < bookers.MIN_LETTERS,
        "booker_min_letters": bookers.MIN_LETTERS,
    }


@require_GET
@login_required
@permission_required("rooms.manage_booking", raise_exception=True)
def booker_matches(request: HttpRequest) -> HttpResponse:
    """The matches for the letters typed so far (the list alone, for htmx)."""
    return render(
        request, "rooms/_booker_matches.html", matches_context(request.GET.get(SEARCH_FIELD, ""))
    )


def with_chosen_booker(data: QueryDict | None) -> tuple[QueryDict | None, bookers.Booker | None]:
    """The submitted data with the picked booker put into the booking form's fields.

    An organisation replaces the organisation (the contact person stays as typed); a
    contact replaces the contact's fields and their category. Both bring their usual
    layout. The form is then priced, never booked in the same step. An unknown pick is
    ignored.
    """
    if data is None or not data.get(PICK_FIELD):
        return data, None
    booker = bookers.booker_by_key(str(data.get(PICK_FIELD, "")))
    if booker is None:
        return data, None
    data = data.copy()
    if booker.is_contact:
        data["organisation"] = ""
        for name in CONTACT_FIELDS:
            data[name] = getattr(booker, name)
        # The form asks for the category of bookers without an organisation; a private
        # person is its empty choice.
        stated = booker.category
        data["stated_category"] = "" if stated == BookerCategory.PRIVATE_PERSON else stated
    else:
        data["organisation"] = str(booker.organisation_id)
        data["stated_category"] = ""
    if booker.layout:
        data["layout"] = booker.layout
    data[SEARCH_FIELD] = ""
    data["action"] = "quote"
    return data, booker
