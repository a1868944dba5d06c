"""Permanent redirects from the portal's former German addresses to the English ones.

Bookmarks, printed day sheets and calendar links keep working: an old path
answers 301 with the new one, and an old query parameter (``?datum=``) answers
301 with the same page under the new name (``?date=``), its value translated
where the value itself was a German word (``?ansicht=woche`` → ``?view=week``).
"""

from __future__ import annotations

from functools import wraps
from typing import TYPE_CHECKING, Any

from django.http import HttpResponsePermanentRedirect, QueryDict
from django.urls import reverse

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse

#: Former query parameters → their English names, for every page that had them.
PARAMETERS: dict[str, str] = {
    "datum": "date",
    "woche": "week",
    "ansicht": "view",
    "raum": "room",
    "von": "start",
    "monat": "month",
    "jahr": "year",
}
#: Former values of a parameter that were words themselves.
VALUES: dict[str, dict[str, str]] = {"view": {"woche": "week", "tag": "day"}}


def english_query(query: QueryDict) -> QueryDict | None:
    """The query with former names and values made English, or ``None`` if nothing was former."""
    if not any(name in PARAMETERS for name in query):
        return None
    english = QueryDict(mutable=True)
    for name, values in query.lists():
        new_name = PARAMETERS.get(name, name)
        if name != new_name and new_name in query:
            continue  # the English parameter wins over a former one given beside it
        translate = VALUES.get(new_name, {}) if name != new_name else {}
        english.setlist(new_name, [translate.get(value, value) for value in values])
    return english


def _with_query(path: str, query: QueryDict | None) -> str:
    return f"{path}?{query.urlencode()}" if query else path


def accepts_former_parameters(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Answer a GET with former query parameters by a permanent redirect to the English ones."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            english = english_query(request.GET)
            if english is not None:
                return HttpResponsePermanentRedirect(_with_query(request.path, english))
        return view(request, *args, **kwargs)

    return wrapper


def moved_to(pattern_name: str) -> Callable[..., HttpResponse]:
    """A view that sends a former path to ``pattern_name`` for good, carrying the query over."""

    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        english = english_query(request.GET)
        query = english if english is not None else request.GET
        return HttpResponsePermanentRedirect(
            _with_query(reverse(pattern_name, kwargs=kwargs), query)
        )

    view.__name__ = f"moved_to_{pattern_name.replace(':', '_')}"
    return view
