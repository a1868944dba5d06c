"""The invoice PDF in German with the house's letterhead and the EPC payment code."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from rooms.billing.girocode import epc_payload, epc_qr_png
from rooms.billing.pdf import euro, invoice_pdf
from rooms.billing.services import cancel_invoice, issue_invoice


def test_the_payment_code_carries_iban_amount_and_invoice_number_as_the_epc_asks():
    payload = epc_payload(
        name="Treppe 4 e.V.",
        iban="DE02 1203 0000 0000 2020 51",
        bic="BYLADEM1001",
        amount=Decimal("238.00"),
        text="RE-2026-00007",
    )
    assert payload.split("\n") == [
        "BCD",
        "002",
        "1",
        "SCT",
        "BYLADEM1001",
        "Treppe 4 e.V.",
        "DE02120300000000202051",
        "EUR238.00",
        "",
        "",
        "RE-2026-00007",
    ]
    assert epc_qr_png(payload).startswith(b"\x89PNG")


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), Decimal("1000000000")])
def test_no_payment_code_for_amounts_a_bank_cannot_take(amount):
    with pytest.raises(ValueError, match="amount"):
        epc_payload(name="Haus", iban="DE02120300000000202051", amount=amount, text="RE-1")


def test_no_payment_code_without_an_iban():
    with pytest.raises(ValueError, match="IBAN"):
        epc_payload(name="Haus", iban=" ", amount=Decimal("1.00"), text="RE-1")


def test_euro_amounts_are_written_the_german_way():
    assert euro(Decimal("1234.5")) == "1.234,50 €"
    assert euro(Decimal("-80")) == "-80,00 €"


def _text(pdf: bytes) -> str:
    """The text of every page, as a PDF reader extracts it (the fonts are embedded subsets)."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.mark.django_db
def test_the_pdf_states_the_invoice_in_german_with_a_payment_code(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    pdf = invoice_pdf(invoice)
    text = _text(pdf)

    assert pdf.startswith(b"%PDF")
    assert f"Rechnung {invoice.number}" in text
    assert "Treppe 4 e.V." in text
    assert "Steuernummer" in text
    assert "026 250 12345" in text
    assert "DE123456789" in text
    assert "Rechnungsdatum" in text
    assert "Leistungsdatum" in text
    assert invoice.recipient_name in text
    assert "Umsatzsteuer 19 %" in text
    assert euro(invoice.gross) in text
    assert "GiroCode" in text
    assert b"/Subtype /Image" in pdf


@pytest.mark.django_db
def test_a_cancellation_pdf_names_the_original_and_asks_for_no_payment(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    cancellation = cancel_invoice(invoice=invoice, actor=manager, reason="Falscher Betrag")
    pdf = invoice_pdf(cancellation)
    text = _text(pdf)
    assert f"Stornorechnung {cancellation.number}" in text
    assert invoice.number in text
    assert "Falscher Betrag" in text
    assert "GiroCode" not in text
    assert b"/Subtype /Image" not in pdf


@pytest.mark.django_db
def test_the_pdf_in_english_on_request(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    text = _text(invoice_pdf(invoice, language="en"))

    assert f"Invoice {invoice.number}" in text
    assert "Invoice date" in text
    assert "Date of service" in text
    assert "VAT at 19 %" in text
    assert "Rechnungsdatum" not in text
    assert "GiroCode" in text


@pytest.mark.django_db
def test_the_pdf_embeds_its_fonts_as_pdf_a_asks(issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    reader = PdfReader(io.BytesIO(invoice_pdf(invoice)))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        descriptor = font.get_object()
        descendants = descriptor.get("/DescendantFonts")
        if descendants is not None:
            descriptor = descendants[0].get_object()
        assert "/FontFile2" in descriptor["/FontDescriptor"]
