"""A volunteer's shifts as calendar entries: one UID per assignment, the same in the
e-mailed invitation and in the personal feed, so a client that has both sees one event."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from house.ical import CalendarEntry, build_invitation

if TYPE_CHECKING:
    from house.models import HouseProfile
    from house.volunteers.models import Assignment


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "hausportal.invalid"


def assignment_uid(assignment: Assignment) -> str:
    return f"volunteer-shift-{assignment.pk}@{uid_domain()}"


def _organizer(house: HouseProfile | None) -> tuple[str, str]:
    from django.conf import settings as conf

    name = house.name if house else "Hausportal"
    address = (house.email if house and house.email else "") or conf.DEFAULT_FROM_EMAIL
    if "<" in address:
        address = address.split("<", 1)[1].rstrip(">")
    return name, address


def entry_for(assignment: Assignment, *, with_people: bool = False) -> CalendarEntry:
    """The calendar entry of ``assignment`` (its shift). ``with_people`` adds the house as
    organiser and the volunteer as attendee, as invitations need."""
    from house.context_processors import current_house

    shift = assignment.shift
    house = current_house()
    people: dict = {}
    if with_people:
        people = {
            "organizer": _organizer(house),
            "attendees": [(assignment.profile.name, assignment.profile.contact_email)],
        }
    cancelled = assignment.status not in ("confirmed", "offered") or shift.cancelled_at
    return CalendarEntry(
        uid=assignment_uid(assignment),
        start=shift.start,
        end=shift.end,
        summary=shift.title,
        location=shift.opportunity.place or (house.name if house else ""),
        description=shift.opportunity.description[:500],
        status="CANCELLED" if cancelled else "CONFIRMED",
        sequence=assignment.sequence + shift.sequence,
        last_modified=max(assignment.updated_at, shift.updated_at),
        url=settings.SITE_URL + reverse("volunteers:shift", kwargs={"pk": shift.pk}),
        **people,
    )


def invitation(assignment: Assignment, method: str) -> dict[str, str]:
    """An outbox attachment: the iTIP invitation (REQUEST) or its withdrawal (CANCEL)."""
    content = build_invitation(entry_for(assignment, with_people=True), method=method)  # type: ignore[arg-type]
    return {
        "filename": "invite.ics" if method == "REQUEST" else "cancel.ics",
        "content": content.decode("utf-8"),
        "mimetype": f"text/calendar; charset=utf-8; method={method}",
    }
