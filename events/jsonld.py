"""schema.org ``Event`` structured data for search engines (JSON-LD in the event page)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import timezone

if TYPE_CHECKING:
    from events.models import Event

_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved_online": "https://schema.org/EventMovedOnline",
}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _place(event: Event, house: Any) -> dict[str, Any]:
    if event.room is not None and house is not None:
        return {
            "@type": "Place",
            "name": f"{house.name}, {event.room}",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": house.street,
                "postalCode": house.postcode,
                "addressLocality": house.city,
                "addressCountry": "DE",
            },
        }
    if event.venue_name or event.address:
        return {
            "@type": "Place",
            "name": event.venue_name or event.address,
            "address": event.address or event.venue_name,
        }
    return {"@type": "VirtualLocation", "url": event.online_url or ""}


def _availability(event: Event) -> str:
    """What the offer says: a cancelled or past event offers nothing any more."""
    if event.status == event.Status.CANCELLED:
        return "https://schema.org/Discontinued"
    state = event.registration_state()
    if event.end <= timezone.now() or state == "closed":
        return "https://schema.org/OutOfStock"
    if state == "not_yet":
        return "https://schema.org/PreOrder"
    if event.is_full:
        return "https://schema.org/SoldOut"
    return "https://schema.org/InStock"


def event_data(event: Event, *, house: Any = None) -> dict[str, Any]:
    url = settings.SITE_URL + event.get_absolute_url()
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "startDate": timezone.localtime(event.start).isoformat(),
        "endDate": timezone.localtime(event.end).isoformat(),
        "eventStatus": _STATUS[event.status],
        "eventAttendanceMode": (
            "https://schema.org/OnlineEventAttendanceMode"
            if event.status == "moved_online" or (event.online_url and not event.location_label)
            else "https://schema.org/OfflineEventAttendanceMode"
        ),
        "location": _place(event, house),
        "inLanguage": [language.slug for language in event.languages.all()] or ["de"],
        "isAccessibleForFree": not event.price,
        "offers": {
            "@type": "Offer",
            "price": f"{event.price:.2f}",
            "priceCurrency": "EUR",
            "url": url,
            "availability": _availability(event),
        },
        "audience": [
            {"@type": "Audience", "audienceType": group.name} for group in event.target_groups.all()
        ],
    }
    if event.organisation is not None:
        data["organizer"] = {
            "@type": "Organization",
            "name": event.organisation.name,
            "url": settings.SITE_URL + event.organisation.get_absolute_url(),
        }
    elif house is not None:
        data["organizer"] = {"@type": "Organization", "name": house.name}
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
        data["remainingAttendeeCapacity"] = event.seats_left
    if event.image:
        data["image"] = settings.SITE_URL + event.image.url
    series = event.series
    if series is not None:
        local = timezone.localtime(series.first_start)
        schedule: dict[str, Any] = {
            "@type": "Schedule",
            "startDate": local.date().isoformat(),
            "startTime": local.strftime("%H:%M"),
            "endTime": (local + series.duration).strftime("%H:%M"),
            "scheduleTimezone": "Europe/Berlin",
            "byDay": f"https://schema.org/{_WEEKDAYS[local.weekday()]}",
        }
        rule = series.rrule.upper()
        if "FREQ=WEEKLY" in rule:
            schedule["repeatFrequency"] = "P2W" if "INTERVAL=2" in rule else "P1W"
        elif "FREQ=MONTHLY" in rule:
            schedule["repeatFrequency"] = "P1M"
        if series.exceptions:
            schedule["exceptDate"] = list(series.exceptions)
        data["eventSchedule"] = schedule
    return data


def event_json_ld(event: Event, *, house: Any = None) -> str:
    """The JSON text, safe to place inside ``<script type="application/ld+json">``."""
    text = json.dumps(event_data(event, house=house), ensure_ascii=False, indent=1)
    # "</script>" or "<!--" in a title must not end the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
