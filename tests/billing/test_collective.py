"""Collective invoices: per organisation and month as configured, one line per booking,
numbered like every invoice, no booking invoiced twice."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone

from rooms.billing.models import Invoice
from rooms.billing.operations.accounting import update_accounting_settings
from rooms.billing.operations.collective import (
    candidates,
    issue_collective_invoice,
    issue_due_collective_invoices,
    set_preference,
)
from rooms.billing.operations.models import OrganisationBilling
from rooms.billing.services import BillingError, cancel_invoice, issue_invoice

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_bookings(issuer, make_booking):
    first = make_booking(days=7, hour=9, title="Vorstand")
    second = make_booking(days=7, hour=14, organisation=first.organisation, title="Workshop")
    other = make_booking(days=7, hour=11, title="Fremd")
    return first, second, other


def _month(booking):
    return timezone.localtime(booking.start).date().replace(day=1)


def _issued_on(booking):
    return max(timezone.localdate(), _month(booking))


def test_an_organisation_set_to_monthly_gets_one_invoice_with_a_line_per_booking(
    org_bookings, manager
):
    first, second, _other = org_bookings
    set_preference(organisation=first.organisation, collective="monthly", actor=manager)
    month = _month(first)

    assert list(candidates(month)) == [first.organisation]
    invoice = issue_collective_invoice(
        organisation=first.organisation, month=month, actor=manager, issued_on=_issued_on(first)
    )

    lines = list(invoice.lines.all())
    assert len(lines) == 2
    assert "Vorstand" in lines[0].description
    assert "Workshop" in lines[1].description
    assert invoice.gross == first.gross + second.gross
    assert invoice.net == first.net + second.net
    assert invoice.sequence == 1
    assert [link.booking for link in invoice.collected_bookings.order_by("position")] == [
        first,
        second,
    ]
    assert candidates(month) == {}


def test_a_booking_on_a_collective_invoice_cannot_be_invoiced_again(org_bookings, manager):
    first, second, _other = org_bookings
    set_preference(organisation=first.organisation, collective="monthly", actor=manager)
    day_after = timezone.localtime(first.end).date() + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=day_after):
        invoice = issue_collective_invoice(
            organisation=first.organisation, month=_month(first), actor=manager
        )
        with pytest.raises(BillingError):
            issue_invoice(booking=second, actor=manager)
        with pytest.raises(BillingError):
            issue_collective_invoice(
                organisation=first.organisation, month=_month(first), actor=manager
            )

        cancel_invoice(invoice=invoice, actor=manager, reason="Falsche Anschrift")
        again = issue_invoice(booking=second, actor=manager)
    assert again.sequence == 3  # invoice, its cancellation, this one: no gap


def test_the_house_default_applies_unless_the_organisation_says_otherwise(org_bookings, manager):
    first, _second, other = org_bookings
    update_accounting_settings(actor=manager, collective_by_default=True)
    set_preference(organisation=other.organisation, collective="single", actor=manager)

    assert set(candidates(_month(first))) == {first.organisation}
    if timezone.localdate() >= _month(first):
        assert len(issue_due_collective_invoices(month=_month(first), actor=manager)) == 1


def test_an_unknown_preference_is_refused(org_bookings, manager):
    with pytest.raises(BillingError):
        set_preference(
            organisation=org_bookings[0].organisation, collective="weekly", actor=manager
        )
    assert not OrganisationBilling.objects.exists()


def test_a_month_not_begun_is_not_invoiced(org_bookings, manager):
    first = org_bookings[0]
    set_preference(organisation=first.organisation, collective="monthly", actor=manager)
    month = _month(first)
    if month <= timezone.localdate():
        pytest.skip("the bookings fall in the current month")
    with pytest.raises(BillingError):
        issue_collective_invoice(organisation=first.organisation, month=month, actor=manager)
    assert not Invoice.objects.exists()


def test_correcting_a_collective_invoice_issues_the_months_collective_invoice_again(
    org_bookings, manager
):
    from rooms.billing.services import correct_invoice

    first, second, _other = org_bookings
    set_preference(organisation=first.organisation, collective="monthly", actor=manager)
    day_after = timezone.localtime(first.end).date() + dt.timedelta(days=1)
    with mock.patch("django.utils.timezone.localdate", return_value=day_after):
        invoice = issue_collective_invoice(
            organisation=first.organisation, month=_month(first), actor=manager
        )
        cancellation, replacement = correct_invoice(
            invoice=invoice, actor=manager, reason="Anschrift geändert"
        )

    assert cancellation.cancels == invoice
    assert replacement.gross == invoice.gross
    assert [link.booking for link in replacement.collected_bookings.order_by("position")] == [
        first,
        second,
    ]
