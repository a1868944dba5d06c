"""Writing a booking, read top to bottom: who may book how (:func:`book_room`,
:func:`request_booking`), then the steps of :func:`_create` in the order they run
(validate, price, lock, check, write, after commit).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from house import locks
from house.activity import log_activity
from house.permissions import can_use_reception
from rooms import activity, availability
from rooms.fees import BookerCategory, Purpose
from rooms.freshness import forget_booking
from rooms.models import Booking, BookingSeries, Occupancy
from rooms.services.checks import _alternatives, _blocked_span, validate_draft
from rooms.services.drafts import BookingDraft, resolve_booker
from rooms.services.errors import SlotTakenError
from rooms.services.quote import _event_day_quote, _EventDay, _Pricing, _pricing, _quote_with
from rooms.tokens import new_token

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation


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
    at_once = confirms_at_once(draft, category=category)
    state = Booking.State.CONFIRMED if at_once else Booking.State.REQUESTED
    return _create(draft, actor=actor, state=state)


def confirms_at_once(draft: BookingDraft, *, category: str) -> bool:
    """Whether a request of ``draft`` by a booker of ``category`` is confirmed at once:
    a tenant's, where house management allows it for the room, except private
    celebrations. Everything else waits for the reception. Reads nothing."""
    return (
        category == BookerCategory.TENANT
        and draft.organisation is not None
        and draft.room.auto_confirm_tenants
        and draft.purpose != Purpose.PRIVATE_CELEBRATION
    )


def _create(
    draft: BookingDraft,
    *,
    actor: User | None,
    state: str,
    past_reason: str = "",
    series: BookingSeries | None = None,
    event_day: _EventDay | None = None,
) -> Booking:
    """Write one booking, step by step (``event_day``: one day of an event priced once,
    on its first day):

    1. **validate** the draft: its time, its use and (a single booking) a free slot, with
       alternatives for the message, so a slot that is visibly taken costs no waiting on
       the room's lock; a series (``series``) has been planned just before;
    2. **price** it: the booker's tariff (the quota is read under the locks);
    3. **lock** the organisation, then its rooms;
    4. **check** the slot again under the locks (the decisive check);
    5. **write** the booking at its quote, its occupancy rows and its history;
    6. **after commit**: its e-mails into the outbox, stale pages and feeds forgotten.

    A race lost at step 4 or at the database is reported as :class:`SlotTakenError`.
    """
    validate_draft(draft, actor=actor, past_reason=past_reason, check_conflicts=series is None)
    pricing = _pricing(draft)
    try:
        with transaction.atomic():
            _lock_draft(draft)
            _ensure_free_under_lock(draft)
            booking = _write(
                draft,
                pricing=pricing,
                actor=actor,
                state=state,
                past_reason=past_reason,
                series=series,
                event_day=event_day,
            )
            _after_commit(booking, state)
    except _TakenWhileWaitingError:
        raise _slot_taken(draft, suggest=series is None) from None
    except (IntegrityError, OperationalError) as exc:
        if locks.is_lost_race(exc):
            raise _slot_taken(draft, suggest=series is None) from exc
        raise
    return booking


# Lock order everywhere: the organisation ("rooms.organisation", free monthly quota),
# then its rooms ("rooms.room", ascending), then booking rows (``select_for_update``),
# so writers never wait on each other in a cycle.


def _lock_draft(draft: BookingDraft) -> None:
    """Step 3: the organisation's lock, then its rooms' (the lock order above)."""
    _lock_organisation(draft.organisation)
    _lock_rooms(draft.room.physical_room_ids())


def _lock_organisation(organisation: Organisation | None) -> None:
    """Serialise one organisation's bookings until the transaction ends.

    Its free monthly quota is read and then used up: two simultaneous requests
    must not both see the quota unused. Taken before the room locks.
    """
    if organisation is not None:
        locks.lock("rooms.organisation", organisation.pk)


def _lock_rooms(room_ids: list[int]) -> None:
    """Serialise writers per physical room until the transaction ends."""
    locks.lock_many("rooms.room", room_ids)


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


def _write(
    draft: BookingDraft,
    *,
    pricing: _Pricing,
    actor: User | None,
    state: str,
    past_reason: str,
    series: BookingSeries | None,
    event_day: _EventDay | None = None,
) -> Booking:
    """Step 5, under the locks: the booking row at its quote, its occupancy, its history."""
    # Priced under the locks: the quota used this month cannot change meanwhile.
    if event_day is not None and event_day.index > 0:
        quote = _event_day_quote(pricing, event_day)
    else:
        quote = _quote_with(draft, pricing, spans=event_day.spans if event_day else None)
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
    return booking


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
