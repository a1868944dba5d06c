"""House management's business pages: statements, matching, reminders, deposits, collective
invoices and the export; the reception and bookers may not use them; bookers see deposits."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rooms.billing.models import Payment
from rooms.billing.operations.deposits import hold_deposit, settle_deposit
from rooms.billing.operations.models import BankEntry, BankStatement, Deposit, Reminder
from rooms.billing.services import issue_invoice
from tests.billing.statements import volksbank_csv
from tests.tenants.factories import org_member

pytestmark = pytest.mark.django_db

PAGES = [
    "billing:statements",
    "billing:entries",
    "billing:open_items",
    "billing:deposits",
    "billing:accounting",
    "billing:collective",
]


@pytest.fixture
def invoice(issuer, booking, manager):
    return issue_invoice(booking=booking, actor=manager)


@pytest.mark.parametrize("name", PAGES)
def test_the_pages_are_for_house_management_only(client, name, manager, reception, issuer):
    client.force_login(reception)
    assert client.get(reverse(name)).status_code == 403
    client.force_login(manager)
    assert client.get(reverse(name)).status_code == 200


def test_a_statement_is_uploaded_and_the_rest_matched_by_hand(client, invoice, manager):
    today = timezone.localdate()
    content = volksbank_csv([(today, Decimal("20.00"), "Teil der Rechnung", "Firma Muster")])
    client.force_login(manager)

    response = client.post(
        reverse("billing:statements"),
        {"file": SimpleUploadedFile("umsaetze.csv", content, content_type="text/csv")},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("billing:entries")
    assert "1 neue Gutschriften gelesen, 0 auf ihre Rechnungen gebucht" in response.text
    entry = BankEntry.objects.get()
    assert "Firma Muster" in response.text

    wrong = client.post(
        reverse("billing:match_entry", args=[entry.pk]), {f"e{entry.pk}-number": "RE-1999-00001"}
    )
    assert wrong.status_code == 400
    assert "Es gibt keine Rechnung mit dieser Nummer." in wrong.text

    done = client.post(
        reverse("billing:match_entry", args=[entry.pk]), {f"e{entry.pk}-number": invoice.number}
    )
    assert done.status_code == 302
    assert Payment.objects.get().amount == Decimal("20.00")


def test_a_bad_file_shows_a_german_message_and_saves_nothing(client, manager, issuer):
    client.force_login(manager)
    response = client.post(
        reverse("billing:statements"),
        {
            "file": SimpleUploadedFile(
                "bild.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"
            )
        },
    )
    assert response.status_code == 400
    assert "weder ein CSV-Export noch ein CAMT.053-Kontoauszug" in response.text
    assert not BankStatement.objects.exists()


def test_the_button_sends_due_reminders_once(client, invoice, manager, monkeypatch):
    late = invoice.due_on + dt.timedelta(days=60)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: late)
    client.force_login(manager)

    page = client.get(reverse("billing:open_items"))
    assert invoice.number in page.text
    first = client.post(reverse("billing:send_reminders"), follow=True)
    assert "1 Zahlungserinnerung ist unterwegs." in first.text
    again = client.post(reverse("billing:send_reminders"), follow=True)
    assert "Keine Zahlungserinnerung ist fällig." in again.text
    assert Reminder.objects.count() == 1


def test_deposits_are_recorded_on_the_pages_and_shown_to_the_booker(client, invoice, manager):
    booking = invoice.booking
    booking.deposit = Decimal("150.00")
    booking.save(update_fields=["deposit"])
    client.force_login(manager)
    today = timezone.localdate().isoformat()

    client.post(reverse("billing:hold_deposit", args=[booking.pk]), {"received_on": today})
    deposit = Deposit.objects.get()
    refused = client.post(
        reverse("billing:settle_deposit", args=[deposit.pk]),
        {"settled_on": today, "kept": "40,00", "reason": ""},
        follow=True,
    )
    assert "Bitte geben Sie den Grund an" in refused.text
    client.post(
        reverse("billing:settle_deposit", args=[deposit.pk]),
        {
            "settled_on": today,
            "kept": "40,00",
            "reason": "Beamer-Lampe defekt",
            "next": invoice.get_absolute_url(),
        },
    )
    deposit.refresh_from_db()
    assert (deposit.state, deposit.kept_amount) == (Deposit.State.KEPT, Decimal("40.00"))

    member = org_member(invoice.organisation)
    client.force_login(member.user if hasattr(member, "user") else member)
    detail = client.get(invoice.get_absolute_url())
    assert "Beamer-Lampe defekt" in detail.text
    assert "110,00" in detail.text
    assert "Kaution als erhalten erfassen" not in detail.text
    mine = client.get(reverse("billing:my_invoices"))
    assert "Beamer-Lampe defekt" in mine.text
    assert client.post(reverse("billing:settle_deposit", args=[deposit.pk])).status_code == 403


def test_the_requester_page_shows_the_deposit(client, invoice, manager):
    booking = invoice.booking
    booking.deposit = Decimal("150.00")
    booking.requester_token = "t" * 40
    booking.save(update_fields=["deposit", "requester_token"])
    deposit = hold_deposit(booking=booking, actor=manager, received_on=timezone.localdate())
    settle_deposit(deposit=deposit, actor=manager, settled_on=timezone.localdate())

    page = client.get(reverse("rooms:requester_booking", args=["t" * 40]))
    assert "wurde am" in page.text
    assert "vollständig zurückgezahlt" in page.text


def test_the_export_downloads_a_datev_batch_and_refuses_a_bad_period(client, invoice, manager):
    client.force_login(manager)
    today = timezone.localdate()
    response = client.get(
        reverse("billing:export"),
        {
            "start": today.replace(day=1).isoformat(),
            "end": today.isoformat(),
            "file_format": "datev",
        },
    )
    assert response.status_code == 200
    assert "EXTF_Buchungsstapel_" in response["Content-Disposition"]
    assert response.content.startswith(b'"EXTF";700;21;')
    assert invoice.number.encode() in response.content

    bad = client.get(
        reverse("billing:export"),
        {"start": today.isoformat(), "end": (today - dt.timedelta(days=3)).isoformat()},
        follow=True,
    )
    assert "Bitte geben Sie einen gültigen Zeitraum" in bad.text


def test_accounts_are_set_per_fee_rule_and_validated(client, invoice, manager):
    from rooms.billing.operations.models import AccountingSettings, RevenueAccount
    from rooms.models import FeeRule

    rule = FeeRule.objects.first()
    client.force_login(manager)
    client.post(
        reverse("billing:revenue_account", args=[rule.pk]),
        {f"r{rule.pk}-account": "8338", f"r{rule.pk}-tax_key": "9"},
    )
    assert RevenueAccount.objects.get(fee_rule=rule).account == "8338"
    client.post(
        reverse("billing:revenue_account", args=[rule.pk]),
        {f"r{rule.pk}-account": "84x", f"r{rule.pk}-tax_key": ""},
    )
    assert RevenueAccount.objects.get(fee_rule=rule).account == "8338"

    bad = client.post(
        reverse("billing:accounting_settings"),
        {"first_reminder_days": "-1", "debtor_account": "abc"},
    )
    assert bad.status_code == 400
    assert AccountingSettings.current().debtor_account == "10000"
