"""An issued invoice as a PDF on the house's letterhead, in German or (on request) English.

A format module: it turns an :class:`Invoice` into bytes and touches nothing
else. It states everything § 14 (4) UStG asks of an invoice (issuer with tax
number or VAT ID, recipient, date, number, date of service, the lines, net
per VAT rate, the VAT, the gross, the exemption note for VAT-free services)
and, for an open amount, the EPC payment code that banking apps read.

The words come from the billing catalogue (German by default); what the
invoice recorded when it was issued (lines, service, reason, exemption note)
stays as issued. The fonts are embedded and colours are device grey or RGB, as PDF/A-3
asks of a ZUGFeRD invoice (``einvoice.zugferd`` adds the XML, the sRGB output
intent and the PDF/A metadata).
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import reportlab
from django.utils import translation
from django.utils.translation import pgettext
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from rooms.billing.girocode import epc_payload, epc_qr_png

if TYPE_CHECKING:
    from rooms.billing.models import Invoice

FONT = "HouseSans"
BOLD = "HouseSans-Bold"
#: Bitstream Vera, shipped with reportlab: embedded, as PDF/A requires of every font.
FONT_FILES = {FONT: "Vera.ttf", BOLD: "VeraBd.ttf"}
LEFT = 25 * mm
RIGHT = A4[0] - 20 * mm
BOTTOM = 30 * mm


@cache
def _register_fonts() -> None:
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))


def _english() -> bool:
    return translation.get_language() == "en"


def euro(value: Decimal) -> str:
    """1234.5 → "1.234,50 €" (in English "€1,234.50")."""
    if _english():
        return f"-€{-value:,.2f}" if value < 0 else f"€{value:,.2f}"
    text = f"{value:,.2f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return f"{text} €"


def _day(value: dt.date) -> str:
    return f"{value:%d %B %Y}" if _english() else f"{value:%d.%m.%Y}"


def _decimal(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text if _english() else text.replace(".", ",")


def _quantity(value: Decimal) -> str:
    return _decimal(value)


def _rate(value: Decimal) -> str:
    return _decimal(value) + " %"


class _Page:
    """A canvas with a running y position that starts a new page when it runs out."""

    def __init__(self, pdf: canvas.Canvas, invoice: Invoice) -> None:
        self.pdf = pdf
        self.invoice = invoice
        self.y = A4[1] - 25 * mm

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.footer()
            self.pdf.showPage()
            self.y = A4[1] - 25 * mm
            self.pdf.setFont(FONT, 9)
            self.pdf.drawString(
                LEFT,
                self.y,
                pgettext("invoice PDF", "%(number)s (continued)") % {"number": self.invoice.number},
            )
            self.y -= 10 * mm

    def text(
        self,
        value: str,
        *,
        size: float = 10,
        bold: bool = False,
        x: float = LEFT,
        width: float | None = None,
    ) -> None:
        font = BOLD if bold else FONT
        self.pdf.setFont(font, size)
        for line in simpleSplit(value, font, size, width or RIGHT - x) or [""]:
            self.need(size * 0.5 * mm)
            self.pdf.drawString(x, self.y, line)
            self.y -= size * 0.45 * mm

    def row(self, cells: list[tuple[float, str, str]], *, bold: bool = False) -> None:
        """Cells at x positions; "r" aligns right at x, "l" left from x."""
        self.need(6 * mm)
        self.pdf.setFont(BOLD if bold else FONT, 10)
        for x, align, value in cells:
            if align == "r":
                self.pdf.drawRightString(x, self.y, value)
            else:
                self.pdf.drawString(x, self.y, value)
        self.y -= 5 * mm

    def rule(self) -> None:
        self.pdf.setLineWidth(0.5)
        self.pdf.line(LEFT, self.y + 3.5 * mm, RIGHT, self.y + 3.5 * mm)
        self.y -= 1.5 * mm

    def footer(self) -> None:
        invoice = self.invoice
        parts = [invoice.issuer_name, invoice.issuer_address]
        if invoice.issuer_tax_number:
            parts.append(f"{pgettext('invoice PDF', 'Tax number')} {invoice.issuer_tax_number}")
        if invoice.issuer_vat_id:
            parts.append(f"{pgettext('invoice PDF', 'VAT ID')} {invoice.issuer_vat_id}")
        bank = []
        if invoice.bank_name:
            bank.append(invoice.bank_name)
        if invoice.iban:
            bank.append(f"IBAN {invoice.iban}")
        if invoice.bic:
            bank.append(f"BIC {invoice.bic}")
        self.pdf.setFont(FONT, 8)
        self.pdf.drawString(LEFT, 18 * mm, " · ".join(p for p in parts if p)[:160])
        if bank:
            self.pdf.drawString(LEFT, 14 * mm, " · ".join(bank)[:160])


def _letterhead(page: _Page) -> None:
    from house.context_processors import current_house

    invoice = page.invoice
    house = current_house()
    pdf = page.pdf
    pdf.setFont(BOLD, 16)
    pdf.drawString(LEFT, page.y, invoice.issuer_name)
    pdf.setFont(FONT, 9)
    contact = [invoice.issuer_address]
    if house is not None:
        contact += [
            house.phone and f"{pgettext('invoice PDF', 'Phone')} {house.phone}",
            house.email,
            house.website,
        ]
    pdf.drawRightString(RIGHT, page.y, " · ".join(c for c in contact[:2] if c))
    rest = " · ".join(c for c in contact[2:] if c)
    if rest:
        pdf.drawRightString(RIGHT, page.y - 4 * mm, rest)
    page.y -= 8 * mm
    pdf.setLineWidth(1)
    pdf.line(LEFT, page.y, RIGHT, page.y)
    # The address window of a DIN 5008 envelope.
    page.y = A4[1] - 50 * mm
    pdf.setFont(FONT, 7)
    pdf.drawString(LEFT, page.y, f"{invoice.issuer_name} · {invoice.issuer_address}"[:70])
    page.y -= 6 * mm
    # The window is 85 mm wide; the facts of the invoice stand to its right.
    for line in [invoice.recipient_name, *invoice.recipient_address.splitlines()[1:]]:
        page.text(line, size=11, width=85 * mm)
    # The invoice's facts on the right.
    facts = [
        (pgettext("invoice PDF", "Invoice number"), invoice.number),
        (pgettext("invoice PDF", "Invoice date"), _day(invoice.issued_on)),
        (pgettext("invoice PDF", "Date of service"), _day(invoice.service_date)),
    ]
    if invoice.issuer_tax_number:
        facts.append((pgettext("invoice PDF", "Tax number"), invoice.issuer_tax_number))
    if invoice.issuer_vat_id:
        facts.append((pgettext("invoice PDF", "VAT ID"), invoice.issuer_vat_id))
    y = A4[1] - 50 * mm
    for label, value in facts:
        pdf.setFont(FONT, 9)
        pdf.drawString(RIGHT - 70 * mm, y, label)
        pdf.drawRightString(RIGHT, y, value)
        y -= 5 * mm
    page.y = min(page.y, y) - 12 * mm


def _lines(page: _Page) -> None:
    invoice = page.invoice
    cols_qty, cols_price, cols_rate, cols_net = (
        RIGHT - 62 * mm,
        RIGHT - 40 * mm,
        RIGHT - 24 * mm,
        RIGHT,
    )
    page.row(
        [
            (LEFT, "l", pgettext("invoice PDF", "Item")),
            (LEFT + 12 * mm, "l", pgettext("invoice PDF", "Service")),
            (cols_qty, "r", pgettext("invoice PDF", "Quantity")),
            (cols_price, "r", pgettext("invoice PDF", "Unit price")),
            (cols_rate, "r", pgettext("invoice PDF", "VAT")),
            (cols_net, "r", pgettext("invoice PDF", "Net")),
        ],
        bold=True,
    )
    page.rule()
    for line in invoice.lines.all():
        description = simpleSplit(line.description, FONT, 10, cols_qty - 15 * mm - LEFT - 12 * mm)
        page.row(
            [
                (LEFT, "l", str(line.position)),
                (LEFT + 12 * mm, "l", description[0] if description else ""),
                (cols_qty, "r", _quantity(line.quantity)),
                (cols_price, "r", euro(line.unit_price)),
                (cols_rate, "r", _rate(line.vat_rate)),
                (cols_net, "r", euro(line.net)),
            ]
        )
        for more in description[1:]:
            page.row([(LEFT + 12 * mm, "l", more)])
        if line.note:
            page.pdf.setFont(FONT, 8)
            for note in simpleSplit(line.note, FONT, 8, cols_qty - 15 * mm - LEFT - 12 * mm):
                page.need(4 * mm)
                page.pdf.drawString(LEFT + 12 * mm, page.y + 1 * mm, note)
                page.y -= 3.5 * mm
    page.rule()
    groups = invoice.vat_groups()
    for group in groups:
        page.row(
            [
                (
                    cols_rate,
                    "r",
                    pgettext("invoice PDF", "Net at %(rate)s") % {"rate": _rate(group.rate)},
                ),
                (cols_net, "r", euro(group.net)),
            ]
        )
        page.row(
            [
                (
                    cols_rate,
                    "r",
                    pgettext("invoice PDF", "VAT at %(rate)s") % {"rate": _rate(group.rate)},
                ),
                (cols_net, "r", euro(group.vat)),
            ]
        )
    page.row(
        [(cols_rate, "r", pgettext("invoice PDF", "Total")), (cols_net, "r", euro(invoice.gross))],
        bold=True,
    )
    page.y -= 4 * mm


def invoice_pdf(invoice: Invoice, *, language: str = "de") -> bytes:
    """The invoice as a PDF in ``language`` (German unless asked for English)."""
    _register_fonts()
    with translation.override(language if language in ("de", "en") else "de"):
        return _render(invoice)


def _render(invoice: Invoice) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(
        buffer, pagesize=A4, pageCompression=0, invariant=True, initialFontName=FONT
    )
    title = (
        pgettext("invoice PDF", "Cancellation invoice")
        if invoice.is_cancellation
        else pgettext("invoice PDF", "Invoice")
    )
    pdf.setTitle(f"{title} {invoice.number}")
    pdf.setAuthor(invoice.issuer_name)
    pdf.setSubject(f"{title} {invoice.number}")
    page = _Page(pdf, invoice)
    _letterhead(page)
    page.text(f"{title} {invoice.number}", size=14, bold=True)
    page.y -= 2 * mm
    if invoice.is_cancellation and invoice.cancels is not None:
        page.text(
            pgettext(
                "invoice PDF",
                "This cancellation invoice cancels invoice %(number)s of %(date)s. "
                "Reason: %(reason)s",
            )
            % {
                "number": invoice.cancels.number,
                "date": _day(invoice.cancels.issued_on),
                "reason": invoice.reason,
            }
        )
    else:
        page.text(pgettext("invoice PDF", "For the use of our rooms we charge you:"))
    page.text(
        pgettext("invoice PDF", "Service: %(service)s") % {"service": invoice.service_description}
    )
    page.y -= 4 * mm
    _lines(page)
    if invoice.vat_exempt and invoice.exemption_note:
        page.text(invoice.exemption_note)
        page.y -= 2 * mm
    if invoice.is_cancellation:
        page.text(
            pgettext("invoice PDF", "Amounts already paid will be refunded to you or set off.")
        )
    elif invoice.gross > 0:
        page.text(
            pgettext(
                "invoice PDF",
                "Please transfer the amount by %(date)s, stating the invoice number %(number)s.",
            )
            % {"date": _day(invoice.due_on), "number": invoice.number}
        )
        if invoice.iban:
            _payment_code(page)
    page.footer()
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _payment_code(page: _Page) -> None:
    invoice = page.invoice
    payload = epc_payload(
        name=invoice.issuer_name,
        iban=invoice.iban,
        bic=invoice.bic,
        amount=invoice.gross,
        text=invoice.number,
    )
    size = 32 * mm
    page.need(size + 6 * mm)
    page.y -= 2 * mm
    top = page.y
    page.pdf.drawImage(
        ImageReader(io.BytesIO(epc_qr_png(payload))), LEFT, top - size, width=size, height=size
    )
    page.pdf.setFont(FONT, 9)
    page.pdf.drawString(
        LEFT + size + 6 * mm, top - 8 * mm, pgettext("invoice PDF", "Pay by code (GiroCode):")
    )
    page.pdf.drawString(
        LEFT + size + 6 * mm,
        top - 13 * mm,
        pgettext("invoice PDF", "Scan the code with your banking app to fill in the transfer."),
    )
    page.y = top - size - 4 * mm
