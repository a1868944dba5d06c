"""Writes of the public programme. Views, the admin, commands and tasks call these.

Capacity: seats are taken with one conditional UPDATE
(``seats_taken = seats_taken + n WHERE seats_taken + n <= capacity``), which
PostgreSQL re-checks on the newest row version when writers queue on the row;
a count-then-insert would overbook under concurrency (DESIGN.md, lessons).
Seats are given back and the waiting list is promoted under a row lock of the
event, so promotions of one event never interleave.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from events import ical
from events.activity import HOLD_EXPIRED, PROMOTED
from events.models import (
    Event,
    EventSeries,
    ProgrammeSettings,
    Registration,
)
from house.activity import log_activity
from house.caching import raise_versions
from house.dates import bounded_occurrences
from house.formats import format_as
from house.locks import lock
from house.permissions import can_manage_house, can_use_reception
from house.services import purge_emails_about, queue_templated_email

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User
    from tenants.models import Language, TargetGroup

    AnyUser: TypeAlias = "User | AnonymousUser"

logger = logging.getLogger(__name__)

#: A series creates at most this many dates at once.
MAX_SERIES_DATES = 104
#: Versions of the cached public pieces (``house.caching``): every listing, every feed.
LISTINGS_VERSION = "events:listings"
FEEDS_VERSION = "events:feeds"
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


class EventError(Exception):
    """An event cannot be saved as asked; ``message`` says why in plain language."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RegistrationError(Exception):
    """A registration is refused; nothing was saved. ``message`` is shown to the visitor."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class EventFullError(RegistrationError):
    """Not enough places left; the visitor may join the waiting list instead."""


#: The lock space of one event's places (``house.locks``): every writer that gives
#: places back (cancelling, an expiring hold) or turns a hold into a registration.
SEATS_LOCK = "events.seats"


# --- cache of anonymous public pages ----------------------------------------------


def event_version(slug: str) -> str:
    """The version name of one event's public page (``house.caching``)."""
    return f"events:event:{slug}"


def invalidate_public_pages(*, slugs: Iterable[str] = (), feeds: bool = True) -> None:
    """Make the cached public pages showing these events stale (after commit of a change).

    The listings (list, month calendar) always; the pages of the events named by
    ``slugs``; the feeds unless ``feeds=False``. Registrations change the places left
    on the pages but nothing in a feed: they pass ``feeds=False``, so a busy
    registration day does not rebuild the feeds, and the pages of other events stay.
    """
    names = [LISTINGS_VERSION, *(event_version(slug) for slug in slugs)]
    if feeds:
        names.append(FEEDS_VERSION)
    raise_versions(names)


# --- events ------------------------------------------------------------------------


def unique_slug(title: str, *, start: dt.datetime, exclude_pk: int | None = None) -> str:
    """A readable, unique address: ``erzaehlcafe-2026-11-25`` (with a counter if needed)."""
    folded = title.translate(_UMLAUTS)
    base = f"{slugify(folded)[:90] or 'event'}-{timezone.localtime(start):%Y-%m-%d}"
    slug, counter = base, 2
    taken = Event.objects.filter(slug__startswith=base)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    existing = set(taken.values_list("slug", flat=True))
    while slug in existing:
        slug = f"{base}-{counter}"
        counter += 1
    return slug


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
        raise EventError(exc.message, field="room") from exc


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


def _invitation(registration: Registration, *, cancel: bool = False) -> dict[str, str]:
    """The registrant's calendar file, worded in their language."""
    with translation.override(registration.language or "de"):
        return ical.registration_invitation(registration, cancel=cancel)


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


# --- series ------------------------------------------------------------------------


