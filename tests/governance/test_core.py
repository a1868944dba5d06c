"""The committees core: committees, memberships, meetings with their room, invitations, quorum."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from house.governance import services
from house.governance.models import Attendance, Committee, Meeting, Membership
from house.governance.services import GovernanceError
from house.governance.services.meetings import quorum
from house.models import OutboxEmail
from tests.factories import UserFactory
from tests.governance.factories import meeting, member_with_deputy, members, next_weekday_at

pytestmark = pytest.mark.django_db


def test_a_new_committee_follows_the_law_of_associations_by_default(manager):
    committee = services.create_committee(name="Kuratorium", kind="curatorium", actor=manager)

    assert committee.slug == "kuratorium"
    assert committee.quorum_percent == 50
    assert committee.circular_rule == Committee.CircularRule.UNANIMOUS
    assert committee.has_quorum(present=5, voting=8)
    assert not committee.has_quorum(present=4, voting=8)


def test_two_committees_of_the_same_name_get_different_addresses():
    first = services.create_committee(name="AG Wohnen", kind="working_group")
    second = services.create_committee(name="AG Wohnen", kind="working_group")

    assert first.slug != second.slug


def test_a_membership_runs_for_the_committees_term_length(curatorium):
    person = UserFactory()
    membership = services.add_membership(
        committee=curatorium, person=person, start_date=dt.date(2026, 1, 1)
    )

    assert membership.end_date == dt.date(2028, 12, 31)
    assert membership.voting_right


def test_an_advisory_member_never_has_a_vote(curatorium):
    advisory = services.add_membership(committee=curatorium, person=UserFactory(), role="advisory")
    assert advisory.voting_right is False

    with pytest.raises(GovernanceError):
        services.add_membership(
            committee=curatorium, person=UserFactory(), role="advisory", voting_right=True
        )


def test_a_person_cannot_hold_two_seats_at_once_or_deputise_for_themselves(curatorium):
    person = UserFactory()
    services.add_membership(committee=curatorium, person=person)

    with pytest.raises(GovernanceError):
        services.add_membership(committee=curatorium, person=person)
    other = UserFactory()
    with pytest.raises(GovernanceError):
        services.add_membership(committee=curatorium, person=other, deputy=other)
    assert Membership.objects.filter(person=person).count() == 1


def test_a_meeting_books_its_room_through_the_booking_service(
    curatorium, manager, default_fee_rules
):
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    members(curatorium, 3)

    held = meeting(curatorium, manager, room=room)

    assert held.booking is not None
    assert held.booking.room == room
    assert held.booking.state == "confirmed"


def test_a_meeting_in_a_taken_room_is_refused_and_nothing_is_saved(
    curatorium, manager, default_fee_rules
):
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    members(curatorium, 3)
    start = next_weekday_at(17)
    meeting(curatorium, manager, room=room, start=start)

    with pytest.raises(GovernanceError) as refused:
        meeting(curatorium, manager, room=room, start=start + dt.timedelta(minutes=30))

    assert refused.value.field == "room"
    assert Meeting.objects.count() == 1


def test_open_actions_and_unapproved_minutes_come_to_the_next_agenda_by_themselves(
    curatorium, manager
):
    owner = members(curatorium, 1)[0].person
    action = services.add_action(
        committee=curatorium, title="Angebot für Beamer einholen", owner=owner, actor=manager
    )

    planned = meeting(curatorium, manager, agenda=[{"title": "Haushalt 2027"}])

    titles = [item.title for item in planned.agenda_items.order_by("position")]
    assert titles == ["Nachverfolgung: Angebot für Beamer einholen", "Haushalt 2027"]
    assert planned.agenda_items.get(position=1).carried_action == action


def test_invitations_carry_the_agenda_and_a_calendar_invitation(curatorium, manager):
    members(curatorium, 2)
    planned = meeting(
        curatorium,
        manager,
        agenda=[{"title": "Jahresbericht"}, {"title": "Personalfrage", "public": False}],
    )

    with_captured = services.send_invitations(meeting=planned, actor=manager)

    assert with_captured == 2
    email = OutboxEmail.objects.filter(kind="governance.invitation").first()
    assert "Jahresbericht" in email.body_text
    assert "Personalfrage" in email.body_text
    attachment = email.attachments[0]
    assert "METHOD:REQUEST" in attachment["content"]
    assert f"meeting-{planned.uid}@" in attachment["content"]
    planned.refresh_from_db()
    assert planned.state == Meeting.State.INVITED
    assert planned.invitation_late is False


def test_an_invitation_later_than_the_notice_period_is_flagged_and_recorded(curatorium, manager):
    from house.models.activity import ActivityLog

    members(curatorium, 1)
    soon = meeting(curatorium, manager, start=timezone.now() + dt.timedelta(days=3))

    services.send_invitations(meeting=soon, actor=manager, late_reason="Dringende Mietfrage")

    soon.refresh_from_db()
    assert soon.invitation_late is True
    assert ActivityLog.objects.filter(
        action_type="governance.meeting.invited_late", data__reason="Dringende Mietfrage"
    ).exists()


def test_apologies_invite_the_personal_deputy_once(curatorium, manager):
    seat = member_with_deputy(curatorium)
    planned = meeting(curatorium, manager)
    services.send_invitations(meeting=planned, actor=manager)
    mail.outbox.clear()

    services.send_apologies(meeting=planned, person=seat.person, note="Urlaub")
    services.send_apologies(meeting=planned, person=seat.person, note="Urlaub")

    deputy_mails = [e for e in OutboxEmail.objects.all() if e.to == [seat.deputy.email]]
    assert len(deputy_mails) == 1
    assert (
        "personal deputy" in deputy_mails[0].body_text
        or "Stellvertret" in deputy_mails[0].body_text
    )
    attendance = Attendance.objects.get(meeting=planned, membership=seat)
    assert attendance.status == Attendance.Status.APOLOGISED
    assert attendance.deputy_invited


def test_somebody_without_a_seat_cannot_send_apologies(curatorium, manager):
    planned = meeting(curatorium, manager)

    with pytest.raises(GovernanceError):
        services.send_apologies(meeting=planned, person=UserFactory())


def test_the_deputy_counts_for_the_quorum_only_while_the_member_is_absent(curatorium, manager):
    seat = member_with_deputy(curatorium)
    others = members(curatorium, 2)
    running = meeting(curatorium, manager)
    services.open_meeting(meeting=running, actor=manager)
    services.record_attendance(
        meeting=running, membership=others[0], actor=manager, status="present"
    )

    assert quorum(running)["present"] == 1
    assert quorum(running)["has_quorum"] is False

    services.record_attendance(
        meeting=running, membership=seat, actor=manager, status="absent", deputy_present=True
    )
    assert quorum(running) == {"voting": 3, "present": 2, "has_quorum": True}

    services.record_attendance(
        meeting=running, membership=seat, actor=manager, status="present", deputy_present=True
    )
    assert quorum(running)["present"] == 2  # the member, not member and deputy


def test_a_conflict_of_interest_removes_the_member_from_the_items_quorum(curatorium, manager):
    seats = members(curatorium, 3)
    running = meeting(curatorium, manager, agenda=[{"title": "Auftrag an Verein A"}])
    services.open_meeting(meeting=running, actor=manager)
    for seat in seats[:2]:
        services.record_attendance(
            meeting=running, membership=seat, actor=manager, status="present"
        )
    item = running.agenda_items.get()

    services.declare_conflict(item=item, membership=seats[0], actor=manager)

    assert quorum(running)["has_quorum"] is True
    assert quorum(running, item=item) == {"voting": 2, "present": 1, "has_quorum": False}


def test_a_repeat_meeting_has_a_quorum_whoever_comes_when_the_rules_say_so(curatorium, manager):
    seats = members(curatorium, 4)
    first = meeting(curatorium, manager)
    services.open_meeting(meeting=first, actor=manager)
    services.close_meeting(meeting=first, actor=manager)
    first.refresh_from_db()
    assert first.had_quorum is False

    repeat = meeting(curatorium, manager, repeat_of=first, days_ahead=40)
    services.open_meeting(meeting=repeat, actor=manager)
    services.record_attendance(meeting=repeat, membership=seats[0], actor=manager, status="present")

    assert quorum(repeat)["has_quorum"] is True


def test_house_management_is_reminded_sixty_days_before_a_term_ends_once(curatorium, manager):
    today = timezone.localdate()
    services.add_membership(
        committee=curatorium,
        person=UserFactory(),
        start_date=today - dt.timedelta(days=700),
        end_date=today + dt.timedelta(days=45),
    )
    services.add_membership(
        committee=curatorium,
        person=UserFactory(),
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=400),
    )

    assert services.remind_terms_ending() == 1
    assert services.remind_terms_ending() == 0
    reminder = OutboxEmail.objects.get(kind="governance.term_ending")
    assert reminder.to == [manager.email]
