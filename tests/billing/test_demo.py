"""The demo house's invoices: paid, open, overdue and a correction, numbered in date order."""

from __future__ import annotations

import pytest

from house import demo as house_demo
from rooms import demo as rooms_demo
from rooms.billing import demo
from rooms.billing.models import BillingSettings, Invoice
from tenants import demo as tenants_demo

pytestmark = pytest.mark.django_db


def test_the_demo_invoices_tell_a_month_of_business_and_are_idempotent(default_fee_rules):
    users = house_demo.seed()
    tenants_demo.seed(users=users)
    rooms_demo.seed(users=users)

    demo.seed(users=users)
    demo.seed(users=users)

    invoices = list(Invoice.objects.with_status().order_by("sequence"))
    statuses = {invoice.status for invoice in invoices}
    assert {
        Invoice.Status.PAID,
        Invoice.Status.CANCELLED,
        Invoice.Status.SETTLED,
        Invoice.Status.OVERDUE,
    } <= statuses
    assert [i.sequence for i in invoices] == list(range(1, len(invoices) + 1))
    dates = [i.issued_on for i in invoices]
    assert dates == sorted(dates)
    assert BillingSettings.current().has_tax_identity
    assert all(i.issuer_tax_number and i.iban for i in invoices)
