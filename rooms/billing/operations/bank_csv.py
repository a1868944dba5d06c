"""Reading the CSV exports of German banks (see ``statements`` for the variants)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from rooms.billing.operations.bankfile import Entry, Statement, StatementError

DATE_COLUMNS = ("buchungstag", "buchungsdatum", "datum", "valutadatum", "valuta", "wertstellung")
AMOUNT_COLUMNS = (
    "betrag",
    "betrageur",
    "betraginEUR".lower(),
    "umsatz",
    "umsatzeur",
    "betragineur",
)
REFERENCE_COLUMNS = (
    "verwendungszweck",
    "vorgangverwendungszweck",
    "buchungsdetails",
    "verwendungszweckzeile1",
)
NAME_COLUMNS = (
    "beguenstigterzahlungspflichtiger",
    "namezahlungsbeteiligter",
    "auftraggeberzahlungsempfaenger",
    "zahlungspflichtigerempfaenger",
    "auftraggeber",
    "zahlungspflichtiger",
    "name",
    "empfaenger",
)
IBAN_COLUMNS = ("kontonummeriban", "ibanzahlungsbeteiligter", "iban", "kontonummer")
CURRENCY_COLUMNS = ("waehrung", "wkz")
SIDE_COLUMNS = ("", "sollhaben", "sh")


def _key(name: str) -> str:
    text = name.strip().lower()
    for old, new in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(old, new)
    return re.sub(r"[^a-z0-9]", "", text)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _find(columns: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in columns:
            return columns.index(name)
    return None


def parse_german_amount(text: str) -> Decimal:
    value = text.strip().replace("€", "").replace("EUR", "").replace(" ", "").replace("\xa0", "")
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        amount = Decimal(value)
    except InvalidOperation as exc:
        raise StatementError(_("“%(value)s” is not an amount.") % {"value": text[:30]}) from exc
    if not amount.is_finite():
        raise StatementError(_("“%(value)s” is not an amount.") % {"value": text[:30]})
    return amount


def parse_german_date(text: str) -> dt.date:
    value = text.strip()
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a calendar day
        except ValueError:
            continue
    raise StatementError(
        _("“%(value)s” is not a date (expected 31.01.2026).") % {"value": value[:30]}
    )


@dataclass(frozen=True)
class _Columns:
    date: int
    amount: int
    reference: int
    name: int | None
    iban: int | None
    currency: int | None
    side: int | None


def _columns(header: list[str]) -> _Columns | None:
    keys = [_key(name) for name in header]
    date, amount, reference = (
        _find(keys, DATE_COLUMNS),
        _find(keys, AMOUNT_COLUMNS),
        _find(keys, REFERENCE_COLUMNS),
    )
    if date is None or amount is None or reference is None:
        return None
    side = None
    if keys[amount].startswith("umsatz"):
        side = next((i for i, k in enumerate(keys) if k in SIDE_COLUMNS and i > amount), None)
    return _Columns(
        date,
        amount,
        reference,
        _find(keys, NAME_COLUMNS),
        _find(keys, IBAN_COLUMNS),
        _find(keys, CURRENCY_COLUMNS),
        side,
    )


def _header(rows: list[list[str]]) -> tuple[int, _Columns]:
    for index, header in enumerate(rows[:30]):
        columns = _columns(header)
        if columns is not None:
            return index, columns
    raise StatementError(
        _(
            "The file has no column header we know (Buchungstag, Verwendungszweck, Betrag). "
            "Please export the account statement as CSV (semicolon separated) or CAMT.053."
        )
    )


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _csv_entry(row: list[str], columns: _Columns, number: int) -> Entry:
    """The row as an entry; a debit has a negative amount."""
    if len(row) <= max(columns.date, columns.amount, columns.reference):
        raise StatementError(_("Line %(line)s has too few columns.") % {"line": number})
    try:
        amount = parse_german_amount(row[columns.amount])
        booked_on = parse_german_date(row[columns.date])
    except StatementError as exc:
        raise StatementError(
            _("Line %(line)s: %(problem)s") % {"line": number, "problem": exc}
        ) from exc
    if _cell(row, columns.side).upper() == "S":
        amount = -abs(amount)
    currency = _cell(row, columns.currency).upper()
    if currency not in ("", "EUR", "€"):
        raise StatementError(
            _("Line %(line)s is in %(currency)s; only euros are read.")
            % {"line": number, "currency": currency[:5]}
        )
    return Entry(
        booked_on=booked_on,
        amount=amount,
        counterparty=_cell(row, columns.name)[:140],
        iban=_cell(row, columns.iban).replace(" ", "")[:34],
        reference=" ".join(_cell(row, columns.reference).split())[:500],
    )


def read_csv(content: bytes) -> Statement:
    text = _decode(content)
    if "\x00" in text:
        raise StatementError(_("The file is neither a CSV export nor a CAMT.053 statement."))
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    except csv.Error as exc:
        raise StatementError(
            _("The file is neither a CSV export nor a CAMT.053 statement.")
        ) from exc
    start, columns = _header(rows)
    entries: list[Entry] = []
    debits = 0
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue
        entry = _csv_entry(row, columns, number)
        if entry.amount <= 0:
            debits += 1
        else:
            entries.append(entry)
    return Statement(file_format="csv", entries=entries, debits=debits)
