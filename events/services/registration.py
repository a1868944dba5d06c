"""Registrations: taking seats, registering and cancelling."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Registration
from events.services.common import (
    SEATS_LOCK,
    EventFullError,
    RegistrationError,
    _take_seats,
    invalidate_public_pages,
)
from events.services.notices import _send_registration_mail
from events.services.waiting_list import _promote_waiting_list, expire_overdue_holds, hold_deadline
from house.formats import format_as
from house.locks import lock

if TYPE_CHECKING:
    from house.models import User


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
