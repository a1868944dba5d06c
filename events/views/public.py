"""The public programme: listing with filters, calendar and an event's page."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from events import services
from events.forms import EventFilterForm
from events.jsonld import event_json_ld
from events.models import Category, Event
from events.views.common import FRAGMENT_SECONDS, PAGE_SIZE, PAGES_KEPT, _cached_fragment, _event
from house.caching import cached, cached_each
from house.context_processors import current_house
from tenants.models import TargetGroup

if TYPE_CHECKING:
    from django.http import HttpRequest


def _filtered(form: EventFilterForm) -> tuple[Any, bool]:
    """The published events the filters ask for, by start.

    Each filter on a many-to-many relation names one value, so no event appears twice
    and no ``DISTINCT`` is needed (which would compare every column, and count slowly).
    """
    events = Event.objects.published().for_listing()
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        filtered = any(data.values())
        if data["q"]:
            events = events.search(data["q"])
        if data["category"]:
            events = events.filter(category=data["category"])
        if data["target_group"]:
            events = events.filter(target_groups=data["target_group"])
        if data["organiser"]:
            events = events.filter(organisation=data["organiser"])
        if data["language"]:
            events = events.filter(languages=data["language"])
        if data["date_from"]:
            start = timezone.make_aware(dt.datetime.combine(data["date_from"], dt.time.min))
            events = events.filter(end__gte=max(start, timezone.now()))
        else:
            events = events.upcoming()
        if data["date_to"]:
            end = timezone.make_aware(dt.datetime.combine(data["date_to"], dt.time.max))
            events = events.filter(start__lte=end)
    else:
        events = events.upcoming()
    return events.order_by("start", "pk"), filtered


def _filter_query(form: EventFilterForm) -> str:
    """The filters as the visitor gave them, for the page links (nothing else of the URL)."""
    return urlencode(
        [(name, form.data[name]) for name in form.fields if form.data.get(name)], doseq=False
    )


def _listing_key(request: HttpRequest, form: EventFilterForm) -> str | None:
    """The cache key of a listing page: only for valid choice filters and a page number
    in range; searches and periods are rendered fresh."""
    page = request.GET.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= PAGES_KEPT:
        return None
    if not form.is_bound:
        return f"list:page={int(page)}"
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if data["q"] or data["date_from"] or data["date_to"]:
        return None
    terms = ("target_group", "organiser", "language")
    choices = [data["category"] or "", *(data[n].slug if data[n] else "" for n in terms)]
    return "list:" + ":".join(choices) + f":page={int(page)}"


def _render_card(event: Event) -> str:
    return render_to_string("events/_event_card.html", {"event": event})


def _event_cards(events: list[Event]) -> list[str]:
    """The events' cards, each kept until its event changes (a registration included):
    after a change to one event, a listing page is put together again from the others'
    kept cards."""
    language = translation.get_language()
    cards = cached_each(
        [
            (f"events:card:{language}:{event.pk}", [services.event_version(event.slug)])
            for event in events
        ],
        lambda index: _render_card(events[index]),
        timeout=FRAGMENT_SECONDS,
    )
    # Our own template output, rendered a moment ago or from the cache.
    return [mark_safe(card) for card in cards]  # noqa: S308


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events, paged, with filters; the feeds to subscribe to."""
    form = EventFilterForm(request.GET or None)

    def fragment() -> str:
        events, filtered = _filtered(form)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        return render_to_string(
            "events/_event_list_results.html",
            {
                "page": page,
                "cards": _event_cards(list(page.object_list)),
                "filtered": filtered,
                "query": _filter_query(form),
                "form": form,
                "categories": Category.choices,
                "target_groups": TargetGroup.objects.order_by("position"),
            },
        )

    return render(
        request,
        "events/event_list.html",
        {
            "results": _cached_fragment(
                request,
                _listing_key(request, form),
                fragment,
                depends_on=[services.LISTINGS_VERSION],
            ),
        },
    )


@require_GET
def event_calendar(request: HttpRequest) -> HttpResponse:
    """A month at a glance: ``?month=2026-11``."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    if not dt.date(2000, 1, 1) <= first <= dt.date(2100, 12, 1):
        raise Http404

    def fragment() -> str:
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        start = timezone.make_aware(dt.datetime.combine(weeks[0][0], dt.time.min))
        end = timezone.make_aware(dt.datetime.combine(weeks[-1][-1], dt.time.max))
        by_day: dict[dt.date, list[Event]] = {}
        events = Event.objects.published().for_listing().filter(start__range=(start, end))
        for event in events.order_by("start"):
            by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
        return render_to_string(
            "events/_event_calendar_month.html",
            {
                "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
                "month": first,
                "today": today,
            },
        )

    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "events/event_calendar.html",
        {
            "month": first,
            "previous": previous,
            "following": following,
            "results": _cached_fragment(
                request,
                f"calendar:{first.isoformat()}",
                fragment,
                depends_on=[services.LISTINGS_VERSION],
            ),
        },
    )


def _detail_body(event: Event) -> str:
    return render_to_string(
        "events/_event_detail_body.html",
        {
            "event": event,
            "json_ld": event_json_ld(event, house=current_house()),
            "registration_state": event.registration_state(),
            "programme": list(event.programme.all()),
        },
    )


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page. Anonymous visitors get it from one cache entry (no query when warm)."""
    if request.user.is_authenticated:
        event = _event(request, slug)
        context = {
            "event": event,
            "body": mark_safe(_detail_body(event)),  # noqa: S308 - our own template output
        }
        return render(request, "events/event_detail.html", context)

    def build() -> dict[str, Any]:
        # An unknown or unpublished event raises 404 here: nothing is kept for it.
        event = get_object_or_404(Event.objects.published().for_detail(), slug=slug)
        return {
            "event": {"title": event.title, "slug": event.slug, "is_published": True},
            "body": str(_detail_body(event)),
        }

    page = cached(
        f"events:page:{translation.get_language()}:{slug}",
        build,
        depends_on=[services.event_version(slug)],
        timeout=FRAGMENT_SECONDS,
    )
    return render(
        request,
        "events/event_detail.html",
        {"event": page["event"], "body": mark_safe(page["body"])},  # noqa: S308
    )
