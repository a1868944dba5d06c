"""Vote delegation: the frozen list names the delegate, a delegate casts one ballot per
delegator, secret ballots stay unlinkable, and nobody counts twice for the quorum."""

from __future__ import annotations

import pytest
from django.urls import reverse

from house.governance import services
from house.governance.models import Ballot, Delegation, VoteEntitlement
from house.governance.services import GovernanceError
from house.governance.services.meetings import quorum
from house.governance.services.votes import who_has_not_voted
from house.models import ActivityLog
from tests.factories import UserFactory
from tests.governance.factories import meeting, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(curatorium, manager):
    seats = members(curatorium, 4)
    planned = meeting(curatorium, manager, agenda=[{"title": "Haushalt"}])
    return {"seats": seats, "meeting": planned, "item": planned.agenda_items.get()}


def _run(manager, planned, present):
    services.open_meeting(meeting=planned, actor=manager)
    for seat in present:
        services.record_attendance(
            meeting=planned, membership=seat, actor=manager, status="present"
        )


def test_a_delegated_seat_votes_through_its_delegate_and_the_list_records_it(body, manager):
    a, b, c, d = body["seats"]
    services.delegate_vote(person=d.person, delegate=a.person, meeting=body["meeting"])
    _run(manager, body["meeting"], [a, b, c])

    vote = services.open_vote(item=body["item"], question="?", actor=manager, visibility="named")

    entitled = {e.membership_id: e for e in vote.entitlements.all()}
    assert vote.entitled_count == 4
    assert entitled[d.pk].person_id == d.person_id
    assert entitled[d.pk].delegate_id == a.person_id
    assert entitled[a.pk].delegate_id is None
    assert any("(über " in name and a.person.name in name for name in who_has_not_voted(vote))

    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=d.person, choice="yes")  # d delegated
    services.cast_ballot(vote=vote, person=a.person, choice="no")
    services.cast_ballot(vote=vote, person=a.person, choice="yes", for_member=d.person)
    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=a.person, choice="yes", for_member=d.person)
    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=b.person, choice="yes", for_member=d.person)

    assert dict(Ballot.objects.filter(vote=vote).values_list("voter_id", "choice")) == {
        a.person_id: "no",
        d.person_id: "yes",
    }


def test_a_secret_delegated_ballot_carries_no_voter(body, manager):
    a, b, c, d = body["seats"]
    services.delegate_vote(person=d.person, delegate=a.person, meeting=body["meeting"])
    _run(manager, body["meeting"], [a, b, c])
    vote = services.open_vote(item=body["item"], question="?", actor=manager, visibility="secret")

    services.cast_ballot(vote=vote, person=a.person, choice="yes", for_member=d.person)
    services.cast_ballot(vote=vote, person=a.person, choice="no")

    assert Ballot.objects.filter(vote=vote).count() == 2
    assert not Ballot.objects.filter(vote=vote, voter__isnull=False).exists()
    assert VoteEntitlement.objects.filter(vote=vote, has_voted=True).count() == 2


def test_delegation_never_counts_anyone_twice_for_the_quorum(body, manager):
    a, b, c, d = body["seats"]
    services.delegate_vote(person=c.person, delegate=a.person, meeting=body["meeting"])
    services.delegate_vote(person=d.person, delegate=a.person, meeting=body["meeting"])
    _run(manager, body["meeting"], [a, b])

    state = quorum(body["meeting"])

    assert state == {"voting": 4, "present": 2, "has_quorum": False}
    with pytest.raises(GovernanceError):
        services.open_vote(item=body["item"], question="?", actor=manager)


def test_a_delegate_absent_from_the_room_leaves_the_seat_without_a_ballot(body, manager):
    a, b, c, d = body["seats"]
    services.delegate_vote(person=d.person, delegate=c.person, meeting=body["meeting"])
    _run(manager, body["meeting"], [a, b, c])
    services.record_attendance(
        meeting=body["meeting"], membership=c, actor=manager, status="absent"
    )
    services.record_attendance(
        meeting=body["meeting"], membership=d, actor=manager, status="present"
    )
    services.record_attendance(
        meeting=body["meeting"], membership=c, actor=manager, status="absent"
    )
    vote = services.open_vote(item=body["item"], question="?", actor=manager)

    assert VoteEntitlement.objects.filter(vote=vote, delegate__isnull=False).count() == 0
    assert vote.entitled_count == 3