def series_dates(
    *,
    first_start: dt.datetime,
    duration: dt.timedelta,
    rrule: str,
    exceptions: Sequence[dt.date] = (),
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The dates of a series: the RRULE runs on Europe/Berlin wall-clock time.

    So the café stays at 15:00 local across the daylight-saving change. Raises
    :class:`EventError` for an unreadable or endless rule.
    """
    local_start = timezone.localtime(first_start).replace(tzinfo=None)
    try:
        rule = rrulestr(rrule.removeprefix("RRULE:"), dtstart=local_start)
    except (ValueError, TypeError) as exc:
        raise EventError(_("The recurrence rule cannot be read."), field="rrule") from exc
    if "COUNT=" not in rrule.upper() and "UNTIL=" not in rrule.upper():
        raise EventError(_("A series needs an end: COUNT or UNTIL."), field="rrule")
    skipped = set(exceptions)
    dates = []
    # Read lazily: a rule running to the year 9999 must not be expanded to be refused.
    planned = bounded_occurrences(rule, limit=MAX_SERIES_DATES + 1)
    if len(planned) > MAX_SERIES_DATES:
        raise EventError(
            _("A series can have at most %(n)s dates.") % {"n": MAX_SERIES_DATES},
            field="rrule",
        )
    for local in planned:
        if local.date() in skipped:
            continue
        start = timezone.make_aware(local)
        dates.append((start, timezone.make_aware(local + duration)))
    return dates


def create_series(
    *,
    actor: User,
    template: Event,
    rrule: str,
    exceptions: Sequence[dt.date] = (),
    target_groups: Iterable[TargetGroup] = (),
    languages: Iterable[Language] = (),
) -> EventSeries:
    """Create a series and one event per date, copied from ``template`` (unsaved).

    Each date books the room on its own; the first conflict refuses the whole
    series with the booking's message and the date (nothing saved).
    """
    duration = template.end - template.start
    dates = series_dates(
        first_start=template.start, duration=duration, rrule=rrule, exceptions=exceptions
    )
    if not dates:
        raise EventError(_("The rule gives no dates."), field="rrule")
    target_groups, languages = list(target_groups), list(languages)
    with transaction.atomic():
        series = EventSeries.objects.create(
            organisation=template.organisation,
            title=template.title,
            rrule=rrule.removeprefix("RRULE:"),
            first_start=template.start,
            duration=duration,
            exceptions=[d.isoformat() for d in exceptions],
            created_by=actor,
        )
        for start, end in dates:
            event = Event(
                **{
                    f.name: getattr(template, f.name)
                    for f in Event._meta.concrete_fields
                    if f.name not in {"id", "slug", "start", "end", "booking", "series"}
                }
            )
            event.pk = None
            event.series = series
            event.start, event.end = start, end
            event.slug = unique_slug(template.title, start=start)
            try:
                save_event(
                    actor=actor, event=event, target_groups=target_groups, languages=languages
                )
            except EventError as exc:
                raise EventError(
                    _("%(date)s: %(message)s")
                    % {"date": format_as(start, "short_date"), "message": exc},
                    field=exc.field,
                ) from exc
    return series


# --- registrations -----------------------------------------------------------------


def _take_seats(event: Event, seats: int) -> bool:
    """Take ``seats`` if they are free; one conditional UPDATE, safe under concurrency."""
    if event.capacity is None:
        Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") + seats)
        return True
    return bool(
        Event.objects.filter(pk=event.pk, seats_taken__lte=F("capacity") - seats).update(
            seats_taken=F("seats_taken") + seats
        )
    )


def _validate_registration(
    event: Event, *, name: str, email: str, seats: int, consent: bool, staff: bool
) -> str:
    state = event.registration_state()
    if state == "none":
        raise RegistrationError(_("This event needs no registration: just come along."))
    if state == "not_yet":
        raise RegistrationError(
            _("Registration opens on %(date)s.")
            % {"date": format_as(event.registration_opens, "short_datetime")}
        )
    if state == "closed" and (not staff or event.status != Event.Status.SCHEDULED):
        raise RegistrationError(_("Registration for this event is closed."))
    if not name.strip():
        raise RegistrationError(_("Please enter your name."), field="name")
    email = email.strip().lower()
    if email or not staff:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise RegistrationError(
                _("Please enter a valid e-mail address."), field="email"
            ) from exc
    if seats < 1:
        raise RegistrationError(_("Please register at least one place."), field="seats")
    if seats > event.max_seats_per_registration:
        raise RegistrationError(
            _("You can register at most %(n)s places at once.")
            % {"n": event.max_seats_per_registration},
            field="seats",
        )
    if not consent and not staff:
        raise RegistrationError(_("Please agree to the privacy notice."), field="consent")
    return email


def register_for_event(
    *,
    event: Event,
    name: str,
    email: str,
    seats: int,
    consent: bool,
    answers: dict[str, str] | None = None,
    join_waiting_list: bool = False,
    language: str = "de",
    assisted_by: User | None = None,
) -> Registration:
    """Register a visitor (no account needed) and send the confirmation.

    Contract: the places are taken with a conditional UPDATE, so the capacity
    is never exceeded. Raises :class:`RegistrationError` (nothing saved) for a
    closed window, a repeated e-mail, too many places or bad input, and
    :class:`EventFullError` when the places do not fit, unless
    ``join_waiting_list`` — then the registration waits with its group size.
    ``assisted_by`` (staff or the organiser) records a registration taken by
    phone or at the desk: it may leave out the e-mail and consent (given orally).
    An event with ``confirmation_required`` holds the places of a visitor's
    registration (status *pending*) until :func:`hold_deadline`; holds not
    confirmed in time are released first, so their places reach the waiting list
    before a newcomer.
    Side effects: an e-mail with the calendar file (or the request to confirm)
    and the personal link.
    """
    email = _validate_registration(
        event, name=name, email=email, seats=seats, consent=consent, staff=assisted_by is not None
    )
    if event.confirmation_required:
        expire_overdue_holds(event_id=event.pk)
    questions = event.question_list()
    answers = {q: str((answers or {}).get(q, "")).strip()[:500] for q in questions}
    try:
        with transaction.atomic():
            if email and event.registrations.active().filter(email=email).exists():
                raise RegistrationError(
                    _(
                        "This e-mail address is already registered for this event. "
                        "Please use the link in your confirmation e-mail to change it."
                    ),
                    field="email",
                )
            now = timezone.now()
            confirm_by = None
            if not _take_seats(event, seats):
                status = None
            elif event.confirmation_required and assisted_by is None:
                # The places are held for the registrant until the deadline.
                status = Registration.Status.PENDING
                confirm_by = hold_deadline(event, now)
            else:
                status = Registration.Status.CONFIRMED
            if status is None and join_waiting_list:
                status = Registration.Status.WAITING
            elif status is None:
                raise EventFullError(
                    _("There are not enough places left. You can join the waiting list.")
                )
            registration = Registration.objects.create(
                event=event,
                name=name.strip()[:150],
                email=email,
                seats=seats,
                answers=answers,
                consent_at=now if consent else None,
                status=status,
                language=language if language in {"de", "en"} else "de",
                assisted=assisted_by is not None,
                registered_by=assisted_by,
                confirmed_at=now if status == Registration.Status.CONFIRMED else None,
                confirm_by=confirm_by,
            )
            event.refresh_from_db(fields=["seats_taken"])
            _send_registration_mail(registration, kind=status)
            invalidate_public_pages(slugs=[event.slug], feeds=False)
    except IntegrityError as exc:
        # The same e-mail registered by a parallel request a moment ago.
        raise RegistrationError(
            _("This e-mail address is already registered for this event."), field="email"
        ) from exc
    return registration


def _send_registration_mail(registration: Registration, *, kind: str) -> None:
    if not registration.email:
        return
    attachments = []
    if kind == "promoted" and registration.status == Registration.Status.PENDING:
        kind = "promoted_pending"
    if registration.status == Registration.Status.CONFIRMED:
        attachments.append(_invitation(registration))
    elif registration.status == Registration.Status.CANCELLED:
        attachments.append(_invitation(registration, cancel=True))
    template = {
        Registration.Status.PENDING: "registration_pending",
        "promoted_pending": "registration_promoted_pending",
        Registration.Status.CONFIRMED: "registration_confirmed",
        Registration.Status.WAITING: "registration_waiting",
        Registration.Status.CANCELLED: "registration_cancelled",
        "promoted": "registration_promoted",
    }[kind]
    queue_templated_email(
        template=f"events/email/{template}",
        context={
            "registration": registration,
            "event": registration.event,
            "link": settings.SITE_URL + registration.get_absolute_url(),
        },
        to=[registration.email],
        language=registration.language,
        ref=f"events.registration:{registration.pk}",
        kind=template,
        attachments=attachments,
    )


def cancel_registration(
    *, registration: Registration, actor: User | None = None, notify: bool = True
) -> Registration:
    """Cancel a registration or leave the waiting list; freed places go to the waiting list.

    Runs under a row lock of the event: the places are given back and the
    first waiting entries that fit are promoted in the same transaction, so no
    newcomer can slip in between. Idempotent for an already cancelled one.
    ``notify=False`` (the person is erasing their account) sends them no e-mail.
    """
    with transaction.atomic():
        lock(SEATS_LOCK, registration.event_id)
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        locked = Registration.objects.select_for_update().get(pk=registration.pk)
        if locked.status == Registration.Status.CANCELLED:
            return locked
        was_confirmed = locked.holds_places
        locked.status = Registration.Status.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["status", "cancelled_at"])
        locked.event = event
        if was_confirmed:
            Event.objects.filter(pk=event.pk).update(seats_taken=F("seats_taken") - locked.seats)
            event.refresh_from_db(fields=["seats_taken"])
            _promote_waiting_list(event)
        if notify:
            _send_registration_mail(locked, kind=Registration.Status.CANCELLED)
        invalidate_public_pages(slugs=[event.slug], feeds=False)
    return locked


def _promote_waiting_list(event: Event) -> list[Registration]:
    """Give free places to waiting entries, first come first served, first that fits.

    An entry too large for the places left is skipped (and recorded in the
    log), the next one that fits is promoted; repeated until nothing fits.
    Call inside a transaction holding the event's row lock.
    """
    if event.start <= timezone.now() or event.status == Event.Status.CANCELLED:
        return []
    promoted: list[Registration] = []
    skipped: list[int] = []
    for entry in Registration.objects.filter(event=event).waiting().select_for_update():
        event.refresh_from_db(fields=["seats_taken", "capacity"])
        free = None if event.capacity is None else event.capacity - event.seats_taken
        if free is not None and free <= 0:
            break
        if not _take_seats(event, entry.seats):
            skipped.append(entry.pk)
            continue
        now = timezone.now()
        if event.confirmation_required and not entry.assisted:
            # The places are held for the entry; its registrant confirms them in time.
            entry.status = Registration.Status.PENDING
            entry.confirm_by = hold_deadline(event, now)
        else:
            entry.status = Registration.Status.CONFIRMED
            entry.confirmed_at = now
        entry.save(update_fields=["status", "confirmed_at", "confirm_by"])
        entry.event = event
        log_activity(
            obj=event,
            action_type=PROMOTED,
            data={
                "registration": entry.pk,
                "seats": entry.seats,
                "seats_free_before": free if free is not None else 0,
                "skipped": list(skipped),
            },
        )
        logger.info(
            "Promoted registration %s (%s places) on event %s", entry.pk, entry.seats, event.pk
        )
        _send_registration_mail(entry, kind="promoted")
        promoted.append(entry)
    return promoted


def hold_deadline(event: Event, now: dt.datetime) -> dt.datetime:
    """Until when a registration holds its places unconfirmed: ``EVENT_REGISTRATION_HOLD_HOURS``
    (default 24) from now, never beyond the event's start."""
    return min(now + dt.timedelta(hours=event.hold_hours), event.start)


def confirm_registration(*, registration: Registration) -> Registration:
    """The registrant confirms a held registration through their personal link.

    Contract: a hold confirmed before its deadline becomes a normal registration
    (its places were taken when it was made, so nothing can overbook); one whose
    deadline has passed is released first and :class:`RegistrationError` says so.
    Idempotent for a registration that is already confirmed. Runs under the lock of
    the event's places, so a confirmation and the expiry of the same hold never
    both happen.
    Side effects: the confirmation e-mail with the calendar invitation.
    """
    expire_overdue_holds(event_id=registration.event_id)
    with transaction.atomic():
        lock(SEATS_LOCK, registration.event_id)
        now = timezone.now()
        if Event.objects.filter(pk=registration.event_id, status=Event.Status.CANCELLED).exists():
            raise RegistrationError(_("This event has been cancelled."))
        confirmed = Registration.objects.filter(
            pk=registration.pk, status=Registration.Status.PENDING, confirm_by__gt=now
        ).update(status=Registration.Status.CONFIRMED, confirmed_at=now)
        locked = Registration.objects.select_related("event").get(pk=registration.pk)
        if not confirmed:
            if locked.status == Registration.Status.CONFIRMED:
                return locked
            if locked.hold_expired:
                raise RegistrationError(
                    _(
                        "The time to confirm has passed and the places have gone to the "
                        "waiting list. You are welcome to register again."
                    )
                )
            raise RegistrationError(_("This registration cannot be confirmed."))
        _send_registration_mail(locked, kind=Registration.Status.CONFIRMED)
        invalidate_public_pages(slugs=[locked.event.slug], feeds=False)
    return locked


def expire_overdue_holds(*, event_id: int | None = None, now: dt.datetime | None = None) -> int:
    """Release the places of holds not confirmed in time and give them to the waiting list.

    Runs from the periodic task (every event) and lazily before pages that show or
    change one event's places (``event_id``). Each event in its own transaction
    under the lock of its places and its row lock, like cancellations: the freed
    places go to the waiting list first come, first served, in the same
    transaction, so no newcomer slips in between. The released registrations are
    cancelled with ``hold_expired`` (the registrant sees "not confirmed in time");
    no e-mail goes to an address nobody confirmed. Idempotent; returns how many
    holds were released.
    """
    now = now or timezone.now()
    overdue = Registration.objects.overdue(now)
    if event_id is not None:
        overdue = overdue.filter(event_id=event_id)
    released = 0
    for pk in sorted(set(overdue.values_list("event_id", flat=True))):
        with transaction.atomic():
            lock(SEATS_LOCK, pk)
            event = Event.objects.select_for_update().get(pk=pk)
            holds = list(Registration.objects.filter(event_id=pk).overdue(now).select_for_update())
            if not holds:
                continue  # another sweep or the registrant was faster
            Registration.objects.filter(pk__in=[h.pk for h in holds]).update(
                status=Registration.Status.CANCELLED, cancelled_at=now, hold_expired=True
            )
            seats = sum(h.seats for h in holds)
            Event.objects.filter(pk=pk).update(seats_taken=F("seats_taken") - seats)
            event.refresh_from_db(fields=["seats_taken"])
            log_activity(
                obj=event,
                action_type=HOLD_EXPIRED,
                data={"count": len(holds), "registrations": [h.pk for h in holds], "seats": seats},
            )
            _promote_waiting_list(event)
            invalidate_public_pages(slugs=[event.slug], feeds=False)
            released += len(holds)
    if released:
        logger.info("Released %d unconfirmed registrations", released)
    return released


def set_attendance(*, registration: Registration, attended: bool) -> Registration:
    """Tick a registrant off on the check-in list (or undo it)."""
    with transaction.atomic():
        Registration.objects.filter(pk=registration.pk).update(attended=attended)
        registration.attended = attended
    return registration


def email_participants(
    *, actor: User, event: Event, subject: str, message: str, include_waiting: bool = False
) -> int:
    """Write to everybody registered (one outbox e-mail each, so no address leaks).

    Returns the number of e-mails queued.
    """
    statuses = [Registration.Status.CONFIRMED]
    if include_waiting:
        statuses.append(Registration.Status.WAITING)
    count = 0
    with transaction.atomic():
        recipients = event.registrations.filter(status__in=statuses).exclude(email="")
        for registration in recipients:
            registration.event = event
            queue_templated_email(
                template="events/email/organiser_message",
                context={
                    "registration": registration,
                    "event": event,
                    "subject": subject,
                    "message": message,
                    "link": settings.SITE_URL + registration.get_absolute_url(),
                },
                to=[registration.email],
                language=registration.language,
                ref=f"events.registration:{registration.pk}",
                kind="organiser_message",
                reply_to=event.contact_email,
                created_by=actor,
            )
            count += 1
    return count


def anonymise_past_registrations(*, now: dt.datetime | None = None, days: int | None = None) -> int:
    """Erase names, e-mails and answers of registrations ``days`` after their event (DSGVO),
    and the content of the e-mails sent to them (:func:`house.services.purge_emails`).

    The rows stay with their status, places and attendance, so the reports
    keep their counts. Idempotent. Returns the number of registrations erased.
    """
    now = now or timezone.now()
    if days is None:
        days = int(getattr(settings, "EVENT_REGISTRATION_RETENTION_DAYS", 90))
    cutoff = now - dt.timedelta(days=days)
    with transaction.atomic():
        events = Event.objects.filter(end__lt=cutoff, registrations_anonymised_at__isnull=True)
        event_ids = list(events.values_list("pk", flat=True))
        registrations = Registration.objects.filter(event_id__in=event_ids, anonymised=False)
        refs = [f"events.registration:{pk}" for pk in registrations.values_list("pk", flat=True)]
        erased = registrations.update(name="", email="", answers={}, anonymised=True)
        # The e-mails to the registrants quote their names and personal links.
        purge_emails_about(refs=refs, now=now)
        Event.objects.filter(pk__in=event_ids).update(registrations_anonymised_at=now)
    if erased:
        logger.info("Anonymised %d registrations of %d past events", erased, len(event_ids))
    return erased
