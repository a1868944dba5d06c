"""The readable invoice with its EN 16931 XML inside: ZUGFeRD / Factur-X, profile EN 16931.

A format module. ``factur-x`` checks the XML against the Factur-X schema,
embeds it as ``factur-x.xml`` (relationship "Data", listed in the catalogue's
``/AF``) and writes the XMP metadata that declares the document PDF/A-3 with
the ZUGFeRD extension schema; ``pdfa`` adds the sRGB output intent and brings
the metadata in step. The page itself embeds its fonts (see
``rooms.billing.pdf``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from facturx import generate_from_binary

from rooms.billing.einvoice.cii import invoice_xml
from rooms.billing.einvoice.pdfa import archivable
from rooms.billing.pdf import invoice_pdf

if TYPE_CHECKING:
    from rooms.billing.einvoice.models import EInvoiceFacts
    from rooms.billing.models import Invoice

LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB"}


def zugferd_pdf(
    invoice: Invoice, *, language: str = "de", facts: EInvoiceFacts | None = None
) -> bytes:
    """The invoice PDF in ``language`` with its CII XML embedded (PDF/A-3)."""
    from rooms.billing.einvoice.services import facts_for

    facts = facts or facts_for(invoice)
    title = "Stornorechnung" if invoice.is_cancellation else "Rechnung"
    content = generate_from_binary(
        invoice_pdf(invoice, language=language),
        invoice_xml(invoice, facts),
        flavor="factur-x",
        level="en16931",
        check_xsd=True,
        check_schematron=False,
        pdf_metadata={
            "author": invoice.issuer_name,
            "keywords": "Factur-X, ZUGFeRD, Rechnung",
            "title": f"{invoice.issuer_name}: {title} {invoice.number}",
            "subject": f"{title} {invoice.number} vom {invoice.issued_on:%d.%m.%Y}",
        },
        lang=LANGUAGE_TAGS.get(language, "de-DE"),
    )
    return archivable(content)
