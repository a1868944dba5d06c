"""Decisions without a meeting: § 32 (2) BGB by default, majority where the rules allow it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.governance import services
from house.governance.models import CircularDecision, Resolution
from house.governance.services import GovernanceError
from house.models import OutboxEmail
from tests.governance.factories import meeting, members

pytestmark = pytest.mark.django_db


def _open(committee, manager, days=7):
    return services.open_circular(
        committee=committee,
        title="Zuschuss Sommerfest",
        text="Das Kuratorium bewilligt 500 Euro.",
        deadline=timezone.now() + dt.timedelta(days=days),
        actor=manager,
    )


def test_every_voting_member_is_asked_and_advisory_members_are_not(curatorium, manager):
    voting = members(curatorium, 3)
    members(curatorium, 1, role="advisory")

    decision = _open(curatorium, manager)

    assert set(decision.responses.values_list("membership_id", flat=True)) == {m.pk for m in voting}
    assert OutboxEmail.objects.filter(kind="governance.circular_circular").count() == 3


def test_unanimous_agreement_adopts_and_registers_it_published(curatorium, manager):
    voting = members(curatorium, 3)
    decision = _open(curatorium, manager)

    for seat in voting:
        services.answer_circular(decision=decision, person=seat.person, choice="yes")

    decision.refresh_from_db()
    assert decision.state == CircularDecision.State.ADOPTED
    resolution = Resolution.objects.get(circular=decision)
    assert (resolution.yes, resolution.no, resolution.published) == (3, 0, True)


def test_one_no_under_the_default_rule_rejects_at_once(curatorium, manager):
    voting = members(curatorium, 3)
    decision = _open(curatorium, manager)

    services.answer_circular(decision=decision, person=voting[0].person, choice="yes")
    services.answer_circular(decision=decision, person=voting[1].person, choice="no")

    decision.refresh_from_db()
    assert decision.state == CircularDecision.State.REJECTED
    with pytest.raises(GovernanceError):
        services.answer_circular(decision=decision, person=voting[2].person, choice="yes")


def test_no_answer_by_the_deadline_counts_as_no(curatorium, manager):
    voting = members(curatorium, 3)
    decision = _open(curatorium, manager)
    services.answer_circular(decision=decision, person=voting[0].person, choice="yes")
    services.answer_circular(decision=decision, person=voting[1].person, choice="yes")

    closed = services.close_due_circulars(now=timezone.now() + dt.timedelta(days=8))

    decision.refresh_from_db()
    assert closed == 1
    assert decision.state == CircularDecision.State.REJECTED
    assert Resolution.objects.get(circular=decision).no == 1


def test_a_majority_rule_adopts_with_more_than_half_of_all_voting_members(manager):
    committee = services.create_committee(
        name="AG Quartier", kind="working_group", circular_rule="majority"
    )
    voting = members(committee, 4)
    decision = _open(committee, manager)
    services.answer_circular(decision=decision, person=voting[0].person, choice="yes")
    services.answer_circular(decision=decision, person=voting[1].person, choice="yes")
    services.answer_circular(decision=decision, person=voting[2].person, choice="yes")

    services.close_circular(decision=decision, actor=manager)

    decision.refresh_from_db()
    assert decision.state == CircularDecision.State.ADOPTED


def test_demanding_a_meeting_moves_the_question_to_the_next_agenda(curatorium, manager):
    voting = members(curatorium, 2)
    planned = meeting(curatorium, manager)
    decision = _open(curatorium, manager)

    services.demand_meeting(decision=decision, person=voting[1].person)

    decision.refresh_from_db()
    assert decision.state == CircularDecision.State.MOVED
    item = planned.agenda_items.get(from_circular=decision)
    assert item.proposal == decision.text
    assert not Resolution.objects.exists()


def test_reminders_go_only_to_those_who_have_not_answered(curatorium, manager):
    voting = members(curatorium, 3)
    decision = _open(curatorium, manager)
    services.answer_circular(decision=decision, person=voting[0].person, choice="yes")

    reminded = services.remind_circular(decision=decision, actor=manager)

    assert reminded == 2
    recipients = {
        e.to[0] for e in OutboxEmail.objects.filter(kind="governance.circular_circular_reminder")
    }
    assert recipients == {voting[1].person.email, voting[2].person.email}


def test_the_beat_task_reminds_once_when_the_deadline_is_near(curatorium, manager):
    from house.governance.tasks import remind_due_circulars_task

    members(curatorium, 2)
    near = _open(curatorium, manager, days=1)
    _open(curatorium, manager, days=7)

    assert remind_due_circulars_task() == 1

    near.refresh_from_db()
    assert near.last_reminder_at is not None
    assert OutboxEmail.objects.filter(kind="governance.circular_circular_reminder").count() == 2
    assert remind_due_circulars_task() == 0
