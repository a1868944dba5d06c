"""Calendar feeds of the programme: all events, by category, target group or organiser."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import prefetch_related_objects
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


#: How far back and ahead the feeds reach. The feeds of the whole programme and of a
#: target group (each group is invited to about half the events) show what is on from
#: yesterday to four weeks ahead: in a busy house (six events a day) at most some 180
#: events, which icalendar writes in well under 150 ms even when nothing is kept. Whoever
#: plans further ahead subscribes to a category or an organiser: those feeds are a small
#: part of the programme and reach from two weeks back to a quarter ahead.
FEED_PAST = dt.timedelta(days=14)
FEED_AHEAD = dt.timedelta(days=92)
PROGRAMME_PAST = dt.timedelta(days=1)
PROGRAMME_AHEAD = dt.timedelta(days=28)


def _feed(
    request: HttpRequest,
    events: Any,
    *,
    key: str,
    name: str,
    filename: str,
    reach: tuple[dt.timedelta, dt.timedelta] = (FEED_PAST, FEED_AHEAD),
) -> HttpResponse:
    """A programme feed of the events ``reach`` back and ahead, kept until an event changes
    (registrations do not change it). Each event's VEVENT is kept apart by what it says:
    after a change to one event, the feed is joined again and only that event rewritten."""

    def build() -> tuple[bytes, dt.datetime | None]:
        # From the start of today, as the key names the day: the same window all day long.
        today = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
        back, ahead = reach
        window = events.filter(end__gte=today - back, start__lte=today + ahead)
        rows = list(window.for_feed().order_by("start", "pk"))
        # Only a conference's entry lists its programme.
        conferences = [event for event in rows if event.category == Category.CONFERENCE]
        prefetch_related_objects(conferences, "programme")
        last = max((event.updated_at for event in rows), default=None)
        return ical.events_feed(rows, name=name, keep=True), last

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
    return _feed(
        request,
        Event.objects.published(),
        key="all",
        name=name,
        filename="programm.ics",
        reach=(PROGRAMME_PAST, PROGRAMME_AHEAD),
    )


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
        reach=(PROGRAMME_PAST, PROGRAMME_AHEAD),
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
