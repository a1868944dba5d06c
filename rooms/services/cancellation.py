"""Cancelling a confirmed booking, with the cancellation fee of its fee rule's terms.

The terms are those of the fee rule that priced the booking (the frozen quote names
it). Who pays: the booker who cancels (the organisation's members, the requester's
personal page) and the reception, which may waive the fee with a reason. A booking
cancelled because the house closes pays nothing (``charge_fee=False``, the default).
Each occurrence of a series is a booking of its own: its fee follows its own date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rooms import activity
from rooms.fees.cancellation import CancellationTerms, days_before_start, fee_share
from rooms.models import Booking, CancellationTier
from rooms.services.booking import _after_commit, _log
from rooms.services.errors import BookingError
from rooms.signals import booking_cancelled

if TYPE_CHECKING:
    from house.models import User


def cancellation_terms(booking: Booking) -> CancellationTerms:
    """The terms agreed with the booking: those of the fee rule of its frozen quote."""
    quote = booking.frozen_quote()
    return CancellationTier.objects.terms_of(quote.rule_id if quote is not None else None)


def cancellation_fee(booking: Booking, *, when: dt.datetime | None = None) -> tuple[int, Decimal]:
    """The share in % and the net fee owed if ``booking`` were cancelled at ``when``."""
    days = days_before_start(booking.start, when or timezone.now())
    percent = cancellation_terms(booking).percent_for(days)
    return percent, fee_share(booking.net, percent)


def cancel_booking(
    *,
    actor: User | None,
    booking: Booking,
    reason: str = "",
    charge_fee: bool = False,
    waive_reason: str = "",
) -> Booking:
    """Cancel a confirmed booking; its slot becomes free. The frozen quote stays as it was.

    With ``charge_fee`` the booking's cancellation terms decide the fee at this moment;
    ``waive_reason`` (the reception's) records the fee that was due and charges nothing.
    """
    waive_reason = waive_reason.strip()[:300]
    with transaction.atomic():
        locked = Booking.objects.select_for_update().get(pk=booking.pk)
        if locked.state != Booking.State.CONFIRMED:
            raise BookingError(
                _("This booking is %(state)s and cannot be changed that way.")
                % {"state": locked.get_state_display()}
            )
        changes: dict[str, list] = {"state": [locked.state, Booking.State.CANCELLED]}
        locked.state = Booking.State.CANCELLED
        if reason:
            locked.decision_reason = reason[:300]
        if charge_fee:
            percent, fee = cancellation_fee(locked)
            locked.cancellation_percent = percent
            locked.cancellation_fee = Decimal(0) if waive_reason else fee
            locked.cancellation_fee_waiver = waive_reason if fee else ""
            if fee:
                changes["cancellation_percent"] = [None, percent]
                changes["cancellation_fee"] = [None, f"{locked.cancellation_fee:.2f}"]
                if waive_reason:
                    changes["waiver"] = [None, waive_reason]
        locked.save(
            update_fields=[
                "state",
                "decision_reason",
                "cancellation_percent",
                "cancellation_fee",
                "cancellation_fee_waiver",
                "updated_at",
            ]
        )
        locked.occupancies.all().delete()
        _log(locked, actor=actor, action=activity.CANCELLED, changes=changes, note=reason)
        booking_cancelled.send(sender=Booking, booking=locked, actor=actor)
        _after_commit(locked, Booking.State.CANCELLED)
    return locked
