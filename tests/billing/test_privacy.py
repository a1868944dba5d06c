"""Invoices are exported to the person they name and survive the erasure of the account."""

from __future__ import annotations

import pytest
from django.utils import timezone

from house.privacy import retained_records
from house.services import delete_account, export_personal_data
from rooms.billing.models import Invoice, Payment
from rooms.billing.services import issue_invoice, record_payment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_invoices_are_exported_and_kept_after_erasure(
    issuer, make_booking, manager, django_capture_on_commit_callbacks
):
    person = UserFactory(name="Petra Privat", email="petra@example.org")
    invoice = issue_invoice(
        booking=make_booking(organisation=None, person=person, contact_name="Petra Privat"),
        actor=manager,
    )
    record_payment(
        invoice=invoice, actor=manager, amount=invoice.gross, paid_on=timezone.localdate()
    )

    exported = export_personal_data(user=person)["invoices"]
    assert [entry["number"] for entry in exported] == [invoice.number]
    assert exported[0]["recipient_name"] == "Petra Privat"
    assert exported[0]["payments"][0]["amount"] == str(invoice.gross)

    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user=person)

    kept = Invoice.objects.get(pk=invoice.pk)
    assert kept.recipient_name == "Petra Privat"
    assert kept.gross == invoice.gross
    assert Payment.objects.filter(invoice=kept).count() == 1


def test_the_kept_invoices_are_listed_with_their_reason():
    kept = {
        record.model: str(record.reason) for key, record in retained_records() if key == "billing"
    }
    assert set(kept) == {
        "billing.Invoice",
        "billing.Payment",
        "billing.BankEntry",
        "billing.Deposit",
    }
    assert "§ 147 AO" in kept["billing.Invoice"]


def test_the_e_invoice_facts_hold_nothing_of_the_person(issuer, make_booking, manager):
    from django.forms.models import model_to_dict

    from rooms.billing.einvoice.models import EInvoiceFacts

    marker = "Kanarienvogel Privatperson"
    person = UserFactory(name=marker, email="kanari@example.org")
    invoice = issue_invoice(
        booking=make_booking(
            organisation=None, person=person, contact_name=marker, contact_email=person.email
        ),
        actor=manager,
    )
    facts = model_to_dict(EInvoiceFacts.objects.get(invoice=invoice))
    assert marker not in str(facts)
    assert person.email not in str(facts)
