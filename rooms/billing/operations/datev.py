"""The accounting export: a DATEV booking batch ("EXTF" Buchungsstapel) and a plain CSV.

One period's invoices, cancellation invoices and payments become bookings:

* an invoice: debtor account debit (``S``) to the revenue account, gross amount, with the
  tax key of the booking's fee rule (one row per revenue account on the invoice);
* a cancellation invoice: the same accounts, credit (``H``), the amount as a positive
  number (DATEV amounts carry no sign; the side says the direction);
* a payment: bank account debit (``S``) to the debtor account.

The DATEV file follows the format description of the booking batch, format version 700,
category 21 (format version 13): a header line of 31 fields, the column header, and one
line per booking; Windows-1252, semicolons, amounts with a decimal comma, the voucher date
as DDMM. The booking columns written are the first 14 of the standard (amount to posting
text); DATEV reads a batch with fewer columns, the rest stay empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from rooms.billing.models import Invoice, Payment
from rooms.billing.operations.models import (
    AccountingSettings,
    CollectiveInvoiceBooking,
    RevenueAccount,
)

COLUMNS = (
    "Umsatz (ohne Soll/Haben-Kz)",
    "Soll/Haben-Kennzeichen",
    "WKZ Umsatz",
    "Kurs",
    "Basis-Umsatz",
    "WKZ Basis-Umsatz",
    "Konto",
    "Gegenkonto (ohne BU-Schlüssel)",
    "BU-Schlüssel",
    "Belegdatum",
    "Belegfeld 1",
    "Belegfeld 2",
    "Skonto",
    "Buchungstext",
)


@dataclass(frozen=True)
class Row:
    day: dt.date
    amount: Decimal  # positive
    side: str  # "S" or "H": the direction from the point of view of ``account``
    account: str
    contra: str
    tax_key: str
    document: str
    text: str
    kind: str


def _accounts_by_rule() -> dict[int, RevenueAccount]:
    return {mapping.fee_rule_id: mapping for mapping in RevenueAccount.objects.all()}


def _rule_of(booking_quote: dict[str, Any]) -> int | None:
    rule = booking_quote.get("rule_id") if booking_quote else None
    return int(rule) if rule is not None else None


def _revenue_split(
    invoice: Invoice, config: AccountingSettings, mapping: dict[int, RevenueAccount]
) -> dict[tuple[str, str], Decimal]:
    """Gross amount of the invoice per (revenue account, tax key)."""
    line_rules: dict[int, int | None] = {}
    links = list(CollectiveInvoiceBooking.objects.filter(invoice=invoice.cancels or invoice))
    for link in links:
        line_rules[link.position] = _rule_of(link.booking.quote)
    default_rule = _rule_of(invoice.booking.quote)
    split: dict[tuple[str, str], Decimal] = {}
    for line in invoice.lines.all():
        rule = line_rules.get(line.position, default_rule) if links else default_rule
        if line.vat_rate == 0:
            key = (config.exempt_revenue_account, "")
            if rule in mapping and mapping[rule].account:
                key = (mapping[rule].account, mapping[rule].tax_key)
        elif rule in mapping:
            key = (mapping[rule].account, mapping[rule].tax_key)
        else:
            key = (config.revenue_account, config.tax_key)
        gross = line.net + (line.net * line.vat_rate / 100)
        split[key] = split.get(key, Decimal(0)) + gross
    # The invoice's rounded gross wins over the sum of lines: the difference goes to the largest.
    if split:
        largest = max(split, key=lambda k: abs(split[k]))
        split[largest] += invoice.gross - sum(split.values(), Decimal(0))
    return split


def rows(*, start: dt.date, end: dt.date) -> list[Row]:
    """The bookings of the period ``start``–``end`` (both included), by date."""
    config = AccountingSettings.current()
    mapping = _accounts_by_rule()
    found: list[Row] = []
    invoices = (
        Invoice.objects.filter(issued_on__gte=start, issued_on__lte=end)
        .select_related("booking", "cancels")
        .prefetch_related("lines")
        .order_by("issued_on", "year", "sequence")
    )
    for invoice in invoices:
        for (account, tax_key), gross in _revenue_split(invoice, config, mapping).items():
            if gross == 0:
                continue
            cancellation = invoice.is_cancellation
            found.append(
                Row(
                    day=invoice.issued_on,
                    amount=abs(gross),
                    side="H" if cancellation else "S",
                    account=config.debtor_account,
                    contra=account,
                    tax_key=tax_key,
                    document=invoice.number,
                    text=(
                        f"Storno {invoice.cancels.number} {invoice.recipient_name}"
                        if cancellation and invoice.cancels
                        else f"Rechnung {invoice.recipient_name}"
                    ),
                    kind="cancellation" if cancellation else "invoice",
                )
            )
    payments = (
        Payment.objects.filter(paid_on__gte=start, paid_on__lte=end)
        .select_related("invoice")
        .order_by("paid_on", "pk")
    )
    for payment in payments:
        found.append(
            Row(
                day=payment.paid_on,
                amount=payment.amount,
                side="S",
                account=config.bank_account,
                contra=config.debtor_account,
                tax_key="",
                document=payment.invoice.number,
                text=f"Zahlung {payment.invoice.recipient_name}",
                kind="payment",
            )
        )
    found.sort(key=lambda row: (row.day, row.kind != "invoice", row.document))
    return found


def _amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _field(text: str, length: int) -> str:
    return text.replace('"', "'").replace("\r", " ").replace("\n", " ")[:length]


class Raw(str):
    """A value written as it is (numbers, dates): DATEV quotes text fields only."""


def _line(values: list[object]) -> str:
    cells = []
    for value in values:
        if isinstance(value, int | Raw):
            cells.append(str(value))
        elif value == "":
            cells.append("")
        else:
            cells.append('"' + str(value).replace('"', "'") + '"')
    return ";".join(cells) + "\r\n"


def datev_header(*, start: dt.date, end: dt.date, config: AccountingSettings) -> list[object]:
    now = timezone.localtime()
    fiscal_start = dt.date(start.year, config.fiscal_year_start_month, 1)
    if fiscal_start > start:
        fiscal_start = fiscal_start.replace(year=start.year - 1)
    return [
        "EXTF",
        700,
        21,
        "Buchungsstapel",
        13,
        Raw(now.strftime("%Y%m%d%H%M%S") + f"{now.microsecond // 1000:03d}"),
        "",
        "RE",
        "Hausportal",
        "",
        config.consultant_number,
        config.client_number,
        Raw(fiscal_start.strftime("%Y%m%d")),
        config.account_length,
        Raw(start.strftime("%Y%m%d")),
        Raw(end.strftime("%Y%m%d")),
        f"Tagungszentrum {start:%m/%Y}",
        "",
        1,
        0,
        0,
        "EUR",
        "",
        "",
        "",
        "",
        config.chart_of_accounts,
        "",
        "",
        "",
        "",
    ]


def datev_csv(*, start: dt.date, end: dt.date) -> bytes:
    """The booking batch of the period, ready for the tax adviser (Windows-1252)."""
    config = AccountingSettings.current()
    lines = [_line(datev_header(start=start, end=end, config=config)), _line(list(COLUMNS))]
    for row in rows(start=start, end=end):
        lines.append(
            _line(
                [
                    Raw(_amount(row.amount)),
                    row.side,
                    "EUR",
                    "",
                    "",
                    "",
                    Raw(row.account),
                    Raw(row.contra),
                    row.tax_key,
                    Raw(row.day.strftime("%d%m")),
                    _field(row.document, 36),
                    "",
                    "",
                    _field(row.text, 60),
                ]
            )
        )
    return "".join(lines).encode("cp1252", errors="replace")


PLAIN_COLUMNS = (
    "date",
    "document",
    "kind",
    "text",
    "debit_account",
    "credit_account",
    "amount",
    "tax_key",
)


def plain_csv(*, start: dt.date, end: dt.date) -> bytes:
    """The same bookings as a plain CSV (UTF-8, ISO dates, debit and credit accounts)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(PLAIN_COLUMNS)
    for row in rows(start=start, end=end):
        debit, credit = (row.account, row.contra) if row.side == "S" else (row.contra, row.account)
        writer.writerow(
            [
                row.day.isoformat(),
                row.document,
                row.kind,
                row.text,
                debit,
                credit,
                _amount(row.amount),
                row.tax_key,
            ]
        )
    return out.getvalue().encode("utf-8-sig")
