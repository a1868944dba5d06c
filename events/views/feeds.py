"""Calendar feeds of the programme: all events, by category, target group or organiser."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from events import ical, services
from events.models import Category, Event
from events.views.common import FRAGMENT_SECONDS
from house.context_processors import current_house
from house.ical import cached_feed_response
from tenants.models import Organisation, TargetGroup

if TYPE_CHECKING:
    from django.http import HttpRequest


#: The programme feeds show the last two weeks and the coming quarter: what a calendar
#: app needs to show what is on, small enough to render in one go (calendar apps keep
#: what they saw before). Per-category and per-target-group feeds have the same window.
FEED_PAST = dt.timedelta(days=14)
FEED_AHEAD = dt.timedelta(days=92)


def _feed(request: HttpRequest, events: Any, *, key: str, name: str, filename: str) -> HttpResponse:
    """A programme feed, kept until an event changes (registrations do not change it)."""

    def build() -> tuple[bytes, dt.datetime | None]:
        now = timezone.now()
        window = events.filter(end__gte=now - FEED_PAST, start__lte=now + FEED_AHEAD)
        rows = list(window.for_listing().prefetch_related("programme").order_by("start", "pk"))
        last = max((event.updated_at for event in rows), default=None)
        return ical.events_feed(rows, name=name), last

    return cached_feed_response(
        request,
        f"events:feed:{translation.get_language()}:{key}:{timezone.localdate().isoformat()}",
        build,
        depends_on=[services.FEEDS_VERSION],
        timeout=FRAGMENT_SECONDS,
        filename=filename,
    )


@require_GET
def feed_all(request: HttpRequest) -> HttpResponse:
    house = current_house()
    name = _("Programme – %(house)s") % {"house": house.name if house else "Hausportal"}
    return _feed(request, Event.objects.published(), key="all", name=name, filename="programm.ics")


@require_GET
def feed_category(request: HttpRequest, category: str) -> HttpResponse:
    if category not in Category.values:
        raise Http404
    label = Category(category).label
    return _feed(
        request,
        Event.objects.published().filter(category=category),
        key=f"category:{category}",
        name=str(label),
        filename=f"programm-{category}.ics",
    )


@require_GET
def feed_target_group(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(TargetGroup.objects.all(), slug=slug)
    return _feed(
        request,
        Event.objects.published().filter(target_groups=group),
        key=f"target-group:{group.slug}",
        name=_("Programme for %(group)s") % {"group": group.label},
        filename=f"programm-{group.slug}.ics",
    )


@require_GET
def feed_organiser(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    return _feed(
        request,
        Event.objects.published().filter(organisation=organisation),
        key=f"organiser:{organisation.slug}",
        name=organisation.name,
        filename=f"programm-{slug}.ics",
    )
