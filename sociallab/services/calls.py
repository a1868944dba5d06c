"""Calls for ideas and their versioned application forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify
from django.utils.translation import gettext as _

from house import locks
from sociallab.models import Call, Criterion, FormVersion, ReviewerTeam, ReviewPhase
from sociallab.models.calls import validate_questions
from sociallab.services import SocialLabError

#: The Social Lab's usual form: a self-assessment with eligibility questions, then the idea.
STANDARD_QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "based_in_region",
        "label": "Wird Ihre Initiative in Kassel oder Nordhessen wirken?",
        "label_en": "Will your initiative work in Kassel or North Hesse?",
        "kind": "yesno",
        "required": True,
        "eligibility": True,
        "expected": True,
        "section": "self_assessment",
    },
    {
        "key": "social_purpose",
        "label": "Verfolgt Ihre Idee in erster Linie ein gemeinnütziges, soziales Ziel?",
        "label_en": "Does your idea pursue a charitable, social aim first of all?",
        "kind": "yesno",
        "required": True,
        "eligibility": True,
        "expected": True,
        "section": "self_assessment",
    },
    {
        "key": "stage",
        "label": "Wie weit ist Ihre Idee?",
        "label_en": "How far has your idea come?",
        "kind": "choice",
        "choices": ["Idee", "Erste Schritte", "Läuft schon im Kleinen"],
        "required": True,
        "section": "self_assessment",
    },
    {
        "key": "problem",
        "label": "Welches soziale Problem wollen Sie lösen, und für wen?",
        "label_en": "Which social problem do you want to solve, and for whom?",
        "kind": "textarea",
        "required": True,
        "max_length": 3000,
        "section": "questions",
    },
    {
        "key": "solution",
        "label": "Wie sieht Ihre Lösung aus?",
        "label_en": "What does your solution look like?",
        "kind": "textarea",
        "required": True,
        "max_length": 3000,
        "section": "questions",
    },
    {
        "key": "team",
        "label": "Wer gehört zu Ihrem Team, und was bringen Sie mit?",
        "label_en": "Who is in your team, and what do you bring?",
        "kind": "textarea",
        "required": True,
        "max_length": 2000,
        "section": "questions",
    },
    {
        "key": "support",
        "label": "Welche Unterstützung brauchen Sie vom Social Lab?",
        "label_en": "What support do you need from the Social Lab?",
        "kind": "textarea",
        "required": False,
        "max_length": 2000,
        "section": "questions",
    },
]


def create_call(
    *,
    title: str,
    summary: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    decisions_by: dt.date,
    programme: str = "",
    questions: list[dict[str, Any]] | None = None,
    is_published: bool = False,
    slug: str = "",
) -> Call:
    """Create a call with its first form version (the standard questions if none are given)."""
    with transaction.atomic():
        call = Call.objects.create(
            title=title,
            slug=slug or slugify(title)[:80],
            summary=summary,
            programme=programme,
            opens_at=opens_at,
            closes_at=closes_at,
            decisions_by=decisions_by,
            is_published=is_published,
        )
        publish_form_version(call=call, questions=questions or STANDARD_QUESTIONS)
    return call


def publish_form_version(*, call: Call, questions: list[dict[str, Any]]) -> FormVersion:
    """Add a new version of the call's form. Drafts move to it when next saved; submitted
    applications keep the version they answered. Raises ``ValidationError``."""
    validate_questions(questions)
    with transaction.atomic():
        locks.lock("sociallab.call", call.pk)
        latest = call.forms.aggregate(latest=Max("version"))["latest"] or 0
        form = FormVersion(call=call, version=latest + 1, questions=questions)
        form.full_clean()
        form.save()
    return form


__all__ = ["STANDARD_QUESTIONS", "ValidationError", "create_call", "publish_form_version"]


def add_criterion(
    *,
    call: Call,
    name: str,
    weight: Decimal,
    max_score: int = 5,
    required: bool = True,
    in_total: bool = True,
) -> Criterion:
    name = name.strip()
    if not name:
        raise SocialLabError(_("Please name the criterion."), field="name")
    position = call.criteria.count() + 1
    return Criterion.objects.create(
        call=call,
        name=name[:100],
        weight=weight,
        max_score=max_score,
        required=required,
        in_total=in_total,
        position=position,
    )


def add_review_phase(*, call: Call, name: str, **settings: Any) -> ReviewPhase:
    name = name.strip()
    if not name:
        raise SocialLabError(_("Please name the phase."), field="name")
    position = call.review_phases.count() + 1
    return ReviewPhase.objects.create(call=call, name=name[:100], position=position, **settings)


def activate_phase(*, call: Call, phase: ReviewPhase | None) -> None:
    """Make ``phase`` the call's one active review phase (or end review with ``None``)."""
    with transaction.atomic():
        locks.lock("sociallab.call", call.pk)
        call.review_phases.update(is_active=False)
        if phase is not None:
            ReviewPhase.objects.filter(pk=phase.pk, call=call).update(is_active=True)


def add_reviewer_team(
    *, call: Call, name: str, may_see_names: bool, emails: list[str]
) -> ReviewerTeam:
    """A jury of people who have an account; refused (nothing saved) for unknown addresses."""
    from house.models import User

    name = name.strip()
    if not name:
        raise SocialLabError(_("Please name the team."), field="name")
    wanted = {e.strip().lower() for e in emails if e.strip()}
    members = list(User.objects.filter(email__in=wanted))
    unknown = wanted - {m.email.lower() for m in members}
    if unknown:
        raise SocialLabError(
            _("These addresses have no account yet: %(emails)s")
            % {"emails": ", ".join(sorted(unknown))},
            field="emails",
        )
    with transaction.atomic():
        team, _created = ReviewerTeam.objects.update_or_create(
            call=call, name=name[:100], defaults={"may_see_names": may_see_names}
        )
        team.members.set(members)
    return team


def set_published(*, call: Call, published: bool) -> Call:
    Call.objects.filter(pk=call.pk).update(is_published=published)
    call.is_published = published
    return call
