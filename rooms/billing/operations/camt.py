"""Reading CAMT.053 (ISO 20022 XML) account statements, without a document type, entities
or network access: a file that declares a DTD is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from rooms.billing.operations.bankfile import Entry, Statement, StatementError


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
