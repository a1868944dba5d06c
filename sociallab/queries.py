"""Reads that span the Social Lab's models: what a reviewer may see, and the ranking.

Anonymous review: a reviewer sees applicants' names only when the active phase
shows names *and* every team of the call they belong to may see names. In
anonymous mode titles and answers come from the staff's redacted copy where
one exists, and every name and e-mail address of the applicants is masked in
the rest, so a name typed into an answer does not reach the reviewer.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Prefetch

from sociallab.models import (
    Application,
    Assignment,
    Call,
    Conflict,
    Review,
    ReviewPhase,
)

if TYPE_CHECKING:
    from house.models import User

MASK = "███"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def active_phase(call: Call) -> ReviewPhase | None:
    return call.review_phases.filter(is_active=True).first()


def is_anonymous_for(user: User, call: Call, phase: ReviewPhase | None) -> bool:
    if phase is None or not phase.show_names:
        return True
    teams = list(call.reviewer_teams.filter(members=user).values_list("may_see_names", flat=True))
    return not teams or not all(teams)


def reviewable(user: User, call: Call, phase: ReviewPhase | None) -> Any:
    """The submitted applications ``user`` may review now: never those they declared a
    conflict on; only assigned ones when the phase says so."""
    conflicted = Conflict.objects.filter(application=OuterRef("pk"), reviewer=user)
    assigned = Assignment.objects.filter(application=OuterRef("pk"), reviewer=user)
    qs = (
        Application.objects.filter(call=call)
        .submitted()
        .exclude(status=Application.Status.WITHDRAWN)
        .annotate(conflicted=Exists(conflicted), assigned=Exists(assigned))
        .filter(conflicted=False)
        .select_related("form")
        .order_by("pk")
    )
    if phase is None:
        return qs.none()
    if phase.scope == ReviewPhase.Scope.ASSIGNED and not phase.can_bid:
        # While bidding, reviewers see every application to bid on.
        qs = qs.filter(assigned=True)
    return qs


def _people_of(application: Application) -> list[str]:
    people = [application.applicant.name, application.applicant.email]
    for co in application.co_applicants.select_related("user"):
        people.append(co.email)
        if co.user is not None:
            people.extend([co.user.name, co.user.email])
    words: list[str] = []
    for person in people:
        if person:
            words.append(person)
            words.extend(part for part in person.split() if len(part) > 2)
    return sorted(set(words), key=len, reverse=True)


def mask(text: str, people: list[str]) -> str:
    text = _EMAIL.sub(MASK, text)
    for name in people:
        text = re.sub(re.escape(name), MASK, text, flags=re.IGNORECASE)
    return text


@dataclass
class ReviewerView:
    """What a reviewer reads of an application."""

    title: str
    answers: list[tuple[dict[str, Any], Any]]
    applicant: str = ""
    co_applicants: list[str] = field(default_factory=list)


def reviewer_view(application: Application, *, anonymous: bool) -> ReviewerView:
    if not anonymous:
        return ReviewerView(
            title=application.title,
            answers=application.answer_list(),
            applicant=application.applicant.name or application.applicant.email,
            co_applicants=[
                co.user.name if co.user and co.user.name else co.email
                for co in application.co_applicants.select_related("user").filter(
                    accepted_at__isnull=False
                )
            ],
        )
    people = _people_of(application)
    answers = []
    for question in application.form.questions:
        key = question["key"]
        if application.redacted_answers.get(key):
            value: Any = application.redacted_answers[key]
        else:
            value = application.answers.get(key, "")
        if isinstance(value, str):
            value = mask(value, people)
        answers.append((question, value))
    title = mask(application.redacted_title or application.title, people)
    return ReviewerView(title=title, answers=answers)


def has_reviewed(user: User, application: Application) -> bool:
    return Review.objects.filter(
        application=application, reviewer=user, submitted_at__isnull=False
    ).exists()


def may_see_other_reviews(user: User, application: Application, phase: ReviewPhase | None) -> bool:
    """Other reviewers' reviews are shown always, never or after the own review, as the
    phase says."""
    if phase is None or phase.other_reviews == ReviewPhase.OtherReviews.NEVER:
        return False
    if phase.other_reviews == ReviewPhase.OtherReviews.ALWAYS:
        return True
    return has_reviewed(user, application)


def may_see_aggregates(user: User, application: Application, phase: ReviewPhase | None) -> bool:
    """Mean, median and spread never influence a reviewer before their own review."""
    if phase is None or phase.other_reviews == ReviewPhase.OtherReviews.NEVER:
        return False
    return has_reviewed(user, application)


@dataclass
class RankRow:
    application: Application
    totals: list[Decimal]
    mean: Decimal | None
    median: Decimal | None
    spread: Decimal | None
    reviews: int


def _q(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def aggregate(totals: list[Decimal]) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Mean, median and spread (population standard deviation) of weighted totals."""
    if not totals:
        return None, None, None
    values = [float(t) for t in totals]
    spread = statistics.pstdev(values) if len(values) > 1 else 0.0
    return _q(statistics.fmean(values)), _q(statistics.median(values)), _q(spread)


def ranking(call: Call, *, order: str = "mean") -> list[RankRow]:
    """Submitted applications of ``call`` with the aggregates of the counted reviews
    (submitted, by reviewers without a conflict on the application)."""
    applications = (
        Application.objects.filter(call=call)
        .submitted()
        .exclude(status=Application.Status.WITHDRAWN)
        .select_related("applicant")
        .prefetch_related(
            Prefetch("reviews", queryset=Review.objects.counted(), to_attr="counted_reviews")
        )
    )
    rows = []
    for application in applications:
        counted = application.counted_reviews  # type: ignore[attr-defined]  # Prefetch to_attr
        totals = [r.total for r in counted if r.total is not None]
        mean, median, spread = aggregate(totals)
        rows.append(RankRow(application, totals, mean, median, spread, len(totals)))
    if order == "disagreement":
        rows.sort(key=lambda r: (r.spread is None, -(r.spread or 0), r.application.pk))
    elif order == "median":
        rows.sort(key=lambda r: (r.median is None, -(r.median or 0), r.application.pk))
    else:
        rows.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.application.pk))
    return rows
