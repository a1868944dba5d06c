"""The personal data the invoices hold (DSGVO Art. 15/17).

An invoice names its recipient (name, postal address, e-mail address) and the
booked service; payments carry the transfer's reference. Both are accounting
records the house must keep unchanged for the legal period (§ 147 AO, § 14b
UStG, GoBD): they are exported to the person and kept on erasure.

The electronic forms of an invoice (XRechnung XML, ZUGFeRD PDF) are written
from the kept invoice when asked for and stored nowhere else. The e-invoice
facts frozen with it hold the house's and the booking organisation's
addresses and the Leitweg-ID, and the billing profiles an organisation's
Leitweg-ID: the routing number of an authority's mailbox, not a person's data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.privacy import DataSubject, PersonalDataProvider, RetainedRecord, register
from rooms.billing.models import Invoice


def _invoices_of(subject: DataSubject) -> Any:
    query = Q(booking__person=subject.user) | Q(booking__created_by=subject.user)
    for email in subject.emails:
        query |= Q(recipient_email__iexact=email) | Q(booking__contact_email__iexact=email)
    return (
        Invoice.objects.filter(query)
        .select_related("cancels")
        .prefetch_related("lines", "payments")
        .order_by("year", "sequence")
    )


def _bank_entry(payment: Any) -> dict[str, str] | None:
    entry = getattr(payment, "bank_entry", None)
    if entry is None:
        return None
    return {"from": entry.counterparty, "iban": entry.iban, "reference": entry.reference}


@register
class BillingData(PersonalDataProvider):
    key = "billing"
    erase_order = 15
    retained = (
        RetainedRecord(
            what=_("Invoices and cancellation invoices (recipient, address, service, amounts)"),
            reason=_(
                "Invoices must be kept unchanged for ten years (§ 147 AO, § 14b UStG, GoBD); "
                "they stay after erasure of the account, with the recipient as invoiced."
            ),
            model="billing.Invoice",
        ),
        RetainedRecord(
            what=_("Payments received for invoices (amount, date, reference)"),
            reason=_(
                "Payments are accounting records the house must keep for ten years "
                "(§ 147 AO, § 257 HGB)."
            ),
            model="billing.Payment",
        ),
        RetainedRecord(
            what=_("Credits of imported bank statements (payer's name and IBAN, reference)"),
            reason=_(
                "Bank statements are accounting records the house must keep for ten years "
                "(§ 147 AO, § 257 HGB)."
            ),
            model="billing.BankEntry",
        ),
        RetainedRecord(
            what=_("Deposits received, returned or kept (amounts, dates, reason for keeping)"),
            reason=_(
                "Deposits received and paid back are accounting records the house must keep "
                "for ten years (§ 147 AO, § 257 HGB)."
            ),
            model="billing.Deposit",
        ),
    )

    def export(self, subject: DataSubject) -> dict[str, Any]:
        return {"invoices": self._invoices(subject), "deposits": self._deposits(subject)}

    def _deposits(self, subject: DataSubject) -> list[dict[str, Any]]:
        from rooms.billing.operations.models import Deposit

        query = Q(booking__person=subject.user) | Q(booking__created_by=subject.user)
        for email in subject.emails:
            query |= Q(booking__contact_email__iexact=email)
        return [
            {
                "booking": deposit.booking.title,
                "amount": str(deposit.amount),
                "state": deposit.state,
                "received_on": deposit.received_on.isoformat(),
                "settled_on": deposit.settled_on.isoformat() if deposit.settled_on else None,
                "kept": str(deposit.kept_amount),
                "reason": deposit.reason,
            }
            for deposit in Deposit.objects.filter(query).select_related("booking")
        ]

    def _invoices(self, subject: DataSubject) -> list[dict[str, Any]]:
        return [
            {
                "number": invoice.number,
                "kind": invoice.kind,
                "cancels": invoice.cancels.number if invoice.cancels else None,
                "reason": invoice.reason,
                "issued_on": invoice.issued_on.isoformat(),
                "service_date": invoice.service_date.isoformat(),
                "recipient_name": invoice.recipient_name,
                "recipient_address": invoice.recipient_address,
                "recipient_email": invoice.recipient_email,
                "service": invoice.service_description,
                "lines": [
                    {"description": line.description, "net": str(line.net)}
                    for line in invoice.lines.all()
                ],
                "gross": str(invoice.gross),
                "payments": [
                    {
                        "amount": str(payment.amount),
                        "paid_on": payment.paid_on.isoformat(),
                        "reference": payment.reference,
                        "bank_entry": _bank_entry(payment),
                    }
                    for payment in invoice.payments.all()
                ],
            }
            for invoice in _invoices_of(subject)
        ]

    def erase(self, subject: DataSubject) -> None:
        """Invoices and payments are kept by law (see ``retained``): nothing is erased."""
