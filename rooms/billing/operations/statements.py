"""Reading bank statements: CAMT.053 (ISO 20022 XML) and the CSV exports of German banks.

Only credits (money received) are read; debits are counted and left out. Every
entry gets a fingerprint, so that a statement imported twice, or two exports that
overlap, book each credit once.

CAMT.053 is parsed without a document type, entities or network access (a file
that declares a DTD is refused). The CSV reader understands the exports of

* Sparkasse ("CSV-CAMT" and "CSV-MT940": ``Buchungstag``, ``Verwendungszweck``,
  ``Beguenstigter/Zahlungspflichtiger``, ``Kontonummer/IBAN``, ``Betrag``),
* Volksbanks / Raiffeisenbanks and GLS Bank (the Atruvia export: ``Buchungstag``,
  ``Name Zahlungsbeteiligter``, ``IBAN Zahlungsbeteiligter``, ``Verwendungszweck``,
  ``Betrag``; and the older one with ``Umsatz`` plus an ``S``/``H`` column),
* and any file with a date column (``Buchungstag``, ``Buchungsdatum``, ``Datum``), an amount
  column (``Betrag``, ``Betrag (EUR)``, ``Umsatz``) and a reference column
  (``Verwendungszweck``, ``Buchungsdetails``, ``Vorgang/Verwendungszweck``),

separated by semicolons, in UTF-8 or Windows-1252, with German amounts ("1.234,50")
and dates (31.01.2026 or 31.01.26); lines before the column header are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

MAX_BYTES = 5 * 1024 * 1024


class StatementError(Exception):
    """The file cannot be read as a statement; the message says why, for the uploader."""


@dataclass(frozen=True)
class Entry:
    booked_on: dt.date
    amount: Decimal
    counterparty: str
    iban: str
    reference: str
    bank_reference: str = ""


@dataclass(frozen=True)
class Statement:
    file_format: str
    entries: list[Entry]
    debits: int


def fingerprints(entries: list[Entry]) -> list[str]:
    """One key per entry; identical entries in one file are told apart by their count."""
    seen: Counter[tuple[str, ...]] = Counter()
    keys = []
    for entry in entries:
        fields = (
            entry.booked_on.isoformat(),
            f"{entry.amount:.2f}",
            " ".join(entry.reference.split()),
            entry.counterparty.strip(),
            entry.iban.replace(" ", "").upper(),
            entry.bank_reference,
        )
        seen[fields] += 1
        text = "|".join((*fields, str(seen[fields])))
        keys.append(hashlib.sha256(text.encode()).hexdigest())
    return keys


def read_statement(content: bytes) -> Statement:
    if not content.strip():
        raise StatementError(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise StatementError(_("The file is larger than 5 MB; please export a shorter period."))
    head = content.lstrip()[:200].lower()
    if head.startswith((b"<?xml", b"<document")):
        return read_camt(content)
    return read_csv(content)


# --- CAMT.053 --------------------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if isinstance(child.tag, str) and _local(child) == name]


def _path(element: etree._Element | None, *names: str) -> etree._Element | None:
    for name in names:
        if element is None:
            return None
        found = _children(element, name)
        element = found[0] if found else None
    return element


def _text(element: etree._Element | None, *names: str) -> str:
    found = _path(element, *names)
    return (found.text or "").strip() if found is not None else ""


def _camt_date(entry: etree._Element) -> dt.date:
    for names in (("BookgDt", "Dt"), ("BookgDt", "DtTm"), ("ValDt", "Dt")):
        value = _text(entry, *names)
        if value:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                break
    raise StatementError(_("An entry of the statement has no readable booking date."))


def _camt_amount(element: etree._Element | None) -> Decimal | None:
    if element is None:
        return None
    currency = element.get("Ccy", "EUR")
    if currency != "EUR":
        raise StatementError(
            _("The statement holds an amount in %(currency)s; only euros are read.")
            % {"currency": currency}
        )
    try:
        amount = Decimal((element.text or "").strip())
    except InvalidOperation as exc:
        raise StatementError(_("An amount in the statement is not a number.")) from exc
    if not amount.is_finite() or amount < 0:
        raise StatementError(_("An amount in the statement is not a number."))
    return amount


def _party(details: etree._Element) -> tuple[str, str]:
    parties = _path(details, "RltdPties")
    name = _text(parties, "Dbtr", "Nm") or _text(parties, "Dbtr", "Pty", "Nm")
    iban = _text(parties, "DbtrAcct", "Id", "IBAN")
    return name, iban


def read_camt(content: bytes) -> Statement:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise StatementError(
            _("The file is not a readable CAMT.053 statement (broken XML).")
        ) from exc
    if root.getroottree().docinfo.doctype:
        raise StatementError(_("The file declares a document type; a CAMT.053 statement has none."))
    if _local(root) != "Document" or "camt.053" not in (etree.QName(root).namespace or ""):
        raise StatementError(_("The XML file is not a CAMT.053 account statement."))
    statements = [s for group in _children(root, "BkToCstmrStmt") for s in _children(group, "Stmt")]
    if not statements:
        raise StatementError(_("The XML file is not a CAMT.053 account statement."))
    entries: list[Entry] = []
    debits = 0
    for statement in statements:
        for entry in _children(statement, "Ntry"):
            if _text(entry, "CdtDbtInd") != "CRDT":
                debits += 1
                continue
            status = _text(entry, "Sts") or _text(entry, "Sts", "Cd")
            if status and status not in ("BOOK",):
                continue
            entries.extend(_camt_entry(entry))
    return Statement(file_format="camt053", entries=entries, debits=debits)


def _camt_entry(entry: etree._Element) -> list[Entry]:
    booked_on = _camt_date(entry)
    total = _camt_amount(_path(entry, "Amt"))
    bank_reference = _text(entry, "AcctSvcrRef") or _text(entry, "NtryRef")
    transactions = [tx for d in _children(entry, "NtryDtls") for tx in _children(d, "TxDtls")]
    if not transactions:
        if total is None:
            raise StatementError(_("An entry of the statement has no amount."))
        return [Entry(booked_on, total, "", "", "", bank_reference)]
    found = []
    for index, tx in enumerate(transactions):
        amount = _camt_amount(_path(tx, "AmtDtls", "TxAmt", "Amt")) or _camt_amount(
            _path(tx, "Amt")
        )
        if amount is None:
            if len(transactions) > 1 or total is None:
                raise StatementError(_("An entry of the statement has no amount."))
            amount = total
        name, iban = _party(tx)
        remittance = _path(tx, "RmtInf")
        lines = (
            [(u.text or "").strip() for u in _children(remittance, "Ustrd")]
            if remittance is not None
            else []
        )
        structured = _text(remittance, "Strd", "CdtrRefInf", "Ref")
        reference = " ".join(
            part
            for part in [*lines, structured, _text(tx, "Refs", "EndToEndId")]
            if part and part != "NOTPROVIDED"
        )
        found.append(
            Entry(
                booked_on,
                amount,
                name[:140],
                iban[:34],
                reference[:500],
                f"{bank_reference}/{index}",
            )
        )
    return found


# --- CSV -------------------------------------------------------------------------------------

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
