"""Writes of the conference centre: quoting, booking, deciding and cancelling.

Views, admin actions, commands and tasks call these functions.
Every write runs in its own transaction, records an entry in the activity log
and announces itself after commit through :func:`_after_commit` (the booking
e-mails, written to the outbox).

Conflict safety: the service checks for conflicts first (to name the
conflicting slot and offer alternatives), then inserts one occupancy row per
physical room. Writers of the same room are serialised by a
transaction-level advisory lock (:mod:`house.locks`; SQLite serialises all
writers with IMMEDIATE transactions); the exclusion constraint is the backstop.
A race lost at the database (exclusion violation, deadlock, lock timeout,
recognised by SQLSTATE) is reported as :class:`SlotTakenError`.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateutil import rrule
from django.db import IntegrityError, OperationalError, models, transaction
from django.db.models import F, Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from house import locks
from house.activity import log_activity
from house.dates import bounded_occurrences, latest_date
from house.models import ClosureDay
from house.permissions import can_use_reception
from rooms import activity, availability
from rooms.fees import (
    BookerCategory,
    Purpose,
    Quote,
    Tariff,
    WarningCode,
    classify_organisation,
    compute_quote,
    private_celebration_tenure,
)
from rooms.freshness import forget_booking
from rooms.models import Booking, BookingSeries, FeeRule, Occupancy, Room
from rooms.tokens import new_token

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation

logger = logging.getLogger(__name__)

# Lock order everywhere: the organisation ("rooms.organisation", free monthly quota),
# then its rooms ("rooms.room", ascending), then booking rows (``select_for_update``),
# so writers never wait on each other in a cycle.


def _short_date(value: dt.datetime | dt.date) -> str:
    """A date as the active language writes it (German ``19.11.2026``, English ``11/19/2026``)."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT")


