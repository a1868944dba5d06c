"""Writes of single events: saving with the room booking, publishing, approving, cancelling
and programme items.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, ProgrammeSettings, Registration
from events.services.common import EventError, invalidate_public_pages, unique_slug
from events.services.notices import _invitation
from events.services.waiting_list import _promote_waiting_list
from house.permissions import can_manage_house, can_use_reception
from house.services import queue_templated_email

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Language, TargetGroup


def _layout_for(room: Any, attendees: int) -> str:
    fitting = [(cap, layout) for layout, cap in room.capacities.items() if int(cap) >= attendees]
    if not fitting:
        raise EventError(
            _("%(room)s holds at most %(capacity)s people; please choose a larger room.")
            % {"room": room.name, "capacity": room.max_capacity},
            field="room",
        )
    return min(fitting)[1]


def _release_booking(actor: User, event: Event, reason: str) -> None:
    from rooms.models import Booking
    from rooms.services import cancel_booking, withdraw_booking

    booking = event.booking
    if booking is None:
        return
    if booking.state == Booking.State.CONFIRMED:
        cancel_booking(actor=actor, booking=booking, reason=reason)
    elif booking.state == Booking.State.REQUESTED:
        withdraw_booking(actor=actor, booking=booking)
    event.booking = None


def _sync_booking(actor: User, event: Event) -> None:
    """Hold the event's room through a booking; a conflict refuses the event."""
    from rooms.fees import BookerCategory, Purpose
    from rooms.services import BookingDraft, BookingError, book_room, request_booking

    room = event.room
    wants_room = room is not None and event.status in (
        Event.Status.SCHEDULED,
        Event.Status.POSTPONED,
    )
    booking = event.booking
    if booking is not None and (
        not wants_room
        or booking.room_id != event.room_id
        or booking.start != event.start
        or booking.end != event.end
    ):
        _release_booking(actor, event, reason=_("The event changed."))
    if room is None or not wants_room or event.booking is not None:
        return
    attendees = max(1, min(event.capacity or 10, room.max_capacity or 1))
    draft = BookingDraft(
        room=room,
        start=event.start,
        end=event.end,
        purpose=Purpose.NONPROFIT,
        attendees=attendees,
        layout=_layout_for(room, attendees),
        title=event.title,
        organisation=event.organisation,
        stated_category=None if event.organisation_id else BookerCategory.PUBLIC_SECTOR,
        contact_name=event.contact_name or (actor.name if actor.is_authenticated else ""),
        contact_email=event.contact_email or (actor.email if actor.is_authenticated else ""),
        show_title_publicly=True,
    )
    try:
        if can_use_reception(actor):
            event.booking = book_room(actor=actor, draft=draft)
        else:
            event.booking = request_booking(actor=actor, draft=draft)
    except BookingError as exc:
        raise EventError(exc.message, field="room", alternatives=exc.alternatives) from exc


def save_event(
    *,
    actor: User,
    event: Event,
    target_groups: Iterable[TargetGroup] | None = None,
    languages: Iterable[Language] | None = None,
) -> Event:
    """Create or change an event (not its registrations) and hold its room.

    Contract: ``actor`` manages the event's organisation (or the house for
    events without one; checked by the caller). A room in the house is booked
    through the booking service; a conflict raises :class:`EventError` with
    the booking's message and nothing is saved. The seat counter is never
    written from ``event`` (it may be stale); a lower capacity than the places
    already taken is refused, a higher one promotes the waiting list.
    Side effects: booking rows, SEQUENCE raised, public pages invalidated.
    """
    if event.image and not event.image_alt.strip():
        raise EventError(
            _("Please describe the image for people who cannot see it."), field="image_alt"
        )
    if event.end <= event.start:
        raise EventError(_("The end must be after the start."), field="end")
    if event.needs_registration and event.capacity == 0:
        raise EventError(
            _("An event with registration needs at least one place."), field="capacity"
        )
    with transaction.atomic():
        slugs = {event.slug}
        if event.pk is None:
            event.slug = event.slug or unique_slug(event.title, start=event.start)
            event.created_by = actor
            event.seats_taken = 0
            _sync_booking(actor, event)
            event.save()
        else:
            current = (
                Event.objects.select_for_update(of=("self",))
                .select_related("booking")
                .get(pk=event.pk)
            )
            slugs.add(current.slug)
            if event.capacity is not None and event.capacity < current.seats_taken:
                raise EventError(
                    _(
                        "%(taken)s places are already taken; the capacity cannot be lower. "
                        "Cancel registrations first."
                    )
                    % {"taken": current.seats_taken},
                    field="capacity",
                )
            event.seats_taken = current.seats_taken
            event.booking = current.booking
            _sync_booking(actor, event)
            event.sequence = current.sequence + 1
            fields = [
                f.name
                for f in Event._meta.concrete_fields
                if f.name not in {"id", "seats_taken", "created_at", "created_by"}
            ]
            event.save(update_fields=fields)
            _send_change(current, event)
            if event.capacity is None or event.capacity > current.seats_taken:
                _promote_waiting_list(event)
        if target_groups is not None:
            event.target_groups.set(list(target_groups))
        if languages is not None:
            event.languages.set(list(languages))
        invalidate_public_pages(slugs={*slugs, event.slug})
    return event


