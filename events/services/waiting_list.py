"""The waiting list: promotion when seats free up, and holds that expire unless confirmed."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from events.activity import HOLD_EXPIRED, PROMOTED
from events.models import Event, Registration
from events.services.common import (
    SEATS_LOCK,
    RegistrationError,
    _take_seats,
    invalidate_public_pages,
)
from events.services.notices import _send_registration_mail
from house.activity import log_activity
from house.locks import lock

logger = logging.getLogger(__name__)


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
