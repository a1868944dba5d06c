"""Which electronic document a booker receives, and under what file name.

A public-sector booker (billing profile with a Leitweg-ID at issue) receives
the XRechnung XML; everyone else the ZUGFeRD PDF, which is the readable
invoice with the same XML inside.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rooms.billing.einvoice.cii import invoice_xml
from rooms.billing.einvoice.models import EInvoiceFacts
from rooms.billing.einvoice.services import facts_for
from rooms.billing.einvoice.zugferd import zugferd_pdf
from rooms.billing.pdf import invoice_pdf

if TYPE_CHECKING:
    from rooms.billing.models import Invoice


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    mimetype: str

    def as_attachment(self) -> dict[str, str]:
        """As the outbox stores an attachment."""
        return {
            "filename": self.filename,
            "content": base64.b64encode(self.content).decode("ascii"),
            "mimetype": self.mimetype,
            "encoding": "base64",
        }


def is_xrechnung(invoice: Invoice) -> bool:
    return facts_for(invoice).syntax == EInvoiceFacts.Syntax.XRECHNUNG


def xml_document(invoice: Invoice) -> Document:
    facts = facts_for(invoice)
    kind = "xrechnung" if facts.syntax == EInvoiceFacts.Syntax.XRECHNUNG else "factur-x"
    return Document(f"{invoice.number}-{kind}.xml", invoice_xml(invoice, facts), "application/xml")


def pdf_document(invoice: Invoice, *, language: str = "de") -> Document:
    """The readable PDF: with the XML inside (ZUGFeRD) unless the booker gets an XRechnung."""
    facts = facts_for(invoice)
    if facts.syntax == EInvoiceFacts.Syntax.XRECHNUNG:
        content = invoice_pdf(invoice, language=language)
    else:
        content = zugferd_pdf(invoice, language=language, facts=facts)
    return Document(f"{invoice.number}.pdf", content, "application/pdf")


def email_document(invoice: Invoice, *, language: str = "de") -> Document:
    """What the invoice e-mail carries: the XRechnung XML or the ZUGFeRD PDF."""
    if is_xrechnung(invoice):
        return xml_document(invoice)
    return pdf_document(invoice, language=language)
