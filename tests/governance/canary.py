"""Plant a marker in every personal field the governance area keeps for a person.

A member's own words are their note with apologies and their corrections to
minutes; their answer to a decision without a meeting is a declaration under
their name. Seats, ballots, entitlements, answers to date polls and vote
delegations hold only links to the person, which erasure removes
(``tests/governance/test_privacy.py``).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from house.governance import services


def plant(*, user, marker: str) -> None:
    from house.models import Role
    from tests.factories import UserFactory, staff_user

    manager = staff_user(Role.HOUSE_MANAGEMENT)
    committee = services.create_committee(name="Kuratorium", kind="curatorium")
    seat = services.add_membership(committee=committee, person=user, public_consent=True)
    other = services.add_membership(committee=committee, person=UserFactory())
    start = timezone.now() + dt.timedelta(days=30)
    planned = services.schedule_meeting(
        committee=committee,
        title="Sitzung",
        start=start,
        end=start + dt.timedelta(hours=2),
        actor=manager,
    )
    services.send_apologies(meeting=planned, person=user, note=f"Entschuldigt {marker}")
    services.delegate_vote(person=user, delegate=other.person, meeting=planned)
    poll = services.open_date_poll(
        committee=committee,
        title="Terminsuche",
        slots=[
            (start + dt.timedelta(days=d), start + dt.timedelta(days=d, hours=2)) for d in (1, 2)
        ],
        actor=manager,
    )
    services.answer_date_poll(
        poll=poll, person=user, answers={slot.pk: "maybe" for slot in poll.slots.all()}
    )

    held = services.schedule_meeting(
        committee=committee,
        title="Gehaltene Sitzung",
        start=start + dt.timedelta(days=7),
        end=start + dt.timedelta(days=7, hours=2),
        actor=manager,
        agenda=[{"title": "Punkt"}],
    )
    services.open_meeting(meeting=held, actor=manager)
    for membership in (seat, other):
        services.record_attendance(
            meeting=held, membership=membership, actor=manager, status="present"
        )
    services.close_meeting(meeting=held, actor=manager)
    minutes = services.draft_minutes(meeting=held, actor=manager)
    services.circulate_minutes(minutes=minutes, actor=manager)
    services.propose_correction(minutes=minutes, author=user, text=f"Korrektur {marker}")
