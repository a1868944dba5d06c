"""Invoices as German law asks (§ 14 (4) UStG) and kept unchanged once issued (GoBD)."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.models import ActivityLog, OutboxEmail
from rooms.billing.models import BillingSettings, ImmutableRecordError, Invoice, InvoiceLine
from rooms.billing.services import (
    BillingError,
    cancel_invoice,
    correct_invoice,
    issue_invoice,
    record_payment,
)
from rooms.models import Booking

pytestmark = pytest.mark.django_db


def test_an_invoice_states_everything_the_vat_act_asks_for(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)

    year = timezone.localdate().year
    assert invoice.number == f"RE-{year}-00001"
    assert (invoice.year, invoice.sequence) == (year, 1)
    assert invoice.issuer_name == "Treppe 4 e.V."
    assert invoice.issuer_address  # the house's address from its profile
    assert invoice.issuer_tax_number == "026 250 12345"
    assert invoice.issuer_vat_id == "DE123456789"
    assert invoice.recipient_name == booking.organisation.name
    assert "Königsstraße 1" in invoice.recipient_address
    assert "34117 Kassel" in invoice.recipient_address
    assert invoice.recipient_email == "buchung@firma.example"
    assert invoice.issued_on == timezone.localdate()
    assert invoice.service_date == timezone.localtime(booking.start).date()
    assert invoice.due_on == invoice.issued_on + dt.timedelta(days=14)
    quote = booking.frozen_quote()
    lines = list(invoice.lines.all())
    assert [(line.description, line.net) for line in lines] == [
        (q.label, q.amount) for q in quote.lines
    ]
    assert all(line.vat_rate == Decimal("19.00") for line in lines)
    assert (invoice.net, invoice.vat, invoice.gross) == (booking.net, booking.vat, booking.gross)
    [group] = invoice.vat_groups()
    assert (group.rate, group.net, group.vat) == (Decimal("19.00"), invoice.net, invoice.vat)
    assert invoice.vat_exempt is False


def test_issuing_sends_the_pdf_to_the_booker_and_logs_it(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)

    email = OutboxEmail.objects.get(ref=f"billing-invoice-{invoice.pk}")
    assert email.to == ["buchung@firma.example"]
    assert invoice.number in email.subject
    [attachment] = email.attachments
    assert attachment["filename"] == f"{invoice.number}.pdf"
    assert base64.b64decode(attachment["content"]).startswith(b"%PDF")
    [entry] = ActivityLog.objects.for_object(invoice)
    assert entry.action_type == "billing.invoice.issued"
    assert entry.actor == manager


def test_the_sent_e_mail_carries_the_pdf_as_a_file(issuer, booking, manager, mailoutbox):
    from house.services import send_outbox_email

    invoice = issue_invoice(booking=booking, actor=manager)
    email = OutboxEmail.objects.get(ref=f"billing-invoice-{invoice.pk}")
    assert send_outbox_email(email_id=email.pk) is True

    [message] = mailoutbox
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"{invoice.number}.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
    assert invoice.number.encode() in content


def test_numbers_run_on_without_gaps_and_restart_each_year(issuer, make_booking, manager):
    first = issue_invoice(booking=make_booking(), actor=manager, issued_on=dt.date(2026, 12, 30))
    second = issue_invoice(booking=make_booking(), actor=manager, issued_on=dt.date(2026, 12, 31))
    third = issue_invoice(booking=make_booking(), actor=manager, issued_on=dt.date(2027, 1, 2))
    assert [first.number, second.number, third.number] == [
        "RE-2026-00001",
        "RE-2026-00002",
        "RE-2027-00001",
    ]


def test_an_invoice_cannot_be_dated_before_the_last_one(issuer, make_booking, manager):
    issue_invoice(booking=make_booking(), actor=manager, issued_on=dt.date(2026, 6, 2))
    with pytest.raises(BillingError, match="nicht vor"):
        issue_invoice(booking=make_booking(), actor=manager, issued_on=dt.date(2026, 6, 1))
    assert Invoice.objects.count() == 1


def test_a_failed_issue_takes_no_number(issuer, make_booking, manager):
    booking = make_booking()
    issue_invoice(booking=booking, actor=manager)
    with pytest.raises(BillingError):
        issue_invoice(booking=booking, actor=manager)  # already invoiced
    following = issue_invoice(booking=make_booking(), actor=manager)
    assert following.sequence == 2


def test_only_confirmed_bookings_with_a_price_are_invoiced(issuer, booking, manager):
    Booking.objects.filter(pk=booking.pk).update(state=Booking.State.CANCELLED)
    with pytest.raises(BillingError, match="bestätigte Buchungen"):
        issue_invoice(booking=booking, actor=manager)
    Booking.objects.filter(pk=booking.pk).update(state=Booking.State.CONFIRMED, gross=0)
    with pytest.raises(BillingError):
        issue_invoice(booking=booking, actor=manager)
    assert not Invoice.objects.exists()


def test_services_at_zero_vat_carry_the_exemption_note(issuer, booking, manager):
    quote = dict(booking.quote, vat_rate="0", vat="0.00", gross=booking.quote["net"])
    Booking.objects.filter(pk=booking.pk).update(quote=quote, vat=0, gross=booking.net)
    booking.refresh_from_db()
    invoice = issue_invoice(booking=booking, actor=manager)
    assert invoice.vat_exempt is True
    assert invoice.vat == 0
    assert invoice.gross == invoice.net
    assert invoice.exemption_note == BillingSettings.current().exemption_note
    assert "§ 4 Nr. 12" in invoice.exemption_note


def test_a_private_booker_is_invoiced_by_name(issuer, make_booking, manager):
    from tests.factories import UserFactory

    person = UserFactory(name="Petra Privat", email="petra@example.org")
    booking = make_booking(
        organisation=None, person=person, contact_name="Petra Privat", contact_email=""
    )
    invoice = issue_invoice(booking=booking, actor=manager)
    assert invoice.organisation is None
    assert invoice.recipient_name == "Petra Privat"
    assert invoice.recipient_email == "petra@example.org"


# --- immutable once issued ---------------------------------------------------


def test_an_issued_invoice_cannot_be_changed_or_deleted(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    invoice.gross = Decimal("1.00")
    with pytest.raises(ImmutableRecordError):
        invoice.save()
    with pytest.raises(ImmutableRecordError):
        invoice.delete()
    line = invoice.lines.first()
    line.net = Decimal("0.01")
    with pytest.raises(ImmutableRecordError):
        line.save()
    with pytest.raises(ImmutableRecordError):
        line.delete()
    fresh = Invoice.objects.get(pk=invoice.pk)
    assert fresh.gross == booking.gross
    assert InvoiceLine.objects.filter(invoice=invoice).count() == len(booking.quote["lines"])


def test_a_cancellation_references_the_original_and_negates_it(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    cancellation = cancel_invoice(invoice=invoice, actor=manager, reason="Falsche Anschrift")

    assert cancellation.kind == Invoice.Kind.CANCELLATION
    assert cancellation.cancels == invoice
    assert cancellation.sequence == invoice.sequence + 1
    assert cancellation.reason == "Falsche Anschrift"
    assert (cancellation.net, cancellation.vat, cancellation.gross) == (
        -invoice.net,
        -invoice.vat,
        -invoice.gross,
    )
    assert [line.net for line in cancellation.lines.all()] == [
        -line.net for line in invoice.lines.all()
    ]
    assert cancellation.recipient_name == invoice.recipient_name
    assert Invoice.objects.with_status().get(pk=invoice.pk).status == Invoice.Status.CANCELLED
    assert cancellation.status == Invoice.Status.SETTLED
    with pytest.raises(BillingError, match="bereits storniert"):
        cancel_invoice(invoice=invoice, actor=manager, reason="Noch einmal")
    with pytest.raises(BillingError):
        cancel_invoice(invoice=cancellation, actor=manager, reason="Storno vom Storno")
    with pytest.raises(BillingError, match="Grund"):
        cancel_invoice(
            invoice=issue_invoice(booking=booking, actor=manager), actor=manager, reason=" "
        )


def test_a_correction_cancels_and_issues_anew_from_the_current_booker(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    organisation = booking.organisation
    type(organisation).objects.filter(pk=organisation.pk).update(street="Neue Straße 5")
    booking.refresh_from_db()

    cancellation, replacement = correct_invoice(
        invoice=invoice, actor=manager, reason="Neue Anschrift"
    )
    assert [invoice.sequence, cancellation.sequence, replacement.sequence] == [1, 2, 3]
    assert "Neue Straße 5" in replacement.recipient_address
    assert "Königsstraße 1" in cancellation.recipient_address  # the original's recipient
    assert list(Invoice.objects.filter(booking=booking).active()) == [replacement]
    assert (
        ActivityLog.objects.for_object(replacement)
        .filter(action_type="billing.invoice.replaces")
        .exists()
    )


# --- payments and status ----------------------------------------------------


def test_the_status_follows_the_payments_and_the_due_date(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    today = timezone.localdate()
    assert invoice.status == Invoice.Status.OPEN
    assert invoice.status_on(invoice.due_on + dt.timedelta(days=1)) == Invoice.Status.OVERDUE

    record_payment(
        invoice=invoice, actor=manager, amount=Decimal("10.00"), paid_on=today, reference="Teil"
    )
    invoice = Invoice.objects.with_status().get(pk=invoice.pk)
    assert invoice.status == Invoice.Status.OPEN
    assert invoice.outstanding == invoice.gross - Decimal("10.00")

    with pytest.raises(BillingError, match="mehr, als noch offen"):
        record_payment(invoice=invoice, actor=manager, amount=invoice.gross, paid_on=today)
    with pytest.raises(BillingError, match="Zukunft"):
        record_payment(
            invoice=invoice,
            actor=manager,
            amount=Decimal("1.00"),
            paid_on=today + dt.timedelta(days=1),
        )
    with pytest.raises(BillingError, match="größer als null"):
        record_payment(invoice=invoice, actor=manager, amount=Decimal("0"), paid_on=today)

    record_payment(
        invoice=invoice, actor=manager, amount=invoice.outstanding, paid_on=today, reference="Rest"
    )
    invoice = Invoice.objects.with_status().get(pk=invoice.pk)
    assert invoice.status == Invoice.Status.PAID
    assert invoice.status_on(invoice.due_on + dt.timedelta(days=30)) == Invoice.Status.PAID
    assert invoice.outstanding == 0
    assert (
        ActivityLog.objects.for_object(invoice)
        .filter(action_type="billing.payment.recorded")
        .count()
        == 2
    )


def test_a_cancellation_takes_no_payment(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    cancellation = cancel_invoice(invoice=invoice, actor=manager, reason="Doppelt")
    with pytest.raises(BillingError):
        record_payment(
            invoice=cancellation,
            actor=manager,
            amount=Decimal("1.00"),
            paid_on=timezone.localdate(),
        )
