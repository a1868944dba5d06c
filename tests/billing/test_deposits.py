"""Deposits: held, then returned or kept in part with a reason; each step in the history,
shown to the booker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.models import ActivityLog
from rooms.billing.operations.deposits import hold_deposit, settle_deposit
from rooms.billing.operations.models import Deposit
from rooms.billing.services import BillingError

pytestmark = pytest.mark.django_db


@pytest.fixture
def booking(make_booking):
    booking = make_booking()
    booking.deposit = Decimal("100.00")  # the fee rule of the test asks for none
    booking.save(update_fields=["deposit"])
    return booking


def _today() -> dt.date:
    return timezone.localdate()


def test_a_deposit_is_held_then_returned_in_full(booking, manager):
    deposit = hold_deposit(booking=booking, actor=manager, received_on=_today())
    assert (deposit.state, deposit.amount) == (Deposit.State.HELD, Decimal("100.00"))

    settle_deposit(deposit=deposit, actor=manager, settled_on=_today())

    deposit.refresh_from_db()
    assert (deposit.state, deposit.returned_amount) == (Deposit.State.RETURNED, Decimal("100.00"))
    actions = list(ActivityLog.objects.for_object(deposit).values_list("action_type", flat=True))
    assert sorted(actions) == ["billing.deposit.held", "billing.deposit.returned"]


def test_part_of_a_deposit_is_kept_only_with_a_reason(booking, manager):
    deposit = hold_deposit(booking=booking, actor=manager, received_on=_today())
    with pytest.raises(BillingError):
        settle_deposit(deposit=deposit, actor=manager, settled_on=_today(), kept=Decimal("30"))
    with pytest.raises(BillingError):
        settle_deposit(
            deposit=deposit, actor=manager, settled_on=_today(), kept=Decimal("101"), reason="x"
        )

    settle_deposit(
        deposit=deposit, actor=manager, settled_on=_today(), kept=Decimal("30"), reason="Fleck"
    )
    deposit.refresh_from_db()
    assert (deposit.state, deposit.kept_amount, deposit.returned_amount, deposit.reason) == (
        Deposit.State.KEPT,
        Decimal("30.00"),
        Decimal("70.00"),
        "Fleck",
    )
    [entry] = ActivityLog.objects.filter(action_type="billing.deposit.kept")
    assert "30,00" in str(entry.message)
    assert "Fleck" in str(entry.message)


def test_a_settled_deposit_cannot_be_settled_again_nor_held_twice(booking, manager):
    deposit = hold_deposit(booking=booking, actor=manager, received_on=_today())
    with pytest.raises(BillingError):
        hold_deposit(booking=booking, actor=manager, received_on=_today())
    settle_deposit(deposit=deposit, actor=manager, settled_on=_today())
    with pytest.raises(BillingError):
        settle_deposit(
            deposit=deposit, actor=manager, settled_on=_today(), kept=Decimal("1"), reason="x"
        )


def test_no_deposit_for_a_booking_that_asks_for_none_nor_in_the_future(
    make_booking, manager, booking
):
    with pytest.raises(BillingError):
        hold_deposit(booking=make_booking(days=9), actor=manager, received_on=_today())
    with pytest.raises(BillingError):
        hold_deposit(booking=booking, actor=manager, received_on=_today() + dt.timedelta(days=1))
    assert not Deposit.objects.exists()
