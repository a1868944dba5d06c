"""Ventures through the phases: goal agreements, milestones, phase reviews, graduation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from sociallab.models import Application, MentorAssignment, Milestone, Phase, PhaseRecord, Venture
from sociallab.services import SocialLabError

if TYPE_CHECKING:
    from house.models import User


def start_venture(*, application: Application, actor: User | None) -> Venture:
    """The confirmed application becomes a venture in the phase "idea"; the applicant and
    the co-applicants who joined become its founders."""
    with transaction.atomic():
        venture, created = Venture.objects.get_or_create(
            application=application,
            defaults={
                "name": application.title,
                "summary": application.answers.get("solution", ""),
            },
        )
        if created:
            founders = [
                application.applicant_id,
                *list(
                    application.co_applicants.filter(user__isnull=False).values_list(
                        "user_id", flat=True
                    )
                ),
            ]
            venture.founders.add(*founders)
            PhaseRecord.objects.create(venture=venture, phase=Phase.IDEA)
            log_activity(
                obj=venture,
                action_type="sociallab.venture.started",
                actor=actor,
                data={"phase": Phase.IDEA.value},
            )
    return venture


def current_record(venture: Venture) -> PhaseRecord:
    record, _created = PhaseRecord.objects.get_or_create(venture=venture, phase=venture.phase)
    return record


def agree_goals(
    *, venture: Venture, actor: User, goals: str, review_on: dt.date | None
) -> PhaseRecord:
    """Write the goal agreement of the current phase and the date of its review."""
    goals = goals.strip()
    if not goals:
        raise SocialLabError(_("Please write down the goals."), field="goals")
    with transaction.atomic():
        record = current_record(venture)
        record.goals = goals[:5000]
        record.goals_agreed_at = timezone.now()
        record.review_on = review_on
        record.save()
        log_activity(
            obj=venture,
            action_type="sociallab.venture.goals_agreed",
            actor=actor,
            data={"phase": venture.phase},
        )
    return record


def review_phase(*, venture: Venture, actor: User, outcome: str, notes: str = "") -> Venture:
    """The phase review decides: on to the next phase, stay, or leave the programme."""
    if outcome not in PhaseRecord.Outcome.values:
        raise SocialLabError(_("Please choose an outcome."), field="outcome")
    with transaction.atomic():
        locked = Venture.objects.select_for_update().get(pk=venture.pk)
        record = current_record(locked)
        nxt = Phase.following(locked.phase)
        if outcome == PhaseRecord.Outcome.NEXT and nxt is None:
            raise SocialLabError(_("This is the last phase; a venture leaves it by graduating."))
        record.outcome = outcome
        record.review_notes = notes.strip()[:5000]
        record.reviewed_at = timezone.now()
        record.reviewed_by = actor
        record.save()
        log_activity(
            obj=locked,
            action_type="sociallab.venture.phase_reviewed",
            actor=actor,
            data={
                "phase": locked.phase,
                "outcome": str(PhaseRecord.Outcome(outcome).value),
            },
        )
        if outcome == PhaseRecord.Outcome.NEXT and nxt is not None:
            locked.phase = nxt
            locked.save(update_fields=["phase"])
            PhaseRecord.objects.get_or_create(venture=locked, phase=nxt)
    return locked


def add_milestone(*, venture: Venture, actor: User, title: str, due_on: dt.date) -> Milestone:
    title = title.strip()
    if not title:
        raise SocialLabError(_("Please name the milestone."), field="title")
    return Milestone.objects.create(
        venture=venture, phase=venture.phase, title=title[:200], due_on=due_on
    )


def reach_milestone(*, milestone: Milestone, actor: User) -> Milestone:
    with transaction.atomic():
        if Milestone.objects.filter(pk=milestone.pk, done_at__isnull=True).update(
            done_at=timezone.now()
        ):
            milestone.refresh_from_db()
            log_activity(
                obj=milestone.venture,
                action_type="sociallab.venture.milestone_reached",
                actor=actor,
                data={"title": milestone.title},
            )
    return milestone


def assign_mentor(
    *, venture: Venture, actor: User, mentor: User, hour_budget: Decimal
) -> MentorAssignment:
    if hour_budget < 0:
        raise SocialLabError(_("The hour budget cannot be negative."), field="hour_budget")
    with transaction.atomic():
        assignment, _created = MentorAssignment.objects.update_or_create(
            venture=venture, mentor=mentor, defaults={"hour_budget": hour_budget}
        )
        log_activity(
            obj=venture,
            action_type="sociallab.venture.mentor_assigned",
            actor=actor,
            data={"hours": str(hour_budget)},
        )
    return assignment


def graduate_venture(*, venture: Venture, actor: User, organisation_name: str) -> Venture:
    """The venture becomes an organisation of the house (through the tenants' service),
    with its founders as admins; the venture and its history stay, linked to it."""
    from tenants.services import register_organisation

    name = organisation_name.strip()
    if not name:
        raise SocialLabError(_("Please name the organisation."), field="organisation_name")
    with transaction.atomic():
        locked = Venture.objects.select_for_update().get(pk=venture.pk)
        if locked.graduated_at is not None:
            raise SocialLabError(_("This venture has already graduated."))
        organisation = register_organisation(
            name=name[:200],
            actor=actor,
            admins=list(locked.founders.all()),
            description=locked.summary,
        )
        locked.organisation = organisation
        locked.graduated_at = timezone.now()
        locked.save(update_fields=["organisation", "graduated_at"])
        log_activity(
            obj=locked,
            action_type="sociallab.venture.graduated",
            actor=actor,
            data={"organisation": organisation.name},
        )
    return locked
