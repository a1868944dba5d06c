"""The calendar invitations attached to booking e-mails, for one booking and for a series."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from house.ical import CalendarEntry
from rooms.emails.recipients import Recipient
from rooms.emails.references import (
    house_location,
    invitation_uid,
    organizer,
    original_start,
    sequence_of,
    uid_domain,
)
from rooms.models import Booking, BookingSeries

if TYPE_CHECKING:
    from house.models import HouseProfile


def invitation_entry(
    booking: Booking, *, house: HouseProfile | None, attendee: Recipient
) -> CalendarEntry:
    """The booking as the VEVENT of an invitation (an override if it belongs to a series)."""
    recurrence_id = original_start(booking) if booking.series_id else None
    return CalendarEntry(
        uid=invitation_uid(booking),
        start=booking.start,
        end=booking.end,
        summary=booking.title,
        description=_("Booking in %(house)s, %(room)s.")
        % {"house": house.name if house else "", "room": str(booking.room)},
        location=house_location(house, booking),
        last_modified=booking.updated_at,
        sequence=sequence_of(booking),
        url=settings.SITE_URL + reverse("rooms:detail", kwargs={"slug": booking.room.slug}),
        organizer=organizer(house),
        attendees=[(attendee.name, attendee.email)],
        status="CANCELLED" if booking.state == Booking.State.CANCELLED else "CONFIRMED",
        recurrence_id=recurrence_id,
    )


def series_entry(
    series: BookingSeries,
    bookings: list[Booking],
    *,
    house: HouseProfile | None,
    attendee: Recipient,
) -> CalendarEntry:
    """A whole series as one recurring VEVENT: its RRULE from the first planned date, the
    skipped dates as EXDATEs (same wall-clock time)."""
    first = bookings[0]
    local_first = timezone.localtime(first.start)
    duration = first.end - first.start
    tz = timezone.get_current_timezone()
    skipped = [dt.date.fromisoformat(item["date"]) for item in series.skipped]
    start_day = min([local_first.date(), *skipped])
    start = timezone.make_aware(dt.datetime.combine(start_day, local_first.time()), tz)
    exdates = [
        timezone.make_aware(dt.datetime.combine(day, local_first.time()), tz) for day in skipped
    ]
    rule = series.rrule.removeprefix("RRULE:")
    return CalendarEntry(
        uid=f"series-{series.pk}@{uid_domain()}",
        start=start,
        end=start + duration,
        summary=first.title,
        description=series.description,
        location=house_location(house, first),
        last_modified=max(b.updated_at for b in bookings),
        sequence=0,
        url=settings.SITE_URL + reverse("rooms:detail", kwargs={"slug": first.room.slug}),
        organizer=organizer(house),
        attendees=[(attendee.name, attendee.email)],
        rrule=rule,
        exdates=exdates,
    )


def _ics_attachment(content: bytes, method: str) -> dict[str, str]:
    return {
        "filename": "invite.ics" if method == "REQUEST" else "cancel.ics",
        "content": content.decode("utf-8"),
        "mimetype": f"text/calendar; charset=utf-8; method={method}",
    }
