"""Ballots, answers and resolution numbers under real concurrency: PostgreSQL, real threads."""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connections
from django.utils import timezone

from house.governance import services
from house.governance.models import Ballot, Resolution, Vote, VoteEntitlement
from house.governance.services import GovernanceError
from tests.factories import staff_user
from tests.governance.factories import committee, members, running_meeting

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(targets):
    """Run each callable in its own thread and connection, started together; return outcomes."""
    outcomes: list[str] = []
    guard = threading.Lock()
    barrier = threading.Barrier(len(targets))

    def run(target):
        try:
            barrier.wait()
            result = target()
        except GovernanceError:
            result = "refused"
        except Exception as exc:  # noqa: BLE001 - any other error fails the test
            result = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            outcomes.append(result)

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def _secret_vote(size: int):
    from house.models import Role

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    body = committee()
    seats = members(body, size)
    meeting = running_meeting(body, manager, present=seats, agenda=[{"title": "Wahl"}])
    vote = services.open_vote(
        item=meeting.agenda_items.get(), question="?", actor=manager, visibility="secret"
    )
    return manager, seats, vote


def test_double_ballots_racing_each_other_count_once_and_stay_secret():
    _manager, seats, vote = _secret_vote(6)
    person = seats[0].person

    def ballot(choice):
        return lambda: services.cast_ballot(vote=vote, person=person, choice=choice) or "cast"

    outcomes = _race([ballot("yes"), ballot("no")] * 6)

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("cast") == 1
    assert Ballot.objects.filter(vote=vote).count() == 1
    assert Ballot.objects.filter(vote=vote, voter__isnull=False).count() == 0
    assert VoteEntitlement.objects.filter(vote=vote, has_voted=True).count() == 1


def test_ballots_racing_the_deadline_are_either_counted_or_refused_never_after_it():
    manager, seats, vote = _secret_vote(12)
    deadline = timezone.now() + dt.timedelta(milliseconds=200)
    Vote.objects.filter(pk=vote.pk).update(deadline=deadline)
    started: dict[int, float] = {}

    def ballot(index, seat):
        def run():
            time.sleep(0.03 * index)  # spread the ballots across the deadline
            started[index] = time.time()
            services.cast_ballot(vote=vote, person=seat.person, choice="yes")
            return f"cast:{index}"

        return run

    outcomes = _race([ballot(i, s) for i, s in enumerate(seats)])
    closed = services.close_vote(vote=vote, actor=manager, record=False)

    assert [o for o in outcomes if o.startswith("error")] == []
    cast = [int(o.split(":")[1]) for o in outcomes if o.startswith("cast")]
    # Every accepted ballot began before the deadline; every one begun after it was refused.
    assert all(started[i] < deadline.timestamp() for i in cast)
    late = [i for i, t in started.items() if t >= deadline.timestamp()]
    assert not set(late) & set(cast)
    assert 0 < len(cast) < len(seats)
    assert closed.yes == len(cast) == Ballot.objects.filter(vote=vote).count()
    assert VoteEntitlement.objects.filter(vote=vote, has_voted=True).count() == len(cast)


def test_ballots_racing_the_count_are_in_it_or_refused():
    manager, seats, vote = _secret_vote(10)

    def ballot(seat):
        return lambda: services.cast_ballot(vote=vote, person=seat.person, choice="no") or "cast"

    def close():
        services.close_vote(vote=vote, actor=manager, record=False)
        return "closed"

    outcomes = _race([ballot(s) for s in seats] + [close])

    vote.refresh_from_db()
    assert [o for o in outcomes if o.startswith("error")] == []
    assert vote.no == outcomes.count("cast") == Ballot.objects.filter(vote=vote).count()


def test_resolution_numbers_stay_gap_free_under_concurrent_writers():
    body = committee()
    day = timezone.localdate()

    def record():
        return services.record_resolution(
            committee=body, title="B", text="T", outcome="adopted", decided_on=day, actor=None
        ).reference

    outcomes = _race([record for _ in range(12)])

    assert [o for o in outcomes if o.startswith("error")] == []
    numbers = sorted(Resolution.objects.filter(committee=body).values_list("number", flat=True))
    assert numbers == list(range(1, 13))


def _delegated_secret_vote():
    from house.models import Role

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    body = committee()
    seats = members(body, 5)
    from tests.governance.factories import meeting as plan

    planned = plan(body, manager, agenda=[{"title": "Wahl"}])
    delegate = seats[0]
    for giver in seats[3:]:
        services.delegate_vote(person=giver.person, delegate=delegate.person, meeting=planned)
    services.open_meeting(meeting=planned, actor=manager)
    for seat in seats[:3]:
        services.record_attendance(
            meeting=planned, membership=seat, actor=manager, status="present"
        )
    vote = services.open_vote(
        item=planned.agenda_items.get(), question="?", actor=manager, visibility="secret"
    )
    return seats, vote


def test_a_delegate_racing_for_each_delegator_casts_at_most_one_ballot_each():
    seats, vote = _delegated_secret_vote()
    delegate, givers = seats[0].person, [s.person for s in seats[3:]]

    def ballot(for_member, choice):
        return lambda: (
            services.cast_ballot(vote=vote, person=delegate, choice=choice, for_member=for_member)
            or "cast"
        )

    def own(giver):
        return lambda: services.cast_ballot(vote=vote, person=giver, choice="no") or "cast"

    targets = [ballot(g, c) for g in givers for c in ("yes", "no", "abstain")]
    targets += [own(g) for g in givers]  # a member who delegated never votes alongside
    outcomes = _race(targets)

    assert [o for o in outcomes if o.startswith("error")] == []
    assert outcomes.count("cast") == len(givers)
    assert Ballot.objects.filter(vote=vote).count() == len(givers)
    assert Ballot.objects.filter(vote=vote, voter__isnull=False).count() == 0
    assert VoteEntitlement.objects.filter(
        vote=vote, delegate=delegate, has_voted=True
    ).count() == len(givers)


def test_delegating_in_a_vote_races_the_members_own_ballot_and_only_one_wins():
    from house.models import Role

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    body = committee()
    seats = members(body, 4)
    planned = running_meeting(body, manager, present=seats, agenda=[{"title": "Punkt"}])
    vote = services.open_vote(
        item=planned.agenda_items.get(), question="?", actor=manager, visibility="secret"
    )
    member, delegate = seats[1].person, seats[0].person

    def delegate_it():
        services.delegate_vote(person=member, delegate=delegate, vote=vote)
        return "delegated"

    def vote_myself():
        services.cast_ballot(vote=vote, person=member, choice="yes")
        return "cast"

    def vote_for():
        services.cast_ballot(vote=vote, person=delegate, choice="no", for_member=member)
        return "proxy"

    outcomes = _race([delegate_it, vote_myself, vote_for] * 3)

    assert [o for o in outcomes if o.startswith("error")] == []
    entitlement = VoteEntitlement.objects.get(vote=vote, membership=seats[1])
    assert entitlement.has_voted
    assert outcomes.count("cast") + outcomes.count("proxy") == 1
    assert Ballot.objects.filter(vote=vote).count() == 1
