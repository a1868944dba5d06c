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

from django.utils.translation import gettext as _

from rooms.billing.operations.bank_csv import parse_german_amount, parse_german_date, read_csv
from rooms.billing.operations.bankfile import (
    MAX_BYTES,
    Entry,
    Statement,
    StatementError,
    fingerprints,
)
from rooms.billing.operations.camt import read_camt

__all__ = [
    "MAX_BYTES",
    "Entry",
    "Statement",
    "StatementError",
    "fingerprints",
    "parse_german_amount",
    "parse_german_date",
    "read_camt",
    "read_csv",
    "read_statement",
]


def read_statement(content: bytes) -> Statement:
    if not content.strip():
        raise StatementError(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise StatementError(_("The file is larger than 5 MB; please export a shorter period."))
    head = content.lstrip()[:200].lower()
    if head.startswith((b"<?xml", b"<document")):
        return read_camt(content)
    return read_csv(content)
