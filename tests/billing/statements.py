"""Bank statement files as the banks write them, for the import tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

IBAN = "DE89370400440532013000"
CAMT_NS = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"


def camt(entries: list[dict], *, namespace: str = CAMT_NS) -> bytes:
    """A CAMT.053 statement with one ``Ntry`` per dict (amount, day, reference, name, iban…)."""
    parts = []
    for index, entry in enumerate(entries):
        side = entry.get("side", "CRDT")
        parts.append(
            f"""<Ntry><NtryRef>{index}</NtryRef>
  <Amt Ccy="{entry.get("currency", "EUR")}">{entry["amount"]}</Amt>
  <CdtDbtInd>{side}</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
  <BookgDt><Dt>{entry.get("day", "2026-11-02")}</Dt></BookgDt>
  <ValDt><Dt>{entry.get("day", "2026-11-02")}</Dt></ValDt>
  <AcctSvcrRef>{entry.get("bank_ref", f"REF{index}")}</AcctSvcrRef>
  <NtryDtls><TxDtls>
    <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
    <RltdPties><Dbtr><Pty><Nm>{entry.get("name", "Firma Muster GmbH")}</Nm></Pty></Dbtr>
      <DbtrAcct><Id><IBAN>{entry.get("iban", IBAN)}</IBAN></Id></DbtrAcct></RltdPties>
    <RmtInf><Ustrd>{entry.get("reference", "")}</Ustrd></RmtInf>
  </TxDtls></NtryDtls>
</Ntry>"""
        )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="{namespace}"><BkToCstmrStmt>
<GrpHdr><MsgId>STMT1</MsgId><CreDtTm>2026-11-03T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>1</Id><Acct><Id><IBAN>DE02120300000000202051</IBAN></Id></Acct>
{"".join(parts)}
</Stmt></BkToCstmrStmt></Document>""".encode()


def _german(amount: Decimal) -> str:
    return f"{amount:.2f}".replace(".", ",")


def sparkasse_csv(rows: list[tuple[dt.date, Decimal, str, str]]) -> bytes:
    """Sparkasse "CSV-CAMT" export (Windows-1252, two-digit years): day, amount, reference, name."""
    header = (
        '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";'
        '"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";'
        '"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";'
        '"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";'
        '"Waehrung";"Info"'
    )
    lines = [header]
    for day, amount, reference, name in rows:
        lines.append(
            f'"DE02120300000000202051";"{day:%d.%m.%y}";"{day:%d.%m.%y}";"GUTSCHR. UEBERWEISUNG";'
            f'"{reference}";"";"";"NOTPROVIDED";"";"";"";"{name}";"DE89370400440532013000";'
            f'"COBADEFFXXX";"{_german(amount)}";"EUR";"Umsatz gebucht"'
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def volksbank_csv(rows: list[tuple[dt.date, Decimal, str, str]]) -> bytes:
    """The Atruvia export of Volksbanks and GLS Bank (UTF-8, full years, a preamble-free file)."""
    header = (
        "Bezeichnung Auftragskonto;IBAN Auftragskonto;BIC Auftragskonto;Bankname Auftragskonto;"
        "Buchungstag;Valutadatum;Name Zahlungsbeteiligter;IBAN Zahlungsbeteiligter;"
        "BIC (SWIFT-Code) Zahlungsbeteiligter;Buchungstext;Verwendungszweck;Betrag;Waehrung;"
        "Saldo nach Buchung;Bemerkung;Kategorie;Steuerrelevant;Glaeubiger ID;Mandatsreferenz"
    )
    lines = [header]
    for day, amount, reference, name in rows:
        lines.append(
            f"Girokonto;DE02430609670000000000;GENODEM1GLS;GLS Bank;{day:%d.%m.%Y};{day:%d.%m.%Y};"
            f"{name};DE89370400440532013000;COBADEFFXXX;Gutschrift;{reference};{_german(amount)};EUR;"
            "12.345,67;;;;;"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def old_volksbank_csv(rows: list[tuple[dt.date, Decimal, str, str]]) -> bytes:
    """The older VR export: a preamble, ``Umsatz`` as a positive amount and an S/H column."""
    lines = [
        '"Volksbank Kassel Göttingen eG"',
        '"Umsatzanzeige"',
        "",
        (
            '"Buchungstag";"Valuta";"Auftraggeber/Zahlungsempfänger";"Empfänger/Zahlungspflichtiger";'
            '"Konto-Nr.";"IBAN";"BLZ";"BIC";"Vorgang/Verwendungszweck";"Kundenreferenz";"Währung";'
            '"Umsatz";" "'
        ),
    ]
    for day, amount, reference, name in rows:
        side = "S" if amount < 0 else "H"
        lines.append(
            f'"{day:%d.%m.%Y}";"{day:%d.%m.%Y}";"{name}";"Treppe 4 e.V.";"";'
            f'"DE89370400440532013000";"";"COBADEFFXXX";"{reference}";"";"EUR";'
            f'"{_german(abs(amount))}";"{side}"'
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")
