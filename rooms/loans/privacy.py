"""The personal data of the equipment loans (DSGVO Art. 15/17): who borrowed what,
when, and the notes the reception wrote on the loan."""

from __future__ import annotations

from typing import Any

from house.privacy import DataSubject, PersonalDataProvider, register
from rooms.loans.models import Loan


@register
class LoanData(PersonalDataProvider):
    key = "loans"
    erase_order = 18

    def export(self, subject: DataSubject) -> dict[str, Any]:
        return {
            "loans": [
                {
                    "item": loan.item.name,
                    "organisation": loan.organisation.name if loan.organisation else None,
                    "from": loan.starts.isoformat(),
                    "due_back": loan.ends.isoformat(),
                    "state": loan.state,
                    "returned": loan.returned_at.isoformat() if loan.returned_at else None,
                    "note": loan.note,
                }
                for loan in Loan.objects.filter(borrower=subject.user).select_related(
                    "item", "organisation"
                )
            ]
        }

    def erase(self, subject: DataSubject) -> None:
        """The loan stays (the item's history); the borrower and their words go."""
        for loan in Loan.objects.filter(borrower=subject.user):
            Loan.objects.filter(pk=loan.pk).update(borrower=None, note=subject.scrub(loan.note))