class BookingError(Exception):
    """A booking cannot be made as asked; ``message`` says why in plain language."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        conflicts: list[Occupancy] | None = None,
        alternatives: list[availability.Slot] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.conflicts = conflicts or []
        self.alternatives = alternatives or []


class SlotTakenError(BookingError):
    """Somebody else took the slot a moment ago (exclusion violation, deadlock or lost race)."""

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        super().__init__(
            message
            or _(
                "This slot was just taken by another booking. Please choose another time or room."
            ),
            **kwargs,
        )


@dataclass
class BookingDraft:
    """What somebody wants to book; validated and priced by the services below."""

    room: Room
    start: dt.datetime
    end: dt.datetime
    purpose: str
    attendees: int
    layout: str
    title: str
    organisation: Organisation | None = None
    person: User | None = None
    stated_category: str | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_organisation: str = ""
    extras: list[str] = field(default_factory=list)
    show_title_publicly: bool = False
    internal_note: str = ""
    #: The bookable rooms (with parts) if the caller has them loaded already, as a
    #: booking form has: alternatives to a taken slot are searched among them.
    bookable_rooms: list[Room] | None = None


# --- quoting -----------------------------------------------------------------


def resolve_booker(
    *,
    organisation: Organisation | None,
    person: User | None = None,
    stated_category: str | None = None,
    on: dt.date,
) -> tuple[str, tuple[str, ...]]:
    """The booker category and warnings for the reception.

    Organisations are classified by their kind and exemption notice (see
    :func:`rooms.fees.classify_organisation`). Without an organisation the
    booker is a private person, unless a contact stated a category; a stated
    non-profit category is checked by the reception before it confirms.
    """
    if organisation is not None:
        from house.context_processors import current_house

        house = current_house()
        return classify_organisation(
            kind=organisation.kind,
            city=organisation.city or "",
            has_valid_proof=organisation.has_valid_nonprofit_proof(on),
            has_any_proof=organisation.nonprofit_notice_date is not None,
            house_city=house.city if house else "Kassel",
        )
    if stated_category and stated_category in BookerCategory.values:
        warnings: tuple[str, ...] = ()
        if stated_category in {
            BookerCategory.LOCAL_NONPROFIT,
            BookerCategory.EXTERNAL_NONPROFIT,
            BookerCategory.PUBLIC_SECTOR,
            BookerCategory.TENANT,
        }:
            warnings = (WarningCode.CATEGORY_STATED,)
        return stated_category, warnings
    return BookerCategory.PRIVATE_PERSON, ()


def _quota_used_minutes(
    *, organisation: Organisation | None, start: dt.datetime, exclude: int | None
) -> int:
    """Minutes of tenant bookings the organisation holds in the month of ``start``.

    Summed by the database: an organisation with many bookings in one month
    costs one index range, not a row per booking (the sum runs under the
    organisation's lock while a booking is written).
    """
    if organisation is None:
        return 0
    local = timezone.localtime(start)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    rows = Booking.objects.blocking().filter(
        organisation=organisation,
        booker_category=BookerCategory.TENANT,
        start__gte=month_start,
        start__lt=next_month,
    )
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    total = rows.aggregate(total=Sum(F("end") - F("start"), output_field=models.DurationField()))[
        "total"
    ]
    return int(total.total_seconds() // 60) if total else 0


def _tariff(*, room: Room, start: dt.datetime, category: str, purpose: str) -> Tariff:
    """The fee rule valid on the booking's day, and its tariff. Raises
    :class:`BookingError` when no fee rule applies (house management has not priced
    this kind of use)."""
    day = timezone.localtime(start).date()
    rule = (
        FeeRule.objects.valid_on(day)
        .for_room(room)
        .filter(category=category, purpose=purpose)
        .best_first()
        .first()
    )
    if rule is None:
        raise BookingError(
            _(
                "No tariff covers this use of the room (%(category)s, %(purpose)s). "
                "Please ask the reception."
            )
            % {
                "category": BookerCategory(category).label,
                "purpose": Purpose(purpose).label,
            },
            field="purpose",
        )
    return rule.as_tariff()


def _price(
    tariff: Tariff,
    *,
    start: dt.datetime,
    end: dt.datetime,
    extras: list[str] | tuple[str, ...],
    organisation: Organisation | None,
    warnings: tuple[str, ...],
    exclude_booking_id: int | None = None,
) -> Quote:
    """The quote by ``tariff``: reads the free quota used this month if the tariff has one."""
    used = 0
    if tariff.free_minutes_per_month:
        used = _quota_used_minutes(
            organisation=organisation, start=start, exclude=exclude_booking_id
        )
    minutes = int((end - start).total_seconds() // 60)
    return compute_quote(
        tariff, minutes=minutes, extras=set(extras), quota_used_minutes=used, warnings=warnings
    )


def quote_booking(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    category: str,
    purpose: str,
    extras: list[str] | tuple[str, ...] = (),
    organisation: Organisation | None = None,
    warnings: tuple[str, ...] = (),
    exclude_booking_id: int | None = None,
) -> Quote:
    """The quote for a booking, from the fee rule valid on its day. Reads only.

    Raises :class:`BookingError` when no fee rule applies (house management has not
    priced this kind of use).
    """
    tariff = _tariff(room=room, start=start, category=category, purpose=purpose)
    return _price(
        tariff,
        start=start,
        end=end,
        extras=extras,
        organisation=organisation,
        warnings=warnings,
        exclude_booking_id=exclude_booking_id,
    )


@dataclass(frozen=True)
class _Pricing:
    """What a draft's quote needs that no concurrent booking changes: found before the
    locks are taken, so that only the quota is read while holding them."""

    category: str
    warnings: tuple[str, ...]
    tariff: Tariff


def _pricing(draft: BookingDraft) -> _Pricing:
    category, warnings = resolve_booker(
        organisation=draft.organisation,
        person=draft.person,
        stated_category=draft.stated_category,
        on=timezone.localtime(draft.start).date(),
    )
    tariff = _tariff(room=draft.room, start=draft.start, category=category, purpose=draft.purpose)
    return _Pricing(category=category, warnings=warnings, tariff=tariff)


def _quote_with(draft: BookingDraft, pricing: _Pricing) -> Quote:
    return _price(
        pricing.tariff,
        start=draft.start,
        end=draft.end,
        extras=draft.extras,
        organisation=draft.organisation,
        warnings=pricing.warnings,
    )


def quote_draft(draft: BookingDraft) -> tuple[str, Quote]:
    pricing = _pricing(draft)
    return pricing.category, _quote_with(draft, pricing)


# --- validation --------------------------------------------------------------


def validate_draft(
    draft: BookingDraft,
    *,
    actor: User | None,
    past_reason: str = "",
    check_conflicts: bool = True,
    exclude_booking_id: int | None = None,
) -> None:
    """Raise :class:`BookingError` with a clear message if ``draft`` may not be booked."""
    _validate_time(draft, actor=actor, past_reason=past_reason)
    _validate_use(draft)
    if check_conflicts:
        ensure_free(draft, exclude_booking_id=exclude_booking_id)


def _validate_time(
    draft: BookingDraft,
    *,
    actor: User | None,
    past_reason: str,
    closures: dict[dt.date, ClosureDay] | None = None,
) -> None:
    """``closures``: the closure days of a whole period, loaded once (series); else one query."""
    room = draft.room
    start, end = draft.start, draft.end
    if end <= start:
        raise BookingError(_("The end must be after the start."), field="end")
    staff_override = bool(past_reason.strip()) and actor is not None and can_use_reception(actor)
    if start < timezone.now() and not staff_override:
        raise BookingError(
            _(
                "The start lies in the past. Only the reception can enter past bookings, "
                "with a reason."
            ),
            field="start",
        )
    if not room.is_bookable:
        raise BookingError(_("This room cannot be booked at the moment."), field="room")
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        raise BookingError(
            _("A booking must end on the day it starts; please book each day separately."),
            field="end",
        )
    if local_start.time() < room.opens_at or local_end.time() > room.closes_at:
        raise BookingError(
            _("%(room)s can be booked between %(opens)s and %(closes)s.")
            % {
                "room": room.name,
                "opens": room.opens_at.strftime("%H:%M"),
                "closes": room.closes_at.strftime("%H:%M"),
            },
            field="start",
        )
    if closures is None:
        closure = ClosureDay.objects.filter(date=local_start.date()).first()
    else:
        closure = closures.get(local_start.date())
    if closure is not None:
        raise BookingError(
            _("The house is closed on %(date)s (%(reason)s).")
            % {"date": _short_date(local_start), "reason": closure.reason},
            field="start",
        )
    if local_start.date() > timezone.localdate() + dt.timedelta(days=room.max_advance_days):
        raise BookingError(
            _("%(room)s can be booked at most %(days)s days in advance.")
            % {"room": room.name, "days": room.max_advance_days},
            field="start",
        )


def _validate_use(draft: BookingDraft) -> None:
    room = draft.room
    local_start = timezone.localtime(draft.start)
    capacity = room.capacity_for(draft.layout)
    if capacity == 0:
        raise BookingError(_("This room is not offered in the chosen layout."), field="layout")
    if draft.attendees > capacity:
        raise BookingError(
            _("In this layout the room holds at most %(capacity)s people.")
            % {"capacity": capacity},
            field="attendees",
        )
    if draft.purpose == Purpose.PRIVATE_CELEBRATION:
        if room.is_combined:
            raise BookingError(
                _("Private celebrations are possible in single rooms only, not in combined rooms."),
                field="room",
            )
        tenure = private_celebration_tenure(draft.person, local_start.date())
        if not tenure.qualifies:
            rule = _(
                "Private celebrations are open to people who have volunteered in the house "
                "regularly for more than a year."
            )
            raise BookingError(f"{rule} {tenure.explanation}", field="purpose")


def ensure_free(
    draft: BookingDraft,
    *,
    exclude_booking_id: int | None = None,
    suggest: bool = True,
    occupied: list[Occupancy] | None = None,
) -> None:
    """Raise :class:`BookingError` naming the first conflict if the slot (with buffers) is taken.

    ``suggest=False`` skips the search for alternatives (series planning throws
    them away). ``occupied``: occupancy rows of the room's physical rooms over a
    longer period, loaded once by the caller; they are filtered here in Python
    instead of querying again.
    """
    room = draft.room
    blocked_from, blocked_until = _blocked_span(draft)
    if occupied is None:
        conflicts = availability.conflicting_occupancies(
            room_ids=room.physical_room_ids(),
            blocked_from=blocked_from,
            blocked_until=blocked_until,
            exclude_booking_id=exclude_booking_id,
        )
    else:
        conflicts = [
            row
            for row in occupied
            if row.blocked_from < blocked_until
            and row.blocked_until > blocked_from
            and row.booking_id != exclude_booking_id
        ]
    if conflicts:
        first = conflicts[0]
        busy_from = timezone.localtime(first.blocked_from)
        busy_until = timezone.localtime(first.blocked_until)
        raise BookingError(
            _(
                "%(room)s is already booked from %(start)s to %(end)s "
                "(set-up and tear-down included)."
            )
            % {
                "room": first.room.name,
                "start": f"{_short_date(busy_from)} {busy_from:%H:%M}",
                "end": busy_until.strftime("%H:%M"),
            },
            field="start",
            conflicts=conflicts,
            alternatives=_alternatives(draft) if suggest else [],
        )


def _blocked_span(draft: BookingDraft) -> tuple[dt.datetime, dt.datetime]:
    """What the booking would block: its time with the room's set-up and tear-down."""
    return (
        draft.start - dt.timedelta(minutes=draft.room.setup_minutes),
        draft.end + dt.timedelta(minutes=draft.room.teardown_minutes),
    )


#: Seconds free alternatives to a taken slot are kept; a booking change replaces them.
ALTERNATIVES_SECONDS = 60


def _alternatives(draft: BookingDraft) -> list[availability.Slot]:
    """Free slots instead of the draft's, kept until a booking changes.

    The same refusal is asked for again and again: by the live quote while somebody
    types, and by everyone who wanted a slot that was just taken. A closure day
    entered meanwhile may still be offered for a minute; booking it is refused.
    """
    from rooms.feeds import cached_with_bookings

    key = ":".join(
        [
            "rooms:alternatives",
            str(draft.room.pk),
            draft.start.isoformat(),
            draft.end.isoformat(),
            str(draft.attendees),
            draft.layout,
        ]
    )
    return cached_with_bookings(
        key,
        lambda: availability.suggest_alternatives(
            room=draft.room,
            start=draft.start,
            end=draft.end,
            attendees=draft.attendees,
            layout=draft.layout,
            rooms=draft.bookable_rooms,
        ),
        ALTERNATIVES_SECONDS,
    )


# --- writes ------------------------------------------------------------------


def _lock_rooms(room_ids: list[int]) -> None:
    """Serialise writers per physical room until the transaction ends."""
    locks.lock_many("rooms.room", room_ids)


def _lock_organisation(organisation: Organisation | None) -> None:
    """Serialise one organisation's bookings until the transaction ends.

    Its free monthly quota is read and then used up: two simultaneous requests
    must not both see the quota unused. Taken before the room locks.
    """
    if organisation is not None:
        locks.lock("rooms.organisation", organisation.pk)


def _occupy(booking: Booking) -> None:
    Occupancy.objects.bulk_create(
        [
            Occupancy(
                booking=booking,
                room_id=room_id,
                blocked_from=booking.blocked_from,
                blocked_until=booking.blocked_until,
            )
            for room_id in booking.room.physical_room_ids()
        ]
    )


def _log(
    booking: Booking,
    *,
    actor: User | None,
    action: str,
    changes: dict | None = None,
    note: str = "",
) -> None:
    data: dict[str, Any] = {"changes": changes or {}}
    if note:
        data["note"] = note[:300]
    log_activity(obj=booking, action_type=action, actor=actor, data=data)


def _after_commit(booking: Booking, event: str) -> None:
    """Write the booking's e-mails into the outbox, inside the booking's transaction.

    The outbox rows commit (or roll back) with the change; they are sent after commit.
    Cached pages and feeds showing the booking are made stale once the change commits.
    """
    from rooms.emails import queue_booking_emails

    queue_booking_emails(booking, event)
    forget_booking(booking)


def _create(
    draft: BookingDraft,
    *,
    actor: User | None,
    state: str,
    past_reason: str = "",
    series: BookingSeries | None = None,
) -> Booking:
    """Write one booking. A single booking is checked before any lock, with free
    alternatives for the message, so a slot that is visibly taken costs no waiting
    on the room's lock; a series (``series``) has been planned just before."""
    validate_draft(draft, actor=actor, past_reason=past_reason, check_conflicts=series is None)
    pricing = _pricing(draft)  # the tariff; the quota is read under the locks
    try:
        with transaction.atomic():
            _lock_organisation(draft.organisation)
            _lock_rooms(draft.room.physical_room_ids())
            _ensure_free_under_lock(draft)
            # Priced under the locks: the quota used this month cannot change meanwhile.
            quote = _quote_with(draft, pricing)
            category = pricing.category
            booking = Booking.objects.create(
                room=draft.room,
                series=series,
                state=state,
                start=draft.start,
                end=draft.end,
                setup_minutes=draft.room.setup_minutes,
                teardown_minutes=draft.room.teardown_minutes,
                title=draft.title,
                show_title_publicly=draft.show_title_publicly,
                purpose=draft.purpose,
                booker_category=category,
                organisation=draft.organisation,
                person=draft.person,
                contact_name=draft.contact_name,
                contact_email=draft.contact_email,
                contact_phone=draft.contact_phone,
                contact_organisation=draft.contact_organisation,
                attendees=draft.attendees,
                layout=draft.layout,
                extras=sorted(set(draft.extras)),
                internal_note=draft.internal_note,
                quote=quote.to_json(),
                # Bookers without an organisation's page follow it through a personal link.
                requester_token=new_token() if draft.organisation is None else None,
                net=quote.net,
                vat=quote.vat,
                gross=quote.gross,
                deposit=quote.deposit,
                created_by=actor if actor is not None and actor.is_authenticated else None,
            )
            _occupy(booking)
            _log(
                booking,
                actor=actor,
                action=activity.CREATED,
                changes={"state": state, "gross": str(quote.gross)},
                note=past_reason,
            )
            if state == Booking.State.CONFIRMED:
                _log(booking, actor=actor, action=activity.CONFIRMED)
            _after_commit(booking, state)
    except _TakenWhileWaitingError:
        raise _slot_taken(draft, suggest=series is None) from None
    except (IntegrityError, OperationalError) as exc:
        if locks.is_lost_race(exc):
            raise _slot_taken(draft, suggest=series is None) from exc
        raise
    return booking


class _TakenWhileWaitingError(Exception):
    """Another writer took the slot while this one waited for the room's lock."""


def _ensure_free_under_lock(draft: BookingDraft, *, exclude_booking_id: int | None = None) -> None:
    """The decisive check, made while holding the room's lock: every writer of the room
    waits for it, so it reads room ids only. A slot taken meanwhile raises
    :class:`_TakenWhileWaitingError`; :func:`_slot_taken` names it after the locks are
    released."""
    blocked_from, blocked_until = _blocked_span(draft)
    if availability.busy_room_ids(
        room_ids=draft.room.physical_room_ids(),
        blocked_from=blocked_from,
        blocked_until=blocked_until,
        exclude_booking_id=exclude_booking_id,
    ):
        raise _TakenWhileWaitingError


def _slot_taken(
    draft: BookingDraft, *, suggest: bool, exclude_booking_id: int | None = None
) -> SlotTakenError:
    """The answer to a lost race, read once the locks are released: the bookings in the
    way, and free alternatives unless ``suggest`` is false (a series plans again)."""
    blocked_from, blocked_until = _blocked_span(draft)
    conflicts = availability.conflicting_occupancies(
        room_ids=draft.room.physical_room_ids(),
        blocked_from=blocked_from,
        blocked_until=blocked_until,
        exclude_booking_id=exclude_booking_id,
    )
    return SlotTakenError(
        field="start", conflicts=conflicts, alternatives=_alternatives(draft) if suggest else []
    )


def book_room(*, actor: User, draft: BookingDraft, past_reason: str = "") -> Booking:
    """The reception books on somebody's behalf: the booking is confirmed at once.

    Contract: ``actor`` may use the reception. Raises :class:`BookingError`
    (nothing saved) when the booking is not allowed, :class:`SlotTakenError` when
    another writer won the slot. Side effects: occupancy rows, a log entry,
    an after-commit announcement.
    """
    if not can_use_reception(actor):
        raise PermissionError("only the reception books directly")
    return _create(draft, actor=actor, state=Booking.State.CONFIRMED, past_reason=past_reason)


def request_booking(*, actor: User | None, draft: BookingDraft) -> Booking:
    """A tenant member or an external asks for a room.

    Tenant requests are confirmed at once where house management allows it
    for the room (``Room.auto_confirm_tenants``); everything else waits for
    the reception. The requested slot is held while the request is pending.
    """
    category, _warnings = resolve_booker(
        organisation=draft.organisation,
        person=draft.person,
        stated_category=draft.stated_category,
        on=timezone.localtime(draft.start).date(),
    )
    state = Booking.State.REQUESTED
    if (
        category == BookerCategory.TENANT
        and draft.organisation is not None
        and draft.room.auto_confirm_tenants
        and draft.purpose != Purpose.PRIVATE_CELEBRATION
    ):
        state = Booking.State.CONFIRMED
    return _create(draft, actor=actor, state=state)


def _transition(
    booking: Booking,
    *,
    actor: User | None,
    allowed: tuple[str, ...],
    new: str,
    action: str,
    reason: str = "",
    show_title_publicly: bool | None = None,
) -> Booking:
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.state not in allowed:
            raise BookingError(
                _("This booking is %(state)s and cannot be changed that way.")
                % {"state": locked.get_state_display()}
            )
        old = locked.state
        locked.state = new
        if reason:
            locked.decision_reason = reason[:300]
        if show_title_publicly is not None:
            locked.show_title_publicly = show_title_publicly
        locked.save(update_fields=["state", "decision_reason", "show_title_publicly", "updated_at"])
        if new not in Booking.BLOCKING_STATES:
            locked.occupancies.all().delete()
        _log(locked, actor=actor, action=action, changes={"state": [old, new]}, note=reason)
        _after_commit(locked, new)
    return locked


def confirm_booking(
    *, actor: User, booking: Booking, reason: str = "", show_title_publicly: bool | None = None
) -> Booking:
    """The reception accepts a request. Its slot is already held, so this cannot conflict.

    ``show_title_publicly`` (if given) decides whether the title appears in the
    public room calendar; public requests cannot ask for that themselves.
    """
    return _transition(
        booking,
        actor=actor,
        allowed=(Booking.State.REQUESTED,),
        new=Booking.State.CONFIRMED,
        action=activity.CONFIRMED,
        reason=reason,
        show_title_publicly=show_title_publicly,
    )


def reject_booking(*, actor: User, booking: Booking, reason: str) -> Booking:
    """The reception declines a request with a reason; the slot becomes free."""
    if not reason.strip():
        raise BookingError(_("Please give a reason for the rejection."), field="reason")
    return _transition(
        booking,
        actor=actor,
        allowed=(Booking.State.REQUESTED,),
        new=Booking.State.REJECTED,
        action=activity.REJECTED,
        reason=reason,
    )


def withdraw_booking(*, actor: User | None, booking: Booking) -> Booking:
    return _transition(
        booking,
        actor=actor,
        allowed=(Booking.State.REQUESTED,),
        new=Booking.State.WITHDRAWN,
        action=activity.WITHDRAWN,
    )


def cancel_booking(*, actor: User | None, booking: Booking, reason: str = "") -> Booking:
    """Cancel a confirmed booking; its slot becomes free. The frozen quote stays as it was."""
    return _transition(
        booking,
        actor=actor,
        allowed=(Booking.State.CONFIRMED,),
        new=Booking.State.CANCELLED,
        action=activity.CANCELLED,
        reason=reason,
    )


def withdraw_or_cancel_booking(
    *, actor: User | None, booking: Booking, reason: str = ""
) -> Booking:
    """The booker gives a booking up: a request is withdrawn, a confirmed booking that has
    not ended yet is cancelled. Anything else raises :class:`BookingError`."""
    if booking.state == Booking.State.REQUESTED:
        return withdraw_booking(actor=actor, booking=booking)
    if booking.is_cancellable:
        return cancel_booking(actor=actor, booking=booking, reason=reason)
    raise BookingError(
        _("This booking is %(state)s and cannot be changed that way.")
        % {"state": booking.get_state_display()}
    )


def move_booking(
    *,
    actor: User,
    booking: Booking,
    start: dt.datetime,
    end: dt.datetime,
    reason: str = "",
    room: Room | None = None,
) -> Booking:
    """Move a blocking booking (one occurrence of a series, too) to another time, and to
    another ``room`` if given.

    The new time and room are validated like a new booking (hours, closure days, size
    and layout), ignoring the booking's own slot; the frozen quote is kept (a move does
    not reprice). Logged with the old and new values. The rooms it leaves and the rooms
    it takes are locked, then the booking row is locked and its state checked again
    inside the transaction (organisation → rooms → booking row is the lock order of all
    writers), so a cancellation that committed meanwhile wins and the move is refused.
    """
    if booking.state not in Booking.BLOCKING_STATES:
        raise BookingError(_("Only requested or confirmed bookings can be moved."))
    target = room if room is not None else booking.room
    moved = _draft_of(booking, start=start, end=end, room=target)
    # As for a new booking: a visible conflict is answered before any lock.
    validate_draft(moved, actor=actor, past_reason=reason, exclude_booking_id=booking.pk)
    try:
        with transaction.atomic():
            _lock_rooms(booking.room.physical_room_ids() + target.physical_room_ids())
            locked = Booking.objects.select_for_update().get(pk=booking.pk)
            if locked.state not in Booking.BLOCKING_STATES:
                raise BookingError(_("Only requested or confirmed bookings can be moved."))
            booking.state = locked.state
            _ensure_free_under_lock(moved, exclude_booking_id=booking.pk)
            changes: dict[str, list[str]] = {
                "start": [booking.start.isoformat(), start.isoformat()],
                "end": [booking.end.isoformat(), end.isoformat()],
            }
            forget_booking(booking)  # where it was; _after_commit covers where it goes
            booking.start, booking.end = start, end
            fields = ["start", "end", "updated_at"]
            if target.pk != booking.room_id:
                changes["room"] = [booking.room.name, target.name]
                booking.room = target
                booking.setup_minutes = target.setup_minutes
                booking.teardown_minutes = target.teardown_minutes
                fields += ["room", "setup_minutes", "teardown_minutes"]
            booking.save(update_fields=fields)
            booking.occupancies.all().delete()
            _occupy(booking)
            _log(booking, actor=actor, action=activity.CHANGED, changes=changes, note=reason)
            _after_commit(booking, "changed")
    except _TakenWhileWaitingError:
        raise _slot_taken(moved, suggest=True, exclude_booking_id=booking.pk) from None
    except (IntegrityError, OperationalError) as exc:
        if locks.is_lost_race(exc):
            raise _slot_taken(moved, suggest=True, exclude_booking_id=booking.pk) from exc
        raise
    return booking


def change_booking_details(
    *, actor: User, booking: Booking, title: str, attendees: int, layout: str
) -> Booking:
    """Change the title, size and layout of one booking (one date of a series, too).

    The room must still seat the group in the new layout; the time and the agreed price
    stay. Logged with the old and new values; the booker gets the changed invitation.
    """
    if booking.state not in Booking.BLOCKING_STATES:
        raise BookingError(_("Only requested or confirmed bookings can be changed."))
    title = title.strip()
    if not title:
        raise BookingError(_("Please give the booking a title."), field="title")
    changed = _draft_of(booking, start=booking.start, end=booking.end)
    changed.attendees, changed.layout, changed.title = attendees, layout, title
    _validate_use(changed)
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.state not in Booking.BLOCKING_STATES:
            raise BookingError(_("Only requested or confirmed bookings can be changed."))
        changes = {
            name: [getattr(locked, name), value]
            for name, value in (("title", title), ("attendees", attendees), ("layout", layout))
            if getattr(locked, name) != value
        }
        if not changes:
            return locked
        for name, (_old, value) in changes.items():
            setattr(locked, name, value)
        locked.save(update_fields=[*changes, "updated_at"])
        _log(locked, actor=actor, action=activity.CHANGED, changes=changes)
        _after_commit(locked, "changed")
    return locked


def _draft_of(
    booking: Booking, *, start: dt.datetime, end: dt.datetime, room: Room | None = None
) -> BookingDraft:
    return BookingDraft(
        room=room if room is not None else booking.room,
        start=start,
        end=end,
        purpose=booking.purpose,
        attendees=booking.attendees,
        layout=booking.layout,
        title=booking.title,
        organisation=booking.organisation,
        person=booking.person,
        extras=list(booking.extras),
    )


# --- recurring bookings ------------------------------------------------------

WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


@dataclass(frozen=True)
class Recurrence:
    """Weekly on some weekdays every ``interval`` weeks, or monthly on the n-th weekday.

    ``nth`` 5 means the last such weekday of the month. Ends ``until`` a date or
    after ``count`` occurrences (at most 200).
    """

    freq: str  # "weekly" | "monthly"
    weekdays: tuple[int, ...]
    interval: int = 1
    nth: int | None = None
    until: dt.date | None = None
    count: int | None = None

    def rule(self, first: dt.datetime) -> rrule.rrule:
        naive = timezone.localtime(first).replace(tzinfo=None)
        kwargs: dict[str, Any] = {"dtstart": naive, "interval": max(1, self.interval)}
        if self.until is not None:
            until = min(self.until, latest_date())
            kwargs["until"] = dt.datetime.combine(until, dt.time(23, 59))
        kwargs["count"] = min(self.count or 200, 200) if self.until is None else None
        if self.freq == "monthly":
            nth = -1 if (self.nth or 1) >= 5 else (self.nth or 1)
            kwargs["byweekday"] = [WEEKDAYS[self.weekdays[0]](nth)]
            return rrule.rrule(rrule.MONTHLY, **kwargs)
        kwargs["byweekday"] = [WEEKDAYS[d] for d in self.weekdays]
        return rrule.rrule(rrule.WEEKLY, **kwargs)


@dataclass
class Occurrence:
    start: dt.datetime
    end: dt.datetime
    problem: str = ""


def plan_series(
    draft: BookingDraft, recurrence: Recurrence, *, actor: User | None
) -> list[Occurrence]:
    """Every date of a series in wall-clock time, each with the reason it cannot be booked (if any).

    10:00 stays 10:00 across daylight-saving changes: dates come from the
    rule in naive local time and are made aware one by one.
    """
    duration = draft.end - draft.start
    tz = timezone.get_current_timezone()
    occurrences = [
        Occurrence(timezone.make_aware(naive, tz), timezone.make_aware(naive + duration, tz))
        for naive in bounded_occurrences(recurrence.rule(draft.start), limit=200)
    ]
    if not occurrences:
        return occurrences
    # Two queries for the whole series, whatever its length (the form re-plans
    # on every keystroke): closure days and occupancies of the period.
    room = draft.room
    first, last = occurrences[0], occurrences[-1]
    closures = {
        closure.date: closure
        for closure in ClosureDay.objects.between(
            timezone.localtime(first.start).date(), timezone.localtime(last.end).date()
        )
    }
    occupied = availability.conflicting_occupancies(
        room_ids=room.physical_room_ids(),
        blocked_from=first.start - dt.timedelta(minutes=room.setup_minutes),
        blocked_until=last.end + dt.timedelta(minutes=room.teardown_minutes),
    )
    for occurrence in occurrences:
        dated = _at(draft, occurrence.start, occurrence.end)
        try:
            _validate_time(dated, actor=actor, past_reason="", closures=closures)
            _validate_use(dated)
            ensure_free(dated, suggest=False, occupied=occupied)
        except BookingError as exc:
            occurrence.problem = exc.message
    return occurrences


def _at(draft: BookingDraft, start: dt.datetime, end: dt.datetime) -> BookingDraft:
    from dataclasses import replace

    return replace(draft, start=start, end=end)


def book_series(
    *, actor: User, draft: BookingDraft, recurrence: Recurrence, skip_reason: str = ""
) -> tuple[BookingSeries, list[Booking]]:
    """Book all free dates of a series at once (confirmed, by the reception).

    Dates that cannot be booked are skipped and recorded on the series with
    their reason (and ``skip_reason`` if given). Nothing is saved if a date
    is taken between planning and saving: the caller plans again.
    """
    if not can_use_reception(actor):
        raise PermissionError("only the reception books series")
    plan = plan_series(draft, recurrence, actor=actor)
    if not any(not o.problem for o in plan):
        raise BookingError(_("None of the dates of this series can be booked."))
    with transaction.atomic():
        series = BookingSeries.objects.create(
            rrule=str(recurrence.rule(draft.start)).split("\n")[-1],
            description=draft.title,
            skipped=[
                {
                    "date": timezone.localtime(o.start).date().isoformat(),
                    "reason": o.problem,
                    "note": skip_reason,
                }
                for o in plan
                if o.problem
            ],
            created_by=actor,
        )
        bookings = [
            _create(
                _at(draft, o.start, o.end),
                actor=actor,
                state=Booking.State.CONFIRMED,
                series=series,
            )
            for o in plan
            if not o.problem
        ]
    return series, bookings


def move_series(
    *,
    actor: User,
    series: BookingSeries,
    from_date: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    reason: str = "",
) -> int:
    """Give this and all following dates of a series a new time of day (wall-clock time).

    All or nothing: if one date cannot move (conflict, hours, closure), a
    :class:`BookingError` names it and no date is changed. Returns the number
    of moved bookings.
    """
    tz = timezone.get_current_timezone()
    bookings = list(
        series.bookings.filter(state__in=Booking.BLOCKING_STATES, start__date__gte=from_date)
        .select_related("room", "organisation", "person")
        .order_by("start")
    )
    with transaction.atomic():
        for booking in bookings:
            day = timezone.localtime(booking.start).date()
            start = timezone.make_aware(dt.datetime.combine(day, start_time), tz)
            end = timezone.make_aware(dt.datetime.combine(day, end_time), tz)
            try:
                move_booking(actor=actor, booking=booking, start=start, end=end, reason=reason)
            except BookingError as exc:
                raise BookingError(
                    _("%(date)s: %(problem)s") % {"date": _short_date(day), "problem": exc.message},
                    field=exc.field,
                ) from exc
    return len(bookings)


def cancel_series(
    *,
    actor: User,
    series: BookingSeries,
    from_date: dt.date | None = None,
    until_date: dt.date | None = None,
    reason: str = "",
) -> int:
    """Cancel the series' bookings from ``from_date`` (this and all following) up to ``until_date``.

    Without dates the whole future series is cancelled; with both, a date
    range (holidays). Returns the number of cancelled bookings.
    """
    bookings = series.bookings.filter(state__in=Booking.BLOCKING_STATES, start__gte=timezone.now())
    if from_date is not None:
        bookings = bookings.filter(start__date__gte=from_date)
    if until_date is not None:
        bookings = bookings.filter(start__date__lte=until_date)
    count = 0
    with transaction.atomic():
        for booking in bookings.order_by("start"):
            if booking.state == Booking.State.CONFIRMED:
                cancel_booking(actor=actor, booking=booking, reason=reason)
            else:
                withdraw_booking(actor=actor, booking=booking)
            count += 1
    return count
