"""The governance area's personal data: exported, and erased where the law does not keep it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from house.governance import services
from house.governance.models import Ballot, CircularResponse, Membership, MinutesCorrection
from house.privacy import DataSubject, providers
from tests.factories import UserFactory
from tests.governance import canary
from tests.governance.factories import members, running_meeting

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in providers() if p.key == "governance")


def test_the_export_holds_seats_apologies_answers_ballots_and_corrections(curatorium, manager):
    person = UserFactory()
    canary.plant(user=person, marker="KANARIE-123")
    seat = services.add_membership(committee=curatorium, person=person)
    others = members(curatorium, 1)
    decision = services.open_circular(
        committee=curatorium,
        title="Umlauf",
        text="Text",
        deadline=timezone.now() + dt.timedelta(days=3),
        actor=manager,
    )
    services.answer_circular(decision=decision, person=person, choice="no")
    meeting = running_meeting(curatorium, manager, present=[seat, *others], agenda=[{"title": "P"}])
    vote = services.open_vote(
        item=meeting.agenda_items.get(), question="Frage?", actor=manager, visibility="named"
    )
    services.cast_ballot(vote=vote, person=person, choice="abstain")

    exported = json.dumps(_provider().export(DataSubject.for_user(person)), ensure_ascii=False)

    assert exported.count("KANARIE-123") == 2
    assert "Umlauf" in exported
    assert '"choice": "abstain"' in exported
    assert curatorium.name in exported


def test_erasure_removes_the_persons_words_and_links(curatorium, manager):
    person = UserFactory()
    canary.plant(user=person, marker="KANARIE-456")
    deputising = services.add_membership(committee=curatorium, person=UserFactory(), deputy=person)
    decision_seat = services.add_membership(committee=curatorium, person=person)
    decision = services.open_circular(
        committee=curatorium,
        title="U",
        text="T",
        deadline=timezone.now() + dt.timedelta(days=3),
        actor=manager,
    )
    services.answer_circular(decision=decision, person=person, choice="yes")

    _provider().erase(DataSubject.for_user(person))

    assert not MinutesCorrection.objects.filter(text__contains="KANARIE-456").exists()
    assert not MinutesCorrection.objects.filter(author=person).exists()
    from house.governance.models import Attendance

    assert not Attendance.objects.filter(apology_note__contains="KANARIE-456").exists()
    assert person.name not in CircularResponse.objects.get(membership=decision_seat).statement
    deputising.refresh_from_db()
    assert deputising.deputy is None
    assert not Ballot.objects.filter(voter=person).exists()
    person.delete()
    assert not Membership.objects.filter(pk=decision_seat.pk).exists()


def test_date_poll_answers_and_delegations_are_exported_and_erased(curatorium, manager):
    from house.governance.models import DatePollAnswer, Delegation, VoteEntitlement

    person = UserFactory()
    canary.plant(user=person, marker="KANARIE-789")
    seat = services.add_membership(committee=curatorium, person=person)
    giver, other = members(curatorium, 2)
    meeting = running_meeting(curatorium, manager, present=[seat, other], agenda=[{"title": "P"}])
    services.delegate_vote(person=giver.person, delegate=person, meeting=meeting)
    vote = services.open_vote(item=meeting.agenda_items.get(), question="Frage?", actor=manager)

    exported = _provider().export(DataSubject.for_user(person))

    assert [a["answer"] for a in exported["date_poll_answers"]] == ["maybe", "maybe"]
    assert exported["votes_delegated"][0]["meeting"] == "Sitzung"
    assert exported["votes_received_by_delegation"] == [
        {"from": giver.person.name, "meeting": meeting.title, "vote": None}
    ]

    _provider().erase(DataSubject.for_user(person))

    assert not DatePollAnswer.objects.filter(membership__person=person).exists()
    assert not Delegation.objects.filter(delegate=person).exists()
    assert not Delegation.objects.filter(membership__person=person).exists()
    assert VoteEntitlement.objects.get(vote=vote, membership=giver).delegate is None
