"""Single steps the demo repeats: applying, the review criteria, a review, moving a call into
the past."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from house.models import User
from sociallab.models import (
    Application,
    Call,
    Criterion,
)
from sociallab.services import applications, review

from .cast import IDEAS, _answers


def _apply(call: Call, user: User, key: str, *, submit: bool = True) -> Application:
    title, problem, solution, team = IDEAS[key]
    application = applications.start_application(call=call, applicant=user)
    applications.save_draft(
        application=application, actor=user, title=title, answers=_answers(problem, solution, team)
    )
    if submit:
        applications.submit_application(application=application, actor=user, consent=True)
    return application


def _criteria(call: Call) -> list[Criterion]:
    return [
        Criterion.objects.create(
            call=call, name="Soziale Wirkung", weight=Decimal("2"), position=1
        ),
        Criterion.objects.create(call=call, name="Machbarkeit", weight=Decimal("1"), position=2),
        Criterion.objects.create(call=call, name="Team", weight=Decimal("1"), position=3),
        Criterion.objects.create(
            call=call,
            name="Bezug zum Haus",
            required=False,
            in_total=False,
            position=4,
            description="Nutzt die Idee die Räume und Organisationen des Hauses?",
        ),
    ]


def _review(
    reviewer: User,
    application: Application,
    criteria: list[Criterion],
    values: tuple[int, ...],
    text: str,
    *,
    for_applicant: str = "Eine klare Idee mit Bezug zum Quartier.",
) -> None:
    review.save_review(
        reviewer=reviewer,
        application=application,
        scores={c.pk: v for c, v in zip(criteria, values, strict=False)},
        comment_for_staff=text,
        comment_for_applicant=for_applicant if values[0] >= 4 else "",
        submit=True,
    )


def _move_call_to_past(call: Call, now: dt.datetime) -> None:
    Call.objects.filter(pk=call.pk).update(
        opens_at=now - dt.timedelta(days=200),
        closes_at=now - dt.timedelta(days=150),
        decisions_by=(now - dt.timedelta(days=130)).date(),
        programme_starts=(now - dt.timedelta(days=120)).date(),
    )
    call.refresh_from_db()
