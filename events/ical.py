"""Events as iCalendar: public feeds, the "add to calendar" file and e-mail invitations.

The format rules (no METHOD in feeds, Europe/Berlin with one VTIMEZONE, stable
UIDs, SEQUENCE) live in :mod:`house.ical`; this module only maps events to
:class:`house.ical.CalendarEntry` values. Each date of a series is its own
VEVENT because each date may be changed or cancelled on its own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models.programme import Category
from events.place import Place, place_of
from house.ical import CalendarEntry, build_feed, build_invitation, kept_vevents

if TYPE_CHECKING:
    from events.models import Event, Registration
    from house.models import HouseProfile

UID_DOMAIN = "events.hausportal"
_CATEGORY_LABELS = dict(Category.choices)


def event_uid(event: Event) -> str:
    return f"event-{event.pk}@{UID_DOMAIN}"


def _description(event: Event, place: Place, url: str) -> str:
    lines = [event.summary]
    if place.location:
        lines.append("")
        lines.append(_("Where: %(place)s") % {"place": place.location})
        if place.map_url:
            lines.append(_("Map: %(url)s") % {"url": place.map_url})
    programme = list(event.programme.all()) if event.category == "conference" else []
    if programme:
        lines.append("")
        lines.append(_("Programme"))
        for item in programme:
            start = timezone.localtime(item.start).strftime("%H:%M")
            end = timezone.localtime(item.end).strftime("%H:%M")
            extra = " · ".join(p for p in (item.speakers, item.room_label) if p)
            lines.append(f"{start}–{end} {item.title}" + (f" ({extra})" if extra else ""))
    lines.append("")
    lines.append(url)
    return "\n".join(lines)


def event_entry(
    event: Event, *, house_of: Callable[[], HouseProfile | None] | None = None, **overrides: object
) -> CalendarEntry:
    """The calendar entry of one event; a cancelled event is written with STATUS:CANCELLED.

    ``house_of`` gives the house profile (see :func:`events.place.place_of`).
    """
    summary = event.title
    if event.status == event.Status.POSTPONED:
        summary = _("Postponed: %(title)s") % {"title": event.title}
    elif event.status == event.Status.MOVED_ONLINE:
        summary = _("Online: %(title)s") % {"title": event.title}
    place = place_of(event, house_of=house_of)
    url = settings.SITE_URL + event.get_absolute_url()
    values: dict[str, object] = {
        "uid": event_uid(event),
        "start": event.start,
        "end": event.end,
        "summary": summary,
        "last_modified": event.updated_at,
        "description": _description(event, place, url),
        "location": place.location,
        "status": "CANCELLED" if event.status == event.Status.CANCELLED else "CONFIRMED",
        "sequence": event.sequence,
        "url": url,
        # The label as get_category_display() gives it, without its copy of all choices.
        "categories": (str(_CATEGORY_LABELS.get(event.category, event.category)),),
    }
    values.update(overrides)
    return CalendarEntry(**values)  # type: ignore[arg-type]


def events_feed(events: Iterable[Event], *, name: str, keep: bool = False) -> bytes:
    """A feed of ``events``; with ``keep``, each event's VEVENT is kept in the cache by
    what it says (:func:`house.ical.kept_vevents`), so a change to one event rewrites
    only that event's."""
    from house.context_processors import current_house

    house_of = functools.cache(current_house)
    entries = [event_entry(event, house_of=house_of) for event in events]
    return build_feed(entries, name=name, vevents=kept_vevents if keep else None)


def event_file(event: Event) -> bytes:
    """The single-event download behind "add to calendar" (a feed of one: no METHOD)."""
    return build_feed([event_entry(event)], name=event.title)


def _organizer() -> tuple[str, str]:
    from house.context_processors import current_house

    house = current_house()
    email = house.email if house and house.email else "portal@localhost"
    return (house.name if house else "Hausportal", email)


def registration_invitation(registration: Registration, *, cancel: bool = False) -> dict[str, str]:
    """An outbox attachment inviting (or un-inviting) a registrant; iTIP REQUEST or CANCEL."""
    event = registration.event
    method = "CANCEL" if cancel else "REQUEST"
    entry = event_entry(
        event,
        uid=f"registration-{registration.pk}@{UID_DOMAIN}",
        organizer=_organizer(),
        attendees=[(registration.name, registration.email)],
        sequence=event.sequence + (1 if cancel else 0),
    )
    content = build_invitation(entry, method=method)  # type: ignore[arg-type]
    return {
        "filename": "veranstaltung.ics",
        "content": content.decode(),
        "mimetype": f"text/calendar; charset=utf-8; method={method}",
    }
