"""House management invoices a booking, records its payment and corrects an invoice; the
booking organisation reads its invoices. Every page passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from house.roles import Role
from rooms.billing.models import Invoice
from rooms.billing.services import issue_invoice
from tests.billing.factories import chargeable_booking, set_issuer
from tests.e2e.conftest import axe_violations, login, login_staff
from tests.factories import PASSWORD, staff_user
from tests.tenants.factories import org_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "var/e2e-screenshots"))


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"billing-{name}.png"), full_page=True)


@pytest.fixture(autouse=True)
def _patient(page):
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(60_000)


@pytest.fixture
def setup(house, default_fee_rules):
    set_issuer()
    return staff_user(Role.RECEPTION)


def test_house_management_invoices_collects_and_corrects(page, setup):
    booking = chargeable_booking(reception=setup, title="Strategietag")
    manager = staff_user(Role.HOUSE_MANAGEMENT, email="verwaltung@example.org")
    login_staff(page, manager.email, PASSWORD)

    page.goto("/billing/invoices/to-issue/?show=all")
    assert axe_violations(page) == []
    _shot(page, "to-issue")
    page.get_by_role("button", name="Rechnung für „Strategietag“ ausstellen").click()
    page.wait_for_url("**/billing/invoices/*/")
    invoice = Invoice.objects.get(booking=booking)
    assert invoice.number in page.locator("h1").inner_text()

    amount = f"{invoice.gross:.2f}".replace(".", ",")
    page.locator("input[name=amount]").fill(amount)
    page.locator("input[name=reference]").fill(invoice.number)
    page.get_by_role("button", name="Zahlung erfassen").click()
    page.wait_for_load_state()
    assert "Bezahlt" in page.locator("h1").inner_text()
    assert axe_violations(page) == []
    _shot(page, "detail-paid")

    page.locator("input[name=reason]").fill("Falscher Empfänger")
    page.get_by_role("button", name="Stornorechnung ausstellen").click()
    page.wait_for_url("**/billing/invoices/*/")
    assert Invoice.objects.filter(booking=booking).count() == 3

    page.goto("/billing/invoices/")
    assert axe_violations(page) == []
    _shot(page, "list")


def test_a_member_reads_the_organisations_invoices(page, setup):
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    invoice = issue_invoice(booking=chargeable_booking(reception=setup), actor=manager)
    member = org_member(invoice.organisation, user__email="mitglied@example.org")
    login(page, member.email, PASSWORD)

    page.goto("/my-area/")
    page.get_by_role("link", name="Zu meinen Rechnungen").click()
    assert invoice.number in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "mine")
    page.get_by_role("link", name=invoice.number, exact=True).click()
    assert "Zahlung erfassen" not in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_house_management_keeps_a_leitweg_id_and_downloads_the_xrechnung(page, setup):
    from tests.billing.einvoice_factories import LEITWEG_ID, authority

    manager = staff_user(Role.HOUSE_MANAGEMENT, email="verwaltung@example.org")
    district = authority(name="Landkreis Kassel", street="Wilhelmshöher Allee 19")
    login_staff(page, manager.email, PASSWORD)

    page.goto(f"/billing/e-invoice-recipients/{district.pk}/")
    assert axe_violations(page) == []
    page.get_by_label("Öffentlicher Auftraggeber: Rechnungen als XRechnung senden").check()
    page.get_by_label("Leitweg-ID").fill("04011000-1234512345-07")
    page.get_by_role("button", name="Speichern").click()
    assert "Prüfziffern" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "leitweg-refused")
    page.get_by_label("Leitweg-ID").fill(LEITWEG_ID)
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url("**/billing/e-invoice-recipients/")
    assert LEITWEG_ID in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "einvoice-recipients")

    invoice = issue_invoice(
        booking=chargeable_booking(reception=setup, organisation=district), actor=manager
    )
    page.goto(f"/billing/invoices/{invoice.pk}/")
    assert f"XRechnung, Leitweg-ID {LEITWEG_ID}" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "detail-xrechnung")
    with page.expect_download() as caught:
        page.get_by_role("link", name="XRechnung (XML) herunterladen").click()
    download = caught.value
    assert download.suggested_filename == f"{invoice.number}-xrechnung.xml"
    content = Path(download.path()).read_bytes()
    assert f"<ram:BuyerReference>{LEITWEG_ID}</ram:BuyerReference>".encode() in content


def test_house_management_runs_a_month_of_the_centres_business(page, setup):
    import datetime as dt

    from django.utils import timezone

    from rooms.billing.operations.models import BankEntry, Reminder
    from tests.billing.statements import volksbank_csv

    today = timezone.localdate()
    manager = staff_user(Role.HOUSE_MANAGEMENT, email="verwaltung@example.org")
    overdue = issue_invoice(
        booking=chargeable_booking(reception=setup, title="Klausur", days=3),
        actor=manager,
        issued_on=today - dt.timedelta(days=40),
    )
    paid = issue_invoice(booking=chargeable_booking(reception=setup, days=4), actor=manager)
    by_hand = issue_invoice(booking=chargeable_booking(reception=setup, days=5), actor=manager)
    statement = volksbank_csv(
        [
            (today, paid.gross, f"Rechnung {paid.number}", "Firma Eins GmbH"),
            (today, by_hand.gross, "Raummiete Oktober", "Firma Zwei GmbH"),
        ]
    )
    login_staff(page, manager.email, PASSWORD)

    page.goto("/billing/invoices/statements/")
    assert axe_violations(page) == []
    page.locator("input[type=file]").set_input_files(
        {"name": "umsaetze.csv", "mimeType": "text/csv", "buffer": statement}
    )
    page.get_by_role("button", name="Kontoauszug einlesen").click()
    page.wait_for_url("**/statements/to-match/")
    assert "1 auf ihre Rechnungen gebucht, 1 noch zuzuordnen" in page.locator("main").inner_text()
    assert paid.outstanding == 0
    assert axe_violations(page) == []
    _shot(page, "to-match")

    entry = BankEntry.objects.unmatched().get()
    page.locator(f"input[name=e{entry.pk}-number]").fill(by_hand.number)
    page.get_by_role("button", name="Auf diese Rechnung buchen").click()
    page.wait_for_load_state()
    assert "Alle Gutschriften sind zugeordnet." in page.locator("main").inner_text()
    assert by_hand.outstanding == 0

    page.get_by_role("link", name="Offene Posten und Mahnwesen").click()
    assert overdue.number in page.locator("main").inner_text()
    assert axe_violations(page) == []
    _shot(page, "open-items")
    page.get_by_role("button", name="1 fällige Zahlungserinnerung senden").click()
    page.wait_for_load_state()
    assert "1 Zahlungserinnerung ist unterwegs." in page.locator("main").inner_text()
    assert Reminder.objects.filter(invoice=overdue, level=1).count() == 1

    page.get_by_role("link", name="Buchhaltungsexport").click()
    assert axe_violations(page) == []
    _shot(page, "accounting")
    page.locator("#id_start").fill((today - dt.timedelta(days=45)).isoformat())
    page.locator("#id_end").fill(today.isoformat())
    with page.expect_download() as download:
        page.get_by_role("button", name="Export herunterladen").click()
    content = Path(download.value.path()).read_bytes()
    assert content.startswith(b'"EXTF";700;21;"Buchungsstapel";13;')
    for invoice in (overdue, paid, by_hand):
        assert invoice.number.encode() in content
