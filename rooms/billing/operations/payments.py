"""Importing bank statements and matching their credits to invoices.

A credit is booked as a payment by itself when its reference names exactly one
open invoice by number and the amount is what is still open on it; everything
else waits on the matching page for house management. An import is all or
nothing: a file that cannot be read saves nothing, and a credit seen before
(same fingerprint) is not booked again.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from rooms.billing.models import BillingSettings, Invoice
from rooms.billing.operations.models import BankEntry, BankStatement
from rooms.billing.operations.statements import (
    StatementError,
    fingerprints,
    read_statement,
)
from rooms.billing.services import BillingError, record_payment

if TYPE_CHECKING:
    from house.models import User


IMPORT_LOCK = "billing.statement_import"


@dataclass(frozen=True)
class ImportResult:
    statement: BankStatement | None
    new: int
    known: int
    matched: int
    debits: int

    @property
    def unmatched(self) -> int:
        return self.new - self.matched


def invoice_numbers_in(text: str, prefix: str) -> list[str]:
    """Invoice numbers in a transfer's reference, however the bank broke or spaced them."""
    squashed = re.sub(r"\s+", "", text.upper())
    pattern = re.compile(rf"{re.escape(prefix.upper())}[-/]?(\d{{4}})[-/]?(\d{{5}})")
    found = []
    for year, sequence in pattern.findall(squashed):
        number = f"{prefix}-{year}-{sequence}"
        if number not in found:
            found.append(number)
    return found


def _auto_match(entry: BankEntry, *, prefix: str, actor: User | None) -> bool:
    numbers = invoice_numbers_in(entry.reference, prefix)
    if len(numbers) != 1:
        return False
    invoice = Invoice.objects.with_status().filter(number=numbers[0]).first()
    if invoice is None or invoice.outstanding != entry.amount:
        return False
    _book(entry, invoice=invoice, amount=entry.amount, actor=actor, automatic=True)
    return True


def _book(
    entry: BankEntry, *, invoice: Invoice, amount: Decimal, actor: User | None, automatic: bool
) -> None:
    payment = record_payment(
        invoice=invoice,
        actor=actor,
        amount=amount,
        paid_on=entry.booked_on,
        reference=entry.reference[:140],
    )
    entry.payment = payment
    entry.state = BankEntry.State.MATCHED
    entry.save(update_fields=["payment", "state"])
    log_activity(
        obj=entry.statement,
        action_type="billing.bank_entry.matched",
        actor=actor,
        data={
            "amount": f"{amount:.2f}",
            "number": invoice.number,
            "how": "auto" if automatic else "manual",
        },
    )


def import_statement(*, content: bytes, filename: str, actor: User | None) -> ImportResult:
    """Read the file, keep its new credits and book those that match an invoice."""
    try:
        parsed = read_statement(content)
    except StatementError as exc:
        raise BillingError(str(exc)) from exc
    keys = fingerprints(parsed.entries)
    prefix = BillingSettings.current().number_prefix
    with transaction.atomic():
        lock(IMPORT_LOCK, 0)  # two uploads of one file at once: the second finds the first's
        known = set(
            BankEntry.objects.filter(fingerprint__in=keys).values_list("fingerprint", flat=True)
        )
        fresh = [
            (key, entry)
            for key, entry in zip(keys, parsed.entries, strict=True)
            if key not in known
        ]
        if not fresh:
            return ImportResult(None, 0, len(known), 0, parsed.debits)
        statement = BankStatement.objects.create(
            filename=filename[:200],
            file_format=parsed.file_format,
            digest=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor,
        )
        entries = BankEntry.objects.bulk_create(
            BankEntry(
                statement=statement,
                fingerprint=key,
                booked_on=entry.booked_on,
                amount=entry.amount,
                counterparty=entry.counterparty,
                iban=entry.iban,
                reference=entry.reference,
            )
            for key, entry in fresh
        )
        matched = 0
        for entry in BankEntry.objects.filter(pk__in=[e.pk for e in entries]).select_related(
            "statement"
        ):
            try:
                with transaction.atomic():
                    matched += _auto_match(entry, prefix=prefix, actor=actor)
            except BillingError:
                continue  # e.g. the invoice was paid meanwhile: left for a person to look at
        log_activity(
            obj=statement,
            action_type="billing.statement.imported",
            actor=actor,
            data={"filename": statement.filename, "new": len(fresh), "matched": matched},
        )
    return ImportResult(statement, len(fresh), len(known), matched, parsed.debits)


def match_entry(
    *, entry: BankEntry, invoice: Invoice, actor: User | None, amount: Decimal | None = None
) -> BankEntry:
    """Book an open credit (or part of it, up to what is open) on ``invoice`` by hand."""
    with transaction.atomic():
        current = BankEntry.objects.select_for_update().select_related("statement").get(pk=entry.pk)
        if current.state != BankEntry.State.OPEN:
            raise BillingError(_("This entry of the statement has been dealt with already."))
        amount = current.amount if amount is None else amount
        if amount > current.amount:
            raise BillingError(_("The payment cannot be more than the credit on the statement."))
        _book(current, invoice=invoice, amount=amount, actor=actor, automatic=False)
    return current


def set_aside(*, entry: BankEntry, actor: User | None, note: str) -> BankEntry:
    """Mark a credit as not an invoice payment (rent, a donation), with a note why."""
    note = note.strip()
    if not note:
        raise BillingError(_("Please say what this money is for."))
    with transaction.atomic():
        current = BankEntry.objects.select_for_update().select_related("statement").get(pk=entry.pk)
        if current.state != BankEntry.State.OPEN:
            raise BillingError(_("This entry of the statement has been dealt with already."))
        current.state = BankEntry.State.IGNORED
        current.note = note[:300]
        current.save(update_fields=["state", "note"])
        log_activity(
            obj=current.statement,
            action_type="billing.bank_entry.set_aside",
            actor=actor,
            data={"amount": f"{current.amount:.2f}", "note": current.note},
        )
    return current
