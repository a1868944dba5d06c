"""The demo house's invoices: paid, open, overdue and a correction, numbered in date order."""

from __future__ import annotations

import datetime as dt

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


def test_the_demo_runs_the_centres_business(default_fee_rules):
    from django.utils import timezone

    from rooms.billing.operations.datev import datev_csv
    from rooms.billing.operations.models import BankEntry, Deposit, Reminder

    users = house_demo.seed()
    tenants_demo.seed(users=users)
    rooms_demo.seed(users=users)
    demo.seed(users=users)

    invoices = list(Invoice.objects.with_status())
    assert any(invoice.collected_bookings.exists() for invoice in invoices)
    assert any(invoice.status == Invoice.Status.OPEN for invoice in invoices)
    assert Reminder.objects.filter(level=1).exists()
    assert Reminder.objects.filter(level=2).exists()
    assert BankEntry.objects.filter(state=BankEntry.State.MATCHED).count() > 10
    assert BankEntry.objects.unmatched().count() == 2
    assert set(Deposit.objects.values_list("state", flat=True)) == {"returned", "kept"}
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    batch = datev_csv(start=last_month.replace(day=1), end=last_month).decode("cp1252")
    assert len(batch.splitlines()) > 3
