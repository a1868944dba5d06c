"""What a bank statement file holds once read: its credits, and a fingerprint of each."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

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
