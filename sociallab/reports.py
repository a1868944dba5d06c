"""Figures for the Social Lab team and its funders: one pass per question, plain data out."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from sociallab.models import (
    Application,
    Call,
    FundingApplication,
    MentoringSession,
    Phase,
    PhaseRecord,
    Venture,
)

_SUBMITTED = ~Q(applications__status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])
_ACCEPTED = Q(
    applications__status__in=[
        Application.Status.ACCEPTED,
        Application.Status.CONFIRMED,
        Application.Status.DECLINED,
    ]
)


@dataclass
class CallFigures:
    call: Call
    submitted: int
    accepted: int

    @property
    def acceptance_rate(self) -> Decimal | None:
        if not self.submitted:
            return None
        return (Decimal(self.accepted) * 100 / self.submitted).quantize(Decimal("0.1"))


@dataclass
class Figures:
    calls: list[CallFigures]
    ventures_per_phase: list[tuple[str, str, int]]
    graduated: int
    mentoring_hours: Decimal
    funding_requested: Decimal
    funding_raised: Decimal
    days_to_phase: list[tuple[str, str, Decimal | None, int]]


def figures() -> Figures:
    calls = [
        CallFigures(call=c, submitted=c.submitted, accepted=c.accepted)  # type: ignore[attr-defined]  # annotate() counts
        for c in Call.objects.annotate(
            submitted=Count("applications", filter=_SUBMITTED),
            accepted=Count("applications", filter=_ACCEPTED),
        ).order_by("-opens_at")
    ]
    counts = dict(
        Venture.objects.filter(graduated_at__isnull=True)
        .values_list("phase")
        .annotate(n=Count("pk"))
        .values_list("phase", "n")
    )
    per_phase = [(value, str(label), counts.get(value, 0)) for value, label in Phase.choices]
    hours = Decimal(0)
    for start, end in MentoringSession.objects.filter(
        status=MentoringSession.Status.HELD
    ).values_list("start", "end"):
        hours += Decimal((end - start).total_seconds()) / 3600
    money = FundingApplication.objects.aggregate(
        requested=Sum("amount"),
        raised=Sum("granted", filter=Q(status=FundingApplication.Status.GRANTED)),
    )
    waits: dict[str, list[float]] = {value: [] for value in Phase.values}
    for phase, entered, submitted in PhaseRecord.objects.filter(
        venture__application__submitted_at__isnull=False
    ).values_list("phase", "entered_at", "venture__application__submitted_at"):
        assert submitted is not None  # excluded by the filter above
        waits[phase].append((entered - submitted).total_seconds() / 86400)
    days = [
        (
            value,
            str(label),
            Decimal(str(statistics.fmean(waits[value]))).quantize(Decimal("0.1"))
            if waits[value]
            else None,
            len(waits[value]),
        )
        for value, label in Phase.choices
    ]
    return Figures(
        calls=calls,
        ventures_per_phase=per_phase,
        graduated=Venture.objects.filter(graduated_at__isnull=False).count(),
        mentoring_hours=hours.quantize(Decimal("0.1")),
        funding_requested=money["requested"] or Decimal(0),
        funding_raised=money["raised"] or Decimal(0),
        days_to_phase=days,
    )
