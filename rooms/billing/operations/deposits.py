"""A booking's refundable deposit: received and held, then returned or kept in part.

Each step is written to the deposit's history, which the booker sees on the
invoice page and on their list of invoices (or on the requester's page).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from rooms.billing.operations.models import Deposit
from rooms.billing.services import BOOKING_LOCK, BillingError
from rooms.fees import money

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Booking


def _check_day(day: dt.date) -> None:
    if day > timezone.localdate():
        raise BillingError(_("This cannot be recorded for a future date."))


def hold_deposit(
    *, booking: Booking, actor: User | None, received_on: dt.date, amount: Decimal | None = None
) -> Deposit:
    """Record that the booking's deposit was received (by default the quoted amount)."""
    _check_day(received_on)
    amount = money(booking.deposit if amount is None else amount)
    if amount <= 0:
        raise BillingError(_("This booking asks for no deposit."))
    with transaction.atomic():
        lock(BOOKING_LOCK, booking.pk)
        if Deposit.objects.filter(booking=booking).exists():
            raise BillingError(_("The deposit of this booking is recorded already."))
        deposit = Deposit.objects.create(booking=booking, amount=amount, received_on=received_on)
        log_activity(
            obj=deposit,
            action_type="billing.deposit.held",
            actor=actor,
            data={"amount": f"{amount:.2f}", "on": received_on.isoformat()},
        )
    return deposit


def settle_deposit(
    *,
    deposit: Deposit,
    actor: User | None,
    settled_on: dt.date,
    kept: Decimal = Decimal("0.00"),
    reason: str = "",
) -> Deposit:
    """Return the deposit, keeping ``kept`` of it (with a reason) for damage or cleaning."""
    _check_day(settled_on)
    kept = money(kept)
    reason = reason.strip()
    if kept < 0:
        raise BillingError(_("The amount kept cannot be negative."))
    if kept > 0 and not reason:
        raise BillingError(_("Please give the reason for keeping part of the deposit."))
    with transaction.atomic():
        lock(BOOKING_LOCK, deposit.booking_id)
        current = Deposit.objects.select_for_update().get(pk=deposit.pk)
        if current.state != Deposit.State.HELD:
            raise BillingError(_("This deposit has been settled already."))
        if kept > current.amount:
            raise BillingError(_("More than the deposit cannot be kept."))
        if settled_on < current.received_on:
            raise BillingError(_("A deposit cannot be settled before it was received."))
        current.state = Deposit.State.KEPT if kept > 0 else Deposit.State.RETURNED
        current.kept_amount = kept
        current.reason = reason[:300] if kept > 0 else ""
        current.settled_on = settled_on
        current.save(update_fields=["state", "kept_amount", "reason", "settled_on"])
        if kept > 0:
            log_activity(
                obj=current,
                action_type="billing.deposit.kept",
                actor=actor,
                data={
                    "kept": f"{kept:.2f}",
                    "amount": f"{current.returned_amount:.2f}",
                    "reason": current.reason,
                },
            )
        else:
            log_activity(
                obj=current,
                action_type="billing.deposit.returned",
                actor=actor,
                data={"amount": f"{current.amount:.2f}", "on": settled_on.isoformat()},
            )
    return current
