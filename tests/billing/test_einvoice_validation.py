"""Every e-invoice passes the official EN 16931 and XRechnung rules, run offline.

The rules are the CEN's compiled EN 16931 XSLT and the KoSIT XRechnung
schematron (tests/billing/schematron/README.md); they are compiled once per
test run. A valid invoice has no failed assert flagged fatal or error; a
broken one is caught.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from facturx import xml_check_xsd
from lxml import etree

from rooms.billing.einvoice.cii import RAM, invoice_xml
from rooms.billing.services import cancel_invoice, correct_invoice, issue_invoice
from tests.billing.einvoice_factories import (
    LEITWEG_ID,
    invoice_with_lines,
    public_sector_booking,
)

pytestmark = pytest.mark.django_db

NS = {"ram": RAM, "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"}


def _assert_valid(validator, xml: bytes, *, xrechnung: bool = False) -> None:
    assert validator.schema_errors(xml) == []
    assert xml_check_xsd(xml, flavor="factur-x", level="en16931")
    assert validator.errors(xml, xrechnung=xrechnung) == []


def _value(xml: bytes, path: str) -> str:
    return etree.fromstring(xml).xpath(f"string({path})", namespaces=NS)


def test_a_normal_invoice_is_a_valid_zugferd_invoice(einvoice_validator, issuer, booking, manager):
    invoice = issue_invoice(booking=booking, actor=manager)
    xml = invoice_xml(invoice)

    _assert_valid(einvoice_validator, xml)
    assert _value(xml, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert _value(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == (
        "urn:cen.eu:en16931:2017"
    )
    assert Decimal(_value(xml, "//ram:GrandTotalAmount")) == invoice.gross
    assert Decimal(_value(xml, "//ram:TaxTotalAmount")) == invoice.vat
    assert _value(xml, "//ram:SpecifiedTradeSettlementPaymentMeans/ram:TypeCode") == "58"
    assert _value(xml, "//ram:IBANID") == "DE02120300000000202051"
    assert _value(xml, "//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='VA']") == "DE123456789"
    assert _value(xml, "//ram:SpecifiedTaxRegistration/ram:ID[@schemeID='FC']") == "026 250 12345"


def test_a_vat_exempt_invoice_states_category_e_and_the_reason(
    einvoice_validator, issuer, booking, manager
):
    invoice = invoice_with_lines(
        booking=booking, actor=manager, lines=[("Raumnutzung", "80.00", "0")]
    )
    xml = invoice_xml(invoice)

    _assert_valid(einvoice_validator, xml)
    assert (
        _value(xml, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode")
        == "E"
    )
    assert "§ 4 Nr. 12" in _value(xml, "//ram:ExemptionReason")
    assert Decimal(_value(xml, "//ram:TaxTotalAmount")) == 0


def test_a_mixed_rate_invoice_adds_up_to_the_cent(einvoice_validator, issuer, booking, manager):
    invoice = invoice_with_lines(
        booking=booking,
        actor=manager,
        lines=[
            ("Raum", "33.33", "19"),
            ("Technik", "10.05", "19"),
            ("Verpflegung", "10.01", "7"),
            ("Beratung", "50.00", "0"),
        ],
    )
    xml = invoice_xml(invoice)

    _assert_valid(einvoice_validator, xml)
    tree = etree.fromstring(xml)
    taxes = tree.xpath(
        "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", namespaces=NS
    )
    by_code = {
        (t.findtext(f"{{{RAM}}}CategoryCode"), t.findtext(f"{{{RAM}}}RateApplicablePercent")): (
            Decimal(t.findtext(f"{{{RAM}}}BasisAmount")),
            Decimal(t.findtext(f"{{{RAM}}}CalculatedAmount")),
        )
        for t in taxes
    }
    assert by_code == {
        ("E", "0.00"): (Decimal("50.00"), Decimal("0.00")),
        ("S", "7.00"): (Decimal("10.01"), Decimal("0.70")),
        ("S", "19.00"): (Decimal("43.38"), Decimal("8.24")),
    }
    assert Decimal(_value(xml, "//ram:GrandTotalAmount")) == invoice.gross == Decimal("112.33")


def test_a_cancellation_invoice_is_a_credit_note_referring_to_the_original(
    einvoice_validator, issuer, booking, manager
):
    invoice = issue_invoice(booking=booking, actor=manager)
    cancellation = cancel_invoice(invoice=invoice, actor=manager, reason="Falscher Betrag")
    xml = invoice_xml(cancellation)

    _assert_valid(einvoice_validator, xml)
    assert _value(xml, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert _value(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == invoice.number
    assert Decimal(_value(xml, "//ram:GrandTotalAmount")) == invoice.gross == -cancellation.gross


def test_a_corrected_invoice_is_type_384_and_refers_to_the_cancelled_one(
    einvoice_validator, issuer, booking, manager
):
    invoice = issue_invoice(booking=booking, actor=manager)
    _cancellation, replacement = correct_invoice(invoice=invoice, actor=manager, reason="Anschrift")
    xml = invoice_xml(replacement)

    _assert_valid(einvoice_validator, xml)
    assert _value(xml, "//rsm:ExchangedDocument/ram:TypeCode") == "384"
    assert _value(xml, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == invoice.number


def test_a_public_sector_booker_gets_a_valid_xrechnung_with_its_leitweg_id(
    einvoice_validator, issuer, make_booking, manager
):
    invoice = issue_invoice(booking=public_sector_booking(make_booking), actor=manager)
    xml = invoice_xml(invoice)

    _assert_valid(einvoice_validator, xml, xrechnung=True)
    assert einvoice_validator.findings(xml, xrechnung=True) == []
    assert _value(xml, "//ram:BuyerReference") == LEITWEG_ID
    assert _value(xml, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID").endswith(
        "xrechnung_3.0"
    )
    cancellation = cancel_invoice(invoice=invoice, actor=manager, reason="Doppelt")
    _assert_valid(einvoice_validator, invoice_xml(cancellation), xrechnung=True)


def _replace(xml: bytes, path: str, value: str | None) -> bytes:
    tree = etree.fromstring(xml)
    [element] = tree.xpath(path, namespaces=NS)
    if value is None:
        element.getparent().remove(element)
    else:
        element.text = value
    return etree.tostring(tree)


def test_totals_that_do_not_add_up_are_caught(einvoice_validator, issuer, booking, manager):
    xml = invoice_xml(issue_invoice(booking=booking, actor=manager))
    grand = Decimal(_value(xml, "//ram:GrandTotalAmount"))
    broken = _replace(xml, "//ram:GrandTotalAmount", f"{grand + Decimal('0.01'):.2f}")

    rules = {finding.rule for finding in einvoice_validator.errors(broken, xrechnung=False)}
    assert "BR-CO-15" in rules


def test_an_xrechnung_without_leitweg_id_is_caught(
    einvoice_validator, issuer, make_booking, manager
):
    xml = invoice_xml(issue_invoice(booking=public_sector_booking(make_booking), actor=manager))
    broken = _replace(xml, "//ram:BuyerReference", None)

    rules = {finding.rule for finding in einvoice_validator.errors(broken, xrechnung=True)}
    assert "BR-DE-15" in rules
