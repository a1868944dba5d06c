"""Deciding on a booking: confirming, rejecting, withdrawing and cancelling it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from rooms import activity
from rooms.models import Booking
from rooms.services.booking import _after_commit, _log
from rooms.services.cancellation import cancel_booking
from rooms.services.errors import BookingError

if TYPE_CHECKING:
    from house.models import User

__all__ = [
    "cancel_booking",
    "confirm_booking",
    "reject_booking",
    "withdraw_booking",
    "withdraw_or_cancel_booking",
]


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


def withdraw_or_cancel_booking(
    *, actor: User | None, booking: Booking, reason: str = ""
) -> Booking:
    """The booker gives a booking up: a request is withdrawn, a confirmed booking that has
    not ended yet is cancelled, at the fee its cancellation terms set for today.
    Anything else raises :class:`BookingError`."""
    if booking.state == Booking.State.REQUESTED:
        return withdraw_booking(actor=actor, booking=booking)
    if booking.is_cancellable:
        return cancel_booking(actor=actor, booking=booking, reason=reason, charge_fee=True)
    raise BookingError(
        _("This booking is %(state)s and cannot be changed that way.")
        % {"state": booking.get_state_display()}
    )
