"""Votes in a meeting: frozen entitlements, deadlines, named/open/secret ballots, the register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.governance import services
from house.governance.models import Ballot, Resolution, Vote, VoteEntitlement
from house.governance.services import GovernanceError
from tests.factories import UserFactory
from tests.governance.factories import member_with_deputy, members, running_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(curatorium, manager):
    seats = members(curatorium, 4)
    meeting = running_meeting(
        curatorium,
        manager,
        present=seats[:3],
        agenda=[{"title": "Hausordnung", "proposal": "Die neue Hausordnung gilt ab 1. Januar."}],
    )
    return {"seats": seats, "meeting": meeting, "item": meeting.agenda_items.get()}


def test_entitled_voters_are_those_in_the_room_frozen_when_the_vote_opens(
    room, manager, curatorium
):
    vote = services.open_vote(item=room["item"], question="Annehmen?", actor=manager)
    services.record_attendance(
        meeting=room["meeting"], membership=room["seats"][3], actor=manager, status="present"
    )
    services.add_membership(committee=curatorium, person=UserFactory())

    entitled = set(vote.entitlements.values_list("person_id", flat=True))
    assert entitled == {s.person_id for s in room["seats"][:3]}
    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=room["seats"][3].person, choice="yes")


def test_a_deputy_votes_in_place_of_the_absent_member(curatorium, manager):
    seat = member_with_deputy(curatorium)
    others = members(curatorium, 1)
    meeting = running_meeting(curatorium, manager, present=others, agenda=[{"title": "X"}])
    services.record_attendance(
        meeting=meeting, membership=seat, actor=manager, status="absent", deputy_present=True
    )

    vote = services.open_vote(item=meeting.agenda_items.get(), question="?", actor=manager)

    entitlement = vote.entitlements.get(membership=seat)
    assert entitlement.person == seat.deputy
    assert entitlement.as_deputy


def test_no_vote_opens_without_a_quorum(curatorium, manager):
    seats = members(curatorium, 4)
    meeting = running_meeting(curatorium, manager, present=seats[:1], agenda=[{"title": "X"}])

    with pytest.raises(GovernanceError):
        services.open_vote(item=meeting.agenda_items.get(), question="?", actor=manager)
    assert Vote.objects.count() == 0


def test_a_member_with_a_conflict_of_interest_is_not_entitled(room, manager):
    services.declare_conflict(item=room["item"], membership=room["seats"][0], actor=manager)

    vote = services.open_vote(item=room["item"], question="?", actor=manager)

    assert not vote.entitlements.filter(membership=room["seats"][0]).exists()
    assert vote.entitled_count == 2


def test_a_person_votes_only_once(room, manager):
    vote = services.open_vote(item=room["item"], question="?", actor=manager)
    person = room["seats"][0].person
    services.cast_ballot(vote=vote, person=person, choice="yes")

    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=person, choice="no")
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_no_ballot_is_accepted_after_the_deadline(room, manager):
    vote = services.open_vote(item=room["item"], question="?", actor=manager, minutes=1)
    past = timezone.now() - dt.timedelta(seconds=1)
    Vote.objects.filter(pk=vote.pk).update(opened_at=past - dt.timedelta(minutes=1), deadline=past)

    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=room["seats"][0].person, choice="yes")
    assert not Ballot.objects.exists()
    assert not VoteEntitlement.objects.filter(has_voted=True).exists()


def test_a_secret_ballot_cannot_be_linked_to_its_voter(room, manager):
    vote = services.open_vote(
        item=room["item"], question="?", actor=manager, visibility=Vote.Visibility.SECRET
    )
    for seat, choice in zip(room["seats"][:3], ["yes", "no", "yes"], strict=True):
        services.cast_ballot(vote=vote, person=seat.person, choice=choice)

    ballots = list(Ballot.objects.filter(vote=vote).values())
    entitlement_fields = {f.name for f in VoteEntitlement._meta.get_fields()}
    ballot_fields = {f.name for f in Ballot._meta.get_fields()}

    assert all(b["voter_id"] is None for b in ballots)
    assert sorted(b["choice"] for b in ballots) == ["no", "yes", "yes"]
    # No time, no ordered key, nothing that joins a ballot to who voted:
    assert ballot_fields == {"id", "vote", "choice", "voter"}
    assert not {"voted_at", "created", "modified", "choice"} & entitlement_fields
    assert all(
        isinstance(b["id"], type(ballots[0]["id"])) and len(str(b["id"])) == 36 for b in ballots
    )
    assert VoteEntitlement.objects.filter(vote=vote, has_voted=True).count() == 3


def test_a_named_vote_puts_each_name_in_the_draft_minutes(room, manager):
    vote = services.open_vote(
        item=room["item"], question="?", actor=manager, visibility=Vote.Visibility.NAMED
    )
    yes_voter = room["seats"][0].person
    services.cast_ballot(vote=vote, person=yes_voter, choice="yes")
    services.cast_ballot(vote=vote, person=room["seats"][1].person, choice="no")
    services.close_vote(vote=vote, actor=manager)
    services.close_meeting(meeting=room["meeting"], actor=manager)

    minutes = services.draft_minutes(meeting=room["meeting"], actor=manager)

    text = minutes.entries.get(agenda_item=room["item"]).text
    assert yes_voter.name in text
    assert "1 Ja, 1 Nein, 0 Enthaltungen" in text


def test_closing_counts_the_ballots_and_registers_the_resolution(room, manager, curatorium):
    vote = services.open_vote(item=room["item"], question="?", actor=manager)
    services.cast_ballot(vote=vote, person=room["seats"][0].person, choice="yes")
    services.cast_ballot(vote=vote, person=room["seats"][1].person, choice="yes")
    services.cast_ballot(vote=vote, person=room["seats"][2].person, choice="abstain")

    closed = services.close_vote(vote=vote, actor=manager)

    assert (closed.yes, closed.no, closed.abstain, closed.outcome) == (2, 0, 1, "adopted")
    resolution = Resolution.objects.get(vote=vote)
    assert resolution.number == 1
    assert resolution.text == "Die neue Hausordnung gilt ab 1. Januar."
    assert not resolution.published  # published with the minutes
    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=room["seats"][2].person, choice="no")


def test_resolution_numbers_run_per_committee_and_year(curatorium, manager):
    other = services.create_committee(name="AG Garten", kind="working_group")
    numbers = [
        services.record_resolution(
            committee=committee,
            title="B",
            text="T",
            outcome="adopted",
            decided_on=day,
            actor=manager,
        ).reference
        for committee, day in [
            (curatorium, dt.date(2026, 3, 1)),
            (curatorium, dt.date(2026, 5, 1)),
            (other, dt.date(2026, 5, 1)),
            (curatorium, dt.date(2027, 1, 10)),
        ]
    ]

    assert numbers == ["2026/1", "2026/2", "2026/1", "2027/1"]
    assert [
        r.reference for r in Resolution.objects.filter(committee=curatorium).search("2026/2")
    ] == ["2026/2"]
