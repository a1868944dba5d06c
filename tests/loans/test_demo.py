"""The demo house's cancellations and equipment: a late fee, a waived fee, the cargo bike
out and due back today; all of it idempotent."""

from __future__ import annotations

import pytest
from django.utils import timezone

from house import demo as house_demo
from rooms import demo as rooms_demo
from rooms.billing import demo as billing_demo
from rooms.billing.models import Invoice
from rooms.demo import cancellations
from rooms.loans import demo
from rooms.loans.models import LendableItem, Loan
from rooms.models import Booking
from tenants import demo as tenants_demo

pytestmark = pytest.mark.django_db


def test_the_demo_cancels_with_a_fee_and_without_and_lends_the_cargo_bike(default_fee_rules):
    users = house_demo.seed()
    tenants_demo.seed(users=users)
    rooms_demo.seed(users=users)
    billing_demo.seed(users=users)
    for _ in range(2):
        cancellations.seed(users=users)
        demo.seed(users=users)

    decided = Booking.objects.filter(cancellation_percent__isnull=False)
    assert decided.count() == 2
    charged = decided.get(cancellation_fee__gt=0)
    waived = decided.get(cancellation_fee=0)
    assert waived.cancellation_fee_waiver
    fee_invoice = Invoice.objects.get(booking=charged)
    assert fee_invoice.net == charged.cancellation_fee
    numbers = list(Invoice.objects.order_by("sequence").values_list("sequence", flat=True))
    assert numbers == list(range(1, len(numbers) + 1))

    assert LendableItem.objects.count() == 5
    bike = Loan.objects.get(item__name="Lastenrad")
    assert bike.state == Loan.State.OUT
    assert timezone.localtime(bike.ends).date() == timezone.localdate()
    assert Loan.objects.filter(state=Loan.State.RETURNED).exists()
    assert Loan.objects.filter(state=Loan.State.RESERVED).count() == 2
    assert Loan.objects.get(item__name="Beschallungsanlage").net > 0
