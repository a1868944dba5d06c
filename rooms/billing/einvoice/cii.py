"""An issued invoice as EN 16931 XML in the UN/CEFACT CII syntax (D16B).

A format module: :func:`invoice_xml` turns an :class:`Invoice` and its frozen
:class:`EInvoiceFacts` into bytes and touches nothing else. The same mapping
serves the XRechnung (CIUS identifier of XRechnung 3.0, the Leitweg-ID as
buyer reference BT-10) and the ZUGFeRD / Factur-X profile EN 16931.

Amounts come from the invoice as issued (Decimal, two places). Each VAT
category's tax is its taxable amount times the rate, rounded to the cent
(BR-CO-17), and the header totals are the sums of the categories and lines
(BR-CO-10 … BR-CO-16), exactly as the invoice's own totals were computed.

A cancellation invoice is a credit note (381) that refers to the invoice it
cancels (BG-3); as EN 16931 expects of a credit note, its amounts are stated
positive, the document type carrying the direction. A new invoice for a booking
whose earlier invoice was cancelled is a corrected invoice (384) with the same
reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from lxml import etree

from rooms.fees import money

if TYPE_CHECKING:
    import datetime as dt

    from rooms.billing.einvoice.models import EInvoiceFacts
    from rooms.billing.models import Invoice

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
NSMAP = {"rsm": RSM, "ram": RAM, "qdt": QDT, "udt": UDT}

EN16931 = "urn:cen.eu:en16931:2017"
XRECHNUNG = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_BILLING = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
CURRENCY = "EUR"
SEPA_CREDIT_TRANSFER = "58"
LEITWEG_SCHEME = "0204"
EMAIL_SCHEME = "EM"
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Category:
    """One VAT breakdown (BG-23): standard rate ``S`` or exempt ``E``."""

    code: str
    rate: Decimal
    basis: Decimal
    tax: Decimal


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, name = tag.split(":")
    element = etree.SubElement(parent, f"{{{NSMAP[prefix]}}}{name}", attrs)
    if text is not None:
        element.text = text
    return element


def _amount(value: Decimal) -> str:
    return f"{money(value):.2f}"


def _quantity(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _rate(value: Decimal) -> str:
    return f"{value:.2f}"


def _date(parent: etree._Element, tag: str, day: dt.date, *, qualified: bool = False) -> None:
    holder = _el(parent, tag)
    _el(
        holder,
        "qdt:DateTimeString" if qualified else "udt:DateTimeString",
        f"{day:%Y%m%d}",
        format="102",
    )


def category_code(rate: Decimal) -> str:
    """The house's 0 % lines are VAT-exempt services (``E``); every other rate is ``S``."""
    return "E" if rate == 0 else "S"


def categories(invoice: Invoice, *, sign: int) -> list[Category]:
    return [
        Category(
            code=category_code(group.rate),
            rate=group.rate,
            basis=sign * group.net,
            tax=sign * group.vat,
        )
        for group in invoice.vat_groups()
    ]


def _address(parent: etree._Element, place: dict[str, str]) -> None:
    address = _el(parent, "ram:PostalTradeAddress")
    if place.get("postcode"):
        _el(address, "ram:PostcodeCode", place["postcode"])
    if place.get("street"):
        _el(address, "ram:LineOne", place["street"])
    if place.get("city"):
        _el(address, "ram:CityName", place["city"])
    _el(address, "ram:CountryID", place.get("country") or "DE")


