"""Booking e-mails of the conference centre, written into the house outbox.

:func:`queue_booking_emails` is called by ``rooms.services.booking._after_commit`` *inside* the
transaction of the booking change, so each e-mail is an :class:`house.models.OutboxEmail`
row committed (or rolled back) together with the change; the outbox sends it after commit.

Who gets what:

* the **booker** (contact e-mail, else the private booker, else the member who asked) in
  their account language (German for contacts without an account), with the calendar
  invitation: ``METHOD:REQUEST`` for a confirmation or change, ``METHOD:CANCEL`` for a
  cancellation (same UID, higher SEQUENCE);
* the **acting staff member** (the reception person who made the change) a copy in their
  language, without invitation (they are not an attendee).

A series is one recurring event (RRULE in Europe/Berlin wall-clock time plus EXDATEs for
the skipped dates) in one summary e-mail; later changes of single occurrences are sent as
overrides of that event (RECURRENCE-ID). See ``docs/booking-emails.md`` for why.

SEQUENCE is not a separate counter: it is the number of changes and cancellations in the
booking's history in the activity log, so it rises with every change and is the
same in e-mails and feeds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from house.ical import CalendarEntry, build_invitation
from house.models import ActivityLog, OutboxEmail, User
from house.permissions import can_use_reception
from house.services import queue_email, subjects_in_every_language
from rooms import activity
from rooms.activity import SEQUENCE_ACTIONS
from rooms.models import Booking, BookingSeries

if TYPE_CHECKING:
    from house.ical import Method
    from house.models import HouseProfile

logger = logging.getLogger(__name__)


class Kind:
    """The ``OutboxEmail.kind`` of booking e-mails."""

    REQUEST_RECEIVED = "booking_request_received"
    CONFIRMATION = "booking_confirmation"
    CHANGE = "booking_change"
    REJECTION = "booking_rejection"
    WITHDRAWAL = "booking_withdrawal"
    CANCELLATION = "booking_cancellation"
    REMINDER = "booking_reminder"
    SERIES_SUMMARY = "booking_series_summary"


#: Hook events (``rooms.services.booking._after_commit``) → e-mail kind.
EVENT_KINDS = {
    Booking.State.REQUESTED: Kind.REQUEST_RECEIVED,
    Booking.State.CONFIRMED: Kind.CONFIRMATION,
    "changed": Kind.CHANGE,
    Booking.State.REJECTED: Kind.REJECTION,
    Booking.State.WITHDRAWN: Kind.WITHDRAWAL,
    Booking.State.CANCELLED: Kind.CANCELLATION,
}


def booking_ref(booking_id: int) -> str:
    return f"rooms.booking:{booking_id}"


def series_ref(series_id: int) -> str:
    return f"rooms.series:{series_id}"


def uid_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "hausportal.invalid"


def invitation_uid(booking: Booking) -> str:
    """Stable UID of a booking's invitation; occurrences of a series share the series' UID."""
    if booking.series_id:
        return f"series-{booking.series_id}@{uid_domain()}"
    return f"booking-{booking.pk}@{uid_domain()}"


def sequence_of(booking: Booking) -> int:
    """How often the booking was changed or cancelled: its SEQUENCE (uses an annotation if set)."""
    annotated = getattr(booking, "change_count", None)
    if annotated is not None:
        return int(annotated)
    return ActivityLog.objects.for_objects(Booking, [booking.pk]).of_type(*SEQUENCE_ACTIONS).count()


def original_start(booking: Booking) -> dt.datetime:
    """Where a (possibly moved) booking started when it was made: its RECURRENCE-ID in a series."""
    first_move = (
        ActivityLog.objects.for_objects(Booking, [booking.pk])
        .of_type(activity.CHANGED)
        .filter(data__changes__has_key="start")
        .order_by("timestamp", "pk")
        .first()
    )
    if first_move is None:
        return booking.start
    return dt.datetime.fromisoformat(first_move.data["changes"]["start"][0])


def access_notes(booking: Booking) -> list[str]:
    """Plain-language access notes of the booked room (in the active language)."""
    room = booking.room
    notes = []
    if room.floor:
        notes.append(_("Floor: %(floor)s") % {"floor": room.translated("floor")})
    notes.append(
        _("Step-free access.") if room.step_free else _("The room is not step-free accessible.")
    )
    if room.accessible_toilet:
        notes.append(_("An accessible toilet is nearby."))
    if room.induction_loop:
        notes.append(_("The room has an induction loop."))
    notes.append(
        _("Set-up from %(time)s, please leave the room by %(until)s.")
        % {
            "time": timezone.localtime(booking.blocked_from).strftime("%H:%M"),
            "until": timezone.localtime(booking.blocked_until).strftime("%H:%M"),
        }
    )
    return notes


def house_location(house: HouseProfile | None, booking: Booking) -> str:
    if house is None:
        return booking.room.name
    return f"{booking.room.name}, {house.name}, {house.street}, {house.postcode} {house.city}"


def organizer(house: HouseProfile | None) -> tuple[str, str]:
    name = house.name if house else "Hausportal"
    address = (house.email if house and house.email else "") or _address_of_from_email()
    return name, address


def _address_of_from_email() -> str:
    from email.utils import parseaddr

    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "portal@localhost"


# --- recipients ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    is_staff_copy: bool = False


def _language_of(email: str, users: dict[str, User]) -> str:
    user = users.get(email.lower())
    return user.language if user is not None and user.language else "de"


def booker_recipient(booking: Booking) -> Recipient | None:
    """The booker: the stated contact, else the private booker, else the member who asked."""
    email = booking.contact_email
    name = booking.contact_name
    if not email and booking.person_id and booking.person is not None:
        email, name = booking.person.email, booking.person.name
    creator = booking.created_by if booking.created_by_id else None
    if not email and creator is not None and not can_use_reception(creator):
        email, name = creator.email, creator.name
    if not email:
        return None
    users = {u.email.lower(): u for u in User.objects.filter(email__iexact=email)}
    return Recipient(email=email, name=name or email, language=_language_of(email, users))


def staff_recipient(actor: User | None, booker: Recipient | None) -> Recipient | None:
    if actor is None or not actor.email or not can_use_reception(actor):
        return None
    if booker is not None and booker.email.lower() == actor.email.lower():
        return None
    return Recipient(
        email=actor.email,
        name=actor.name or actor.email,
        language=actor.language or "de",
        is_staff_copy=True,
    )


def _last_actor(booking: Booking) -> User | None:
    entry = ActivityLog.objects.for_object(booking).first()
    return entry.actor if entry is not None else None


# --- calendar entries ----------------------------------------------------------------------


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


# --- composing -----------------------------------------------------------------------------


def _subjects(template: str, context: dict) -> dict[str, str]:
    return subjects_in_every_language(f"rooms/email/{template}_subject.txt", context)


def _render(template: str, context: dict, language: str) -> tuple[str, str, str]:
    with translation.override(language):
        subject = render_to_string(f"rooms/email/{template}_subject.txt", context).strip()
        text = render_to_string(f"rooms/email/{template}_body.txt", context)
        html = render_to_string(f"rooms/email/{template}_body.html", context)
    return subject, text, html


def _context(booking: Booking, recipient: Recipient, kind: str) -> dict:
    from house.context_processors import current_house

    house = current_house()
    with translation.override(recipient.language):
        notes = access_notes(booking)
    return {
        "booking": booking,
        "kind": kind,
        "recipient": recipient,
        "house": house,
        "access_notes": notes,
        "start": timezone.localtime(booking.start),
        "end": timezone.localtime(booking.end),
        "site_url": settings.SITE_URL,
        "detail_url": settings.SITE_URL
        + reverse("rooms:reception_booking", kwargs={"pk": booking.pk}),
        # The booker's own page (state, withdraw, cancel); never in the reception's copy.
        "personal_url": (
            settings.SITE_URL + booking.get_requester_url()
            if booking.requester_token and not recipient.is_staff_copy
            else ""
        ),
    }


def queue_booking_emails(booking: Booking, event: str) -> list[OutboxEmail]:
    """Write the e-mails a booking event causes into the outbox (inside the caller's transaction).

    ``event`` is what ``rooms.services.booking._after_commit`` announces: the new state, or
    ``"changed"``. Occurrences created by a series are summed up in one series e-mail.
    Returns the queued rows (empty when nobody can be written to).
    """
    kind = EVENT_KINDS.get(event)
    if kind is None:
        logger.warning("No e-mail for booking event %r", event)
        return []
    booking = (
        Booking.objects.select_related("room", "person", "created_by", "series", "organisation")
        .prefetch_related("room__parts")
        .get(pk=booking.pk)
    )
    actor = _last_actor(booking)
    booker = booker_recipient(booking)
    staff = staff_recipient(actor, booker)
    recipients = [r for r in (booker, staff) if r is not None]
    is_series_creation = (
        booking.series_id is not None
        and kind in (Kind.CONFIRMATION, Kind.REQUEST_RECEIVED)
        and _is_fresh_series_booking(booking)
    )
    rows = []
    for recipient in recipients:
        try:
            with transaction.atomic():  # a savepoint: a broken e-mail never undoes the booking
                if is_series_creation:
                    rows.append(_upsert_series_summary(booking, recipient, actor))
                elif booking.series_id and kind in (Kind.CANCELLATION, Kind.CHANGE):
                    rows.append(_merge_series_update(booking, recipient, kind, actor))
                else:
                    rows.append(_queue_one(booking, recipient, kind, actor))
        except Exception as exc:
            logger.exception("Could not compose the %s e-mail of booking %s", kind, booking.pk)
            rows.append(_record_unsendable(booking, recipient, kind, actor, exc))
    return rows


def _record_unsendable(
    booking: Booking, recipient: Recipient, kind: str, actor: User | None, exc: Exception
) -> OutboxEmail:
    """An e-mail that could not be written is kept as *failed*, so the reception sees it."""
    return OutboxEmail.objects.create(
        to=[recipient.email],
        subject=f"{booking.title} ({kind})"[:255],
        body_text="",
        ref=booking_ref(booking.pk),
        kind=kind,
        language=recipient.language,
        status=OutboxEmail.Status.FAILED,
        last_error=f"Could not compose: {exc.__class__.__name__}: {exc}"[:2000],
        created_by=actor,
    )


def _is_fresh_series_booking(booking: Booking) -> bool:
    """Whether the occurrence is being created with its series (only created/confirmed so far)."""
    actions = set(
        ActivityLog.objects.for_objects(Booking, [booking.pk]).values_list("action_type", flat=True)
    )
    return actions <= {activity.CREATED, activity.CONFIRMED}


def _queue_one(
    booking: Booking, recipient: Recipient, kind: str, actor: User | None
) -> OutboxEmail:
    from house.context_processors import current_house

    house = current_house()
    context = _context(booking, recipient, kind)
    attachments: list[dict[str, str]] = []
    invites = kind in (Kind.CONFIRMATION, Kind.CHANGE) and booking.state == Booking.State.CONFIRMED
    if invites and not recipient.is_staff_copy:
        with translation.override(recipient.language):
            entry = invitation_entry(booking, house=house, attendee=recipient)
        attachments.append(_ics_attachment(build_invitation(entry, method="REQUEST"), "REQUEST"))
    if not recipient.is_staff_copy and kind == Kind.CANCELLATION:
        with translation.override(recipient.language):
            entry = invitation_entry(booking, house=house, attendee=recipient)
        attachments.append(_ics_attachment(build_invitation(entry, method="CANCEL"), "CANCEL"))
    context["has_invitation"] = bool(attachments)
    subject, text, html = _render(kind, context, recipient.language)
    return queue_email(
        to=[recipient.email],
        subject=subject,
        subjects=_subjects(kind, context),
        text=text,
        html=html,
        attachments=attachments,
        ref=booking_ref(booking.pk),
        kind=kind,
        reply_to=house.email if house and house.email else "",
        language=recipient.language,
        created_by=actor,
    )


#: Per connection: the series e-mails written in the running transaction (see below).
_PENDING_ATTR = "_rooms_series_updates"


def _pending_series_updates() -> dict:
    """Series e-mails of the running transaction: (series, kind, address) → row and dates.

    Kept on the database connection and dropped when the transaction commits. After a
    rollback an entry may linger, but its row is gone, which ``_merge_series_update``
    checks before using it.
    """
    from django.db import connection

    pending = getattr(connection, _PENDING_ATTR, None)
    if pending is None:
        pending = {}
        setattr(connection, _PENDING_ATTR, pending)
        transaction.on_commit(lambda: setattr(connection, _PENDING_ATTR, None))
    return pending


def _merge_series_update(
    booking: Booking, recipient: Recipient, kind: str, actor: User | None
) -> OutboxEmail:
    """Changes or cancellations of several dates of one series in one transaction
    (``move_series``, ``cancel_series``) become one e-mail per recipient: one iTIP message
    with an override (RECURRENCE-ID) per date, instead of one e-mail per date."""
    from house.context_processors import current_house

    pending = _pending_series_updates()
    key = (booking.series_id, kind, recipient.email.lower())
    entry = pending.get(key)
    if (
        entry is not None
        and not OutboxEmail.objects.filter(
            pk=entry["pk"], created_at=entry["created_at"], status=OutboxEmail.Status.QUEUED
        ).exists()
    ):
        entry = None  # left over from a transaction that rolled back
    if entry is None:
        row = _queue_one(booking, recipient, kind, actor)
        pending[key] = {"pk": row.pk, "created_at": row.created_at, "ids": [booking.pk]}
        return row
    ids = [*entry["ids"], booking.pk]
    bookings = list(
        Booking.objects.filter(pk__in=ids).select_related("room", "series").order_by("start")
    )
    house = current_house()
    context = _context(bookings[0], recipient, kind)
    context.update(
        occurrences=[(timezone.localtime(b.start), timezone.localtime(b.end)) for b in bookings],
        series=bookings[0].series,
    )
    attachments: list[dict[str, str]] = []
    if not recipient.is_staff_copy:
        method: Method = "CANCEL" if kind == Kind.CANCELLATION else "REQUEST"
        with translation.override(recipient.language):
            entries = [invitation_entry(b, house=house, attendee=recipient) for b in bookings]
        content = build_invitation(entries[0], method=method, overrides=entries[1:])
        attachments.append(_ics_attachment(content, method))
    context["has_invitation"] = bool(attachments)
    template = (
        "booking_series_cancellation" if kind == Kind.CANCELLATION else "booking_series_change"
    )
    subject, text, html = _render(template, context, recipient.language)
    OutboxEmail.objects.filter(pk=entry["pk"], status=OutboxEmail.Status.QUEUED).update(
        subject=subject[:255],
        subjects=_subjects(template, context),
        body_text=text,
        body_html=html,
        attachments=attachments,
        ref=series_ref(bookings[0].series_id or 0),
    )
    entry["ids"] = ids
    return OutboxEmail.objects.get(pk=entry["pk"])


def _upsert_series_summary(
    booking: Booking, recipient: Recipient, actor: User | None
) -> OutboxEmail:
    """One summary per series and recipient, re-rendered as each occurrence is created.

    All occurrences of a series are created in one transaction, so the row is still
    invisible to the outbox workers while it grows; its send task runs after commit.
    """
    from house.context_processors import current_house

    house = current_house()
    series = booking.series
    assert series is not None
    bookings = list(series.bookings.select_related("room").order_by("start"))
    context = _context(bookings[0], recipient, Kind.SERIES_SUMMARY)
    context.update(
        series=series,
        occurrences=[(timezone.localtime(b.start), timezone.localtime(b.end)) for b in bookings],
        skipped=series.skipped,
    )
    attachments: list[dict[str, str]] = []
    if not recipient.is_staff_copy:
        with translation.override(recipient.language):
            entry = series_entry(series, bookings, house=house, attendee=recipient)
        attachments.append(_ics_attachment(build_invitation(entry, method="REQUEST"), "REQUEST"))
    context["has_invitation"] = bool(attachments)
    subject, text, html = _render(Kind.SERIES_SUMMARY, context, recipient.language)
    existing = (
        OutboxEmail.objects.filter(
            ref=series_ref(series.pk),
            kind=Kind.SERIES_SUMMARY,
            status=OutboxEmail.Status.QUEUED,
            to=[recipient.email],
        )
        .order_by("-pk")
        .first()
    )
    if existing is not None:
        existing.subject, existing.body_text, existing.body_html = subject[:255], text, html
        existing.subjects = _subjects(Kind.SERIES_SUMMARY, context)
        existing.attachments = attachments
        existing.save(
            update_fields=["subject", "subjects", "body_text", "body_html", "attachments"]
        )
        return existing
    return queue_email(
        to=[recipient.email],
        subject=subject,
        subjects=_subjects(Kind.SERIES_SUMMARY, context),
        text=text,
        html=html,
        attachments=attachments,
        ref=series_ref(series.pk),
        kind=Kind.SERIES_SUMMARY,
        reply_to=house.email if house and house.email else "",
        language=recipient.language,
        created_by=actor,
    )


# --- reminders -----------------------------------------------------------------------------


def queue_reminders(*, day: dt.date | None = None) -> int:
    """Remind bookers of confirmed bookings on ``day`` (default: tomorrow), once per booking.

    Idempotent: a booking that already has a reminder row is skipped, so the periodic task
    may run more than once a day. Returns the number of e-mails queued.
    """
    day = day or timezone.localdate() + dt.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min), tz)
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min), tz)
    reminded = set(
        OutboxEmail.objects.filter(kind=Kind.REMINDER, ref__startswith="rooms.booking:")
        .filter(Q(created_at__gte=start - dt.timedelta(days=3)))
        .values_list("ref", flat=True)
    )
    bookings = (
        Booking.objects.filter(state=Booking.State.CONFIRMED, start__gte=start, start__lt=end)
        .select_related("room", "person", "created_by")
        .prefetch_related("room__parts")
        .order_by("start")
    )
    count = 0
    for booking in bookings:
        if booking_ref(booking.pk) in reminded:
            continue
        recipient = booker_recipient(booking)
        if recipient is None:
            continue
        with transaction.atomic():
            _queue_one(booking, recipient, Kind.REMINDER, None)
        count += 1
    return count


# --- reads for the reception ---------------------------------------------------------------


def emails_of(booking: Booking):  # -> OutboxEmailQuerySet
    """The outbox rows of a booking (and of its series' summary), newest first."""
    refs = [booking_ref(booking.pk)]
    if booking.series_id:
        refs.append(series_ref(booking.series_id))
    return OutboxEmail.objects.filter(ref__in=refs).select_related("created_by").order_by("-pk")


def send_booking_email_again(*, email: OutboxEmail, booking: Booking, by: User) -> OutboxEmail:
    """Queue a fresh copy of a booking e-mail (staff "send again").

    An e-mail that could not be composed (empty body, see ``_record_unsendable``) is
    composed anew from the booking as it is now; anything else is copied as it was sent.
    Raises whatever composing raises, so the reception sees that the cause persists.
    """
    from house.services import resend_email

    if email.body_text:
        return resend_email(email_id=email.pk, by=by)
    recipient = Recipient(
        email=email.to[0],
        name=booking.contact_name or email.to[0],
        language=email.language,
        is_staff_copy=bool(by.email and by.email.lower() == email.to[0].lower()),
    )
    with transaction.atomic():
        return _queue_one(booking, recipient, email.kind, by)