def publish_event(*, actor: User, event: Event) -> Event:
    """Make a draft public, or hand it to house management when review is switched on.

    Staff of the house publish at once; organisations' members do too unless
    ``ProgrammeSettings.review_required`` is on. A date of a series publishes the
    series' other drafts with it (each date can still be changed on its own).
    """
    with transaction.atomic():
        needs_review = (
            ProgrammeSettings.current().review_required
            and event.organisation_id is not None
            and not can_manage_house(actor)
        )
        event.publication = (
            Event.Publication.IN_REVIEW if needs_review else Event.Publication.PUBLISHED
        )
        dates = Event.objects.filter(pk=event.pk)
        if event.series_id is not None:
            dates = (
                Event.objects.filter(series_id=event.series_id, publication=Event.Publication.DRAFT)
                | dates
            )
        slugs = list(dates.values_list("slug", flat=True))
        dates.update(publication=event.publication, updated_at=timezone.now())
        invalidate_public_pages(slugs=slugs)
    return event


def approve_event(*, actor: User, event: Event) -> Event:
    """House management publishes an event that waited for review."""
    if not can_manage_house(actor):
        raise PermissionError("only house management reviews events")
    with transaction.atomic():
        Event.objects.filter(pk=event.pk).update(
            publication=Event.Publication.PUBLISHED, updated_at=timezone.now()
        )
        event.publication = Event.Publication.PUBLISHED
        invalidate_public_pages(slugs=[event.slug])
    return event


def cancel_event(*, actor: User, event: Event, reason: str = "") -> Event:
    """Call off an event: shown as cancelled everywhere, its room freed, registrants told.

    Registrations stay (for the reports); every confirmed or waiting registrant
    gets an e-mail with an iTIP CANCEL for their calendar.
    """
    with transaction.atomic():
        locked = (
            Event.objects.select_for_update(of=("self",)).select_related("booking").get(pk=event.pk)
        )
        if locked.status == Event.Status.CANCELLED:
            return locked
        _release_booking(actor, locked, reason=reason or _("The event was cancelled."))
        locked.status = Event.Status.CANCELLED
        locked.sequence += 1
        locked.save(update_fields=["status", "sequence", "booking", "updated_at"])
        _send_cancellation(locked, reason=reason)
        invalidate_public_pages(slugs=[locked.slug])
    return locked


#: What a registrant's calendar and plans hang on: a change of any of these is sent to them.
TIME_AND_PLACE = ("start", "end", "room_id", "venue_name", "address", "online_url", "status")


def _send_cancellation(event: Event, *, reason: str) -> None:
    """Tell every registrant and waiting person that ``event`` is called off, with a CANCEL."""
    for registration in event.registrations.active().exclude(email=""):
        registration.event = event
        queue_templated_email(
            template="events/email/event_cancelled",
            context={"registration": registration, "event": event, "reason": reason},
            to=[registration.email],
            language=registration.language,
            ref=f"events.registration:{registration.pk}",
            kind="event_cancelled",
            attachments=[_invitation(registration, cancel=True)],
        )


def _send_change(before: Event, after: Event) -> None:
    """Tell registrants what changed in time or place, once each, in their language.

    Confirmed registrants get the updated invitation (same UID, higher SEQUENCE), which
    moves the entry in their calendar; waiting people, who have no entry, get the new
    time and place in words. An event set to cancelled in the form is cancelled for them.
    """
    if after.status == Event.Status.CANCELLED:
        if before.status != Event.Status.CANCELLED:
            _send_cancellation(after, reason="")
        return
    if all(getattr(before, name) == getattr(after, name) for name in TIME_AND_PLACE):
        return
    for registration in after.registrations.active().exclude(email=""):
        registration.event = after
        attachments = []
        if registration.status == Registration.Status.CONFIRMED:
            attachments.append(_invitation(registration))
        queue_templated_email(
            template="events/email/event_changed",
            context={
                "registration": registration,
                "event": after,
                "link": settings.SITE_URL + registration.get_absolute_url(),
            },
            to=[registration.email],
            language=registration.language,
            ref=f"events.registration:{registration.pk}",
            kind="event_changed",
            attachments=attachments,
        )


def add_programme_item(*, event: Event, **fields: Any) -> Any:
    """Add a slot to a conference programme; it must lie within the event."""
    from events.models import ProgrammeItem

    item = ProgrammeItem(event=event, **fields)
    if item.end <= item.start:
        raise EventError(_("The end must be after the start."), field="end")
    if item.start < event.start or item.end > event.end:
        raise EventError(_("A programme item must lie within the event's time."), field="start")
    with transaction.atomic():
        item.save()
        Event.objects.filter(pk=event.pk).update(
            sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        invalidate_public_pages(slugs=[event.slug])
    return item