def _seller(agreement: etree._Element, invoice: Invoice, facts: EInvoiceFacts) -> None:
    seller = facts.seller
    party = _el(agreement, "ram:SellerTradeParty")
    _el(party, "ram:Name", invoice.issuer_name)
    if seller.get("contact") or seller.get("phone") or seller.get("email"):
        contact = _el(party, "ram:DefinedTradeContact")
        _el(contact, "ram:PersonName", seller.get("contact") or invoice.issuer_name)
        if seller.get("phone"):
            phone = _el(contact, "ram:TelephoneUniversalCommunication")
            _el(phone, "ram:CompleteNumber", seller["phone"])
        if seller.get("email"):
            email = _el(contact, "ram:EmailURIUniversalCommunication")
            _el(email, "ram:URIID", seller["email"])
    _address(party, seller)
    if seller.get("email"):
        uri = _el(party, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", seller["email"], schemeID=EMAIL_SCHEME)
    if invoice.issuer_tax_number:
        registration = _el(party, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", invoice.issuer_tax_number, schemeID="FC")
    if invoice.issuer_vat_id:
        registration = _el(party, "ram:SpecifiedTaxRegistration")
        _el(registration, "ram:ID", invoice.issuer_vat_id.replace(" ", ""), schemeID="VA")


def _buyer(agreement: etree._Element, invoice: Invoice, facts: EInvoiceFacts) -> None:
    party = _el(agreement, "ram:BuyerTradeParty")
    _el(party, "ram:Name", invoice.recipient_name)
    _address(party, facts.buyer)
    if facts.buyer_reference:
        uri = _el(party, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", facts.buyer_reference, schemeID=LEITWEG_SCHEME)
    elif invoice.recipient_email:
        uri = _el(party, "ram:URIUniversalCommunication")
        _el(uri, "ram:URIID", invoice.recipient_email, schemeID=EMAIL_SCHEME)


def _line(transaction: etree._Element, invoice: Invoice, line: object, *, sign: int) -> None:
    from rooms.billing.models import InvoiceLine

    assert isinstance(line, InvoiceLine)
    quantity = sign * line.quantity
    price = line.unit_price
    if price < 0:  # a net price is never negative (BR-27): a reduction is a negative quantity
        price, quantity = -price, -quantity
    item = _el(transaction, "ram:IncludedSupplyChainTradeLineItem")
    document = _el(item, "ram:AssociatedDocumentLineDocument")
    _el(document, "ram:LineID", str(line.position))
    if line.note:
        note = _el(document, "ram:IncludedNote")
        _el(note, "ram:Content", line.note)
    product = _el(item, "ram:SpecifiedTradeProduct")
    _el(product, "ram:Name", line.description)
    agreement = _el(item, "ram:SpecifiedLineTradeAgreement")
    net_price = _el(agreement, "ram:NetPriceProductTradePrice")
    _el(net_price, "ram:ChargeAmount", _amount(price))
    delivery = _el(item, "ram:SpecifiedLineTradeDelivery")
    _el(delivery, "ram:BilledQuantity", _quantity(quantity), unitCode=line.unit or "C62")
    settlement = _el(item, "ram:SpecifiedLineTradeSettlement")
    tax = _el(settlement, "ram:ApplicableTradeTax")
    _el(tax, "ram:TypeCode", "VAT")
    _el(tax, "ram:CategoryCode", category_code(line.vat_rate))
    _el(tax, "ram:RateApplicablePercent", _rate(line.vat_rate))
    summation = _el(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(sign * line.net))


def _settlement(
    transaction: etree._Element, invoice: Invoice, facts: EInvoiceFacts, *, sign: int
) -> None:
    settlement = _el(transaction, "ram:ApplicableHeaderTradeSettlement")
    _el(settlement, "ram:PaymentReference", invoice.number)
    _el(settlement, "ram:InvoiceCurrencyCode", CURRENCY)
    if invoice.iban:
        means = _el(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
        _el(means, "ram:TypeCode", SEPA_CREDIT_TRANSFER)
        account = _el(means, "ram:PayeePartyCreditorFinancialAccount")
        _el(account, "ram:IBANID", invoice.iban.replace(" ", "").upper())
        if invoice.bank_name:
            _el(account, "ram:AccountName", invoice.issuer_name)
        if invoice.bic:
            institution = _el(means, "ram:PayeeSpecifiedCreditorFinancialInstitution")
            _el(institution, "ram:BICID", invoice.bic.replace(" ", "").upper())
    groups = categories(invoice, sign=sign)
    for group in groups:
        tax = _el(settlement, "ram:ApplicableTradeTax")
        _el(tax, "ram:CalculatedAmount", _amount(group.tax))
        _el(tax, "ram:TypeCode", "VAT")
        if group.code == "E":
            _el(tax, "ram:ExemptionReason", invoice.exemption_note or "Steuerfreie Leistung")
        _el(tax, "ram:BasisAmount", _amount(group.basis))
        _el(tax, "ram:CategoryCode", group.code)
        _el(tax, "ram:RateApplicablePercent", _rate(group.rate))
    terms = _el(settlement, "ram:SpecifiedTradePaymentTerms")
    if invoice.is_cancellation:
        _el(terms, "ram:Description", "Bereits gezahlte Beträge werden erstattet oder verrechnet.")
    else:
        _el(terms, "ram:Description", f"Zahlbar bis {invoice.due_on:%d.%m.%Y} ohne Abzug.")
    _date(terms, "ram:DueDateDateTime", invoice.due_on)
    line_total = sum((sign * line.net for line in invoice.lines.all()), ZERO)
    basis = sum((group.basis for group in groups), ZERO)
    tax_total = sum((group.tax for group in groups), ZERO)
    grand = basis + tax_total
    summation = _el(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _el(summation, "ram:LineTotalAmount", _amount(line_total))
    _el(summation, "ram:TaxBasisTotalAmount", _amount(basis))
    _el(summation, "ram:TaxTotalAmount", _amount(tax_total), currencyID=CURRENCY)
    _el(summation, "ram:GrandTotalAmount", _amount(grand))
    _el(summation, "ram:DuePayableAmount", _amount(grand))
    if facts.preceding_number:
        referenced = _el(settlement, "ram:InvoiceReferencedDocument")
        _el(referenced, "ram:IssuerAssignedID", facts.preceding_number)
        if facts.preceding_issued_on is not None:
            _date(
                referenced, "ram:FormattedIssueDateTime", facts.preceding_issued_on, qualified=True
            )


def invoice_tree(invoice: Invoice, facts: EInvoiceFacts) -> etree._Element:
    from rooms.billing.einvoice.models import EInvoiceFacts

    sign = -1 if invoice.is_cancellation else 1
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NSMAP)
    context = _el(root, "rsm:ExchangedDocumentContext")
    xrechnung = facts.syntax == EInvoiceFacts.Syntax.XRECHNUNG
    if xrechnung:
        process = _el(context, "ram:BusinessProcessSpecifiedDocumentContextParameter")
        _el(process, "ram:ID", PEPPOL_BILLING)
    guideline = _el(context, "ram:GuidelineSpecifiedDocumentContextParameter")
    _el(guideline, "ram:ID", XRECHNUNG if xrechnung else EN16931)

    document = _el(root, "rsm:ExchangedDocument")
    _el(document, "ram:ID", invoice.number)
    _el(document, "ram:TypeCode", facts.type_code)
    _date(document, "ram:IssueDateTime", invoice.issued_on)
    notes = [f"Leistung: {invoice.service_description}"]
    if invoice.is_cancellation and invoice.reason:
        notes.append(f"Grund der Stornierung: {invoice.reason}")
    for text in notes:
        note = _el(document, "ram:IncludedNote")
        _el(note, "ram:Content", text)

    transaction = _el(root, "rsm:SupplyChainTradeTransaction")
    for line in invoice.lines.all():
        _line(transaction, invoice, line, sign=sign)
    agreement = _el(transaction, "ram:ApplicableHeaderTradeAgreement")
    if facts.buyer_reference:
        _el(agreement, "ram:BuyerReference", facts.buyer_reference)
    _seller(agreement, invoice, facts)
    _buyer(agreement, invoice, facts)
    delivery = _el(transaction, "ram:ApplicableHeaderTradeDelivery")
    event = _el(delivery, "ram:ActualDeliverySupplyChainEvent")
    _date(event, "ram:OccurrenceDateTime", invoice.service_date)
    _settlement(transaction, invoice, facts, sign=sign)
    return root


def invoice_xml(invoice: Invoice, facts: EInvoiceFacts | None = None) -> bytes:
    """The invoice's CII XML, UTF-8 with declaration."""
    from rooms.billing.einvoice.services import facts_for

    tree = invoice_tree(invoice, facts or facts_for(invoice))
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)
