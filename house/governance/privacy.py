"""Personal data of the governance area: seats, apologies, answers, named ballots, corrections,
answers to date polls and vote delegations."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.privacy import ERASED, DataSubject, PersonalDataProvider, RetainedRecord, register


@register
class GovernanceData(PersonalDataProvider):
    key = "governance"
    erase_order = 40
    retained = (
        RetainedRecord(
            what=_("Minutes of committee meetings (attendance and named votes)"),
            reason=_(
                "Minutes prove how the association's committees decided; they are kept as "
                "the association's records for as long as its resolutions have effect."
            ),
            model="governance.Minutes",
        ),
        RetainedRecord(
            what=_("Entries of committee minutes (named votes)"),
            reason=_("Part of the minutes, kept with them."),
            model="governance.MinutesEntry",
        ),
    )

    def export(self, subject: DataSubject) -> Any:
        from house.governance.models import (
            Attendance,
            Ballot,
            CircularResponse,
            DatePollAnswer,
            Delegation,
            Membership,
            MinutesCorrection,
            VoteEntitlement,
        )

        user = subject.user
        delegations = Delegation.objects.select_related(
            "membership__person", "delegate", "meeting", "vote"
        )
        return {
            "memberships": [
                {
                    "committee": m.committee.name,
                    "organisation": m.organisation.name if m.organisation else None,
                    "role": m.role,
                    "voting_right": m.voting_right,
                    "deputy": m.deputy.name if m.deputy else None,
                    "start": m.start_date.isoformat(),
                    "end": m.end_date.isoformat() if m.end_date else None,
                    "public_consent": m.public_consent,
                }
                for m in Membership.objects.filter(person=user).select_related(
                    "committee", "organisation", "deputy"
                )
            ],
            "deputy_for": list(
                Membership.objects.filter(deputy=user).values_list("person__name", flat=True)
            ),
            "attendance": [
                {
                    "meeting": a.meeting.title,
                    "date": a.meeting.start.isoformat(),
                    "status": a.status,
                    "apology_note": a.apology_note,
                }
                for a in Attendance.objects.filter(membership__person=user).select_related(
                    "meeting"
                )
            ],
            "answers_to_decisions_without_meeting": [
                {
                    "decision": r.decision.title,
                    "choice": r.choice,
                    "statement": r.statement,
                    "answered_at": r.answered_at.isoformat() if r.answered_at else None,
                }
                for r in CircularResponse.objects.filter(membership__person=user).select_related(
                    "decision"
                )
            ],
            "ballots": [
                {"vote": question, "choice": choice}
                for question, choice in Ballot.objects.filter(voter=user).values_list(
                    "vote__question", "choice"
                )
            ],
            # Secret votes: only that the person took part; the choice is unknowable.
            "votes_taken_part_in": list(
                VoteEntitlement.objects.filter(person=user, has_voted=True).values_list(
                    "vote__question", flat=True
                )
            ),
            "minutes_corrections": list(
                MinutesCorrection.objects.filter(author=user).values_list("text", flat=True)
            ),
            "date_poll_answers": [
                {"poll": title, "date": start.isoformat(), "answer": answer}
                for title, start, answer in DatePollAnswer.objects.filter(
                    membership__person=user
                ).values_list("slot__poll__title", "slot__start", "answer")
            ],
            "votes_delegated": [
                {
                    "to": d.delegate.name,
                    "meeting": d.meeting.title if d.meeting else None,
                    "vote": d.vote.question if d.vote else None,
                }
                for d in delegations.filter(membership__person=user)
            ],
            "votes_received_by_delegation": [
                {
                    "from": d.membership.person.name,
                    "meeting": d.meeting.title if d.meeting else None,
                    "vote": d.vote.question if d.vote else None,
                }
                for d in delegations.filter(delegate=user)
            ],
        }

    def erase(self, subject: DataSubject) -> None:
        from house.governance.models import (
            Attendance,
            Ballot,
            CircularResponse,
            DatePollAnswer,
            Delegation,
            Membership,
            MinutesCorrection,
            VoteEntitlement,
        )

        user = subject.user
        # Answers to date polls and delegations are arrangements, not records: they go.
        DatePollAnswer.objects.filter(membership__person=user).delete()
        Delegation.objects.filter(Q(membership__person=user) | Q(delegate=user)).delete()
        VoteEntitlement.objects.filter(delegate=user).update(delegate=None)
        Attendance.objects.filter(membership__person=user).update(apology_note="")
        CircularResponse.objects.filter(membership__person=user).update(statement=ERASED)
        MinutesCorrection.objects.filter(author=user).update(text=ERASED, author=None)
        Ballot.objects.filter(voter=user).update(voter=None)
        Membership.objects.filter(deputy=user).update(deputy=None)
        # The seats themselves go with the account (their rows cascade).