def test_no_chains_no_outsiders_no_self_and_advisory_members_cannot_delegate(
    body, manager, curatorium
):
    a, b, c, _d = body["seats"]
    advisory = services.add_membership(
        committee=curatorium, person=UserFactory(), role="advisory", voting_right=False
    )
    services.delegate_vote(person=b.person, delegate=a.person, meeting=body["meeting"])
    refused = [
        {"person": a.person, "delegate": c.person},  # a holds b's vote
        {"person": c.person, "delegate": b.person},  # b delegated
        {"person": c.person, "delegate": UserFactory()},
        {"person": c.person, "delegate": c.person},
        {"person": advisory.person, "delegate": c.person},
    ]
    for kwargs in refused:
        with pytest.raises(GovernanceError):
            services.delegate_vote(meeting=body["meeting"], **kwargs)
    assert Delegation.objects.count() == 1


def test_a_member_delegates_in_one_open_vote_and_takes_it_back(body, manager):
    a, b, c, d = body["seats"]
    _run(manager, body["meeting"], [a, b, c, d])
    vote = services.open_vote(item=body["item"], question="?", actor=manager)

    delegation = services.delegate_vote(person=d.person, delegate=b.person, vote=vote)
    assert VoteEntitlement.objects.get(vote=vote, membership=d).delegate_id == b.person_id
    services.revoke_delegation(delegation=delegation, person=d.person)
    services.cast_ballot(vote=vote, person=d.person, choice="yes")

    assert VoteEntitlement.objects.get(vote=vote, membership=d).delegate_id is None
    with pytest.raises(GovernanceError):
        services.delegate_vote(person=d.person, delegate=b.person, vote=vote)  # already voted


def test_a_member_delegates_from_the_meeting_page_and_the_delegate_votes_on_the_vote_page(
    client, body, manager, curatorium
):
    a, b, c, d = body["seats"]
    client.force_login(d.person)
    url = reverse("governance:meeting", args=[curatorium.slug, body["meeting"].pk])
    assert "Stimme übertragen" in client.get(url).content.decode()

    client.post(
        reverse("governance:delegation", args=[curatorium.slug, body["meeting"].pk]),
        {"delegate": a.person.pk},
    )
    _run(manager, body["meeting"], [a, b, c])
    vote = services.open_vote(item=body["item"], question="?", actor=manager, visibility="secret")
    client.force_login(a.person)
    vote_url = reverse("governance:vote", args=[curatorium.slug, vote.pk])
    page = client.get(vote_url).content.decode()
    cast = client.post(vote_url, {"choice": "yes", "for": d.person_id})
    again = client.post(vote_url, {"choice": "no", "for": d.person_id})
    stranger = client.post(vote_url, {"choice": "no", "for": b.person_id})

    assert d.person.name in page
    assert cast.status_code == again.status_code == stranger.status_code == 302
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert VoteEntitlement.objects.get(vote=vote, membership=d).has_voted
    assert not VoteEntitlement.objects.get(vote=vote, membership=b).has_voted
    assert ActivityLog.objects.filter(action_type="governance.delegation.given").count() == 1


def test_a_delegation_stands_even_when_the_deputy_sits_in(curatorium, manager, body):
    from tests.governance.factories import member_with_deputy

    a, b, c, _d = body["seats"]
    seat = member_with_deputy(curatorium)
    planned = meeting(curatorium, manager, days_ahead=45, agenda=[{"title": "Punkt"}])
    services.delegate_vote(person=seat.person, delegate=a.person, meeting=planned)
    _run(manager, planned, [a, b, c])
    services.record_attendance(
        meeting=planned, membership=seat, actor=manager, status="apologised", deputy_present=True
    )
    vote = services.open_vote(item=planned.agenda_items.get(), question="?", actor=manager)

    entitlement = VoteEntitlement.objects.get(vote=vote, membership=seat)
    assert entitlement.person_id == seat.person_id
    assert entitlement.delegate_id == a.person_id
    with pytest.raises(GovernanceError):
        services.cast_ballot(vote=vote, person=seat.deputy, choice="yes")
    services.cast_ballot(vote=vote, person=a.person, choice="yes", for_member=seat.person)
    assert Ballot.objects.filter(vote=vote).count() == 1
