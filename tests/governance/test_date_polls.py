"""Date polls: members answer per slot, the organiser sees who is missing and fixes the date,
which books the room through the booking service and invites."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from house.governance import services
from house.governance.models import DatePoll, DatePollAnswer, Meeting
from house.governance.services import GovernanceError
from house.models import ActivityLog, OutboxEmail
from tests.factories import UserFactory
from tests.governance.factories import members, next_weekday_at

pytestmark = pytest.mark.django_db


def _slots(count=3, *, days_ahead=30):
    first = next_weekday_at(17, days_ahead=days_ahead)
    return [
        (first + dt.timedelta(days=7 * i), first + dt.timedelta(days=7 * i, hours=2))
        for i in range(count)
    ]


@pytest.fixture
def poll_setting(curatorium, manager):
    seats = members(curatorium, 4)
    poll = services.open_date_poll(
        committee=curatorium, title="Frühjahrssitzung", slots=_slots(), actor=manager
    )
    return {"seats": seats, "poll": poll, "slots": list(poll.slots.order_by("start"))}


def test_a_poll_needs_two_future_dates_and_refuses_bad_ones(curatorium, manager):
    past = next_weekday_at(17, days_ahead=-3)
    cases = [
        _slots(1),
        [*_slots(1), (past, past + dt.timedelta(hours=1))],
        [*_slots(1), (_slots(2)[1][1], _slots(2)[1][0])],
    ]
    for slots in cases:
        with pytest.raises(GovernanceError):
            services.open_date_poll(committee=curatorium, title="X", slots=slots, actor=manager)
    assert DatePoll.objects.count() == 0


def test_members_answer_per_slot_and_answering_again_replaces(poll_setting):
    poll, slots, seat = poll_setting["poll"], poll_setting["slots"], poll_setting["seats"][0]

    services.answer_date_poll(
        poll=poll, person=seat.person, answers={slots[0].pk: "yes", slots[1].pk: "maybe"}
    )
    services.answer_date_poll(poll=poll, person=seat.person, answers={slots[1].pk: "no"})

    answers = dict(DatePollAnswer.objects.filter(membership=seat).values_list("slot_id", "answer"))
    assert answers == {slots[0].pk: "yes", slots[1].pk: "no"}


def test_outsiders_and_bad_answers_are_refused(poll_setting, curatorium, manager):
    poll, slots = poll_setting["poll"], poll_setting["slots"]
    other = services.open_date_poll(
        committee=curatorium, title="Andere", slots=_slots(2, days_ahead=90), actor=manager
    )
    seat = poll_setting["seats"][0]
    with pytest.raises(GovernanceError):
        services.answer_date_poll(poll=poll, person=UserFactory(), answers={slots[0].pk: "yes"})
    with pytest.raises(GovernanceError):
        services.answer_date_poll(poll=poll, person=seat.person, answers={slots[0].pk: "gern"})
    foreign = other.slots.first().pk
    with pytest.raises(GovernanceError):
        services.answer_date_poll(poll=poll, person=seat.person, answers={foreign: "yes"})
    assert DatePollAnswer.objects.count() == 0


def test_the_organiser_sees_who_has_not_answered(client, poll_setting, curatorium, manager):
    poll, slots, seats = poll_setting["poll"], poll_setting["slots"], poll_setting["seats"]
    services.answer_date_poll(poll=poll, person=seats[0].person, answers={slots[0].pk: "yes"})
    client.force_login(manager)

    page = client.get(reverse("governance:date_poll", args=[curatorium.slug, poll.pk]))

    text = page.content.decode()
    missing = text.split("Noch nicht geantwortet")[1].split("</p>")[0]
    assert seats[0].person.name not in missing
    assert all(seat.person.name in missing for seat in seats[1:])


def test_a_member_answers_from_the_page_without_javascript_and_with_htmx(
    client, poll_setting, curatorium
):
    poll, slots, seat = poll_setting["poll"], poll_setting["slots"], poll_setting["seats"][1]
    client.force_login(seat.person)
    url = reverse("governance:date_poll", args=[curatorium.slug, poll.pk])
    committee_page = client.get(reverse("governance:committee", args=[curatorium.slug]))
    assert url in committee_page.content.decode()
    assert "bitte antworten" in committee_page.content.decode()

    plain = client.post(url, {f"slot-{slots[0].pk}": "yes", f"slot-{slots[2].pk}": "no"})
    partial = client.post(url, {f"slot-{slots[1].pk}": "maybe"}, HTTP_HX_REQUEST="true")

    assert plain.status_code == 302
    assert partial.status_code == 200
    assert "<html" not in partial.content.decode()
    assert "Ihre Antworten sind gespeichert" in partial.content.decode()
    assert set(DatePollAnswer.objects.filter(membership=seat).values_list("answer", flat=True)) == {
        "yes",
        "maybe",
        "no",
    }


def test_fixing_the_date_books_the_room_plans_the_meeting_and_invites(
    client, poll_setting, curatorium, manager, default_fee_rules
):
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    poll = services.open_date_poll(
        committee=curatorium,
        title="Sitzung mit Raum",
        slots=_slots(2, days_ahead=60),
        room=room,
        actor=manager,
    )
    slot = poll.slots.order_by("start").last()
    client.force_login(manager)

    response = client.post(
        reverse("governance:date_poll_step", args=[curatorium.slug, poll.pk, "decide"]),
        {"slot": slot.pk, "invite": "on"},
    )

    poll.refresh_from_db()
    meeting = poll.meeting
    assert response.status_code == 302
    assert response.url == reverse("governance:meeting", args=[curatorium.slug, meeting.pk])
    assert poll.state == "decided"
    assert (meeting.start, meeting.end) == (slot.start, slot.end)
    assert meeting.booking.room == room
    assert meeting.booking.state == "confirmed"
    assert meeting.state == "invited"
    assert OutboxEmail.objects.filter(kind="governance.invitation").count() == 4
    assert ActivityLog.objects.filter(action_type="governance.date_poll.decided").exists()


def test_a_taken_room_refuses_the_slot_and_the_poll_stays_open(
    curatorium, manager, default_fee_rules, poll_setting
):
    from tests.governance.factories import meeting as plan
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    slots = _slots(2, days_ahead=60)
    plan(curatorium, manager, room=room, start=slots[0][0])
    poll = services.open_date_poll(
        committee=curatorium, title="Kollision", slots=slots, room=room, actor=manager
    )

    with pytest.raises(GovernanceError) as refused:
        services.decide_date_poll(
            poll=poll, slot=poll.slots.order_by("start").first(), actor=manager
        )

    poll.refresh_from_db()
    assert refused.value.field == "room"
    assert poll.state == "open"
    assert poll.meeting is None
    assert Meeting.objects.filter(title="Kollision").count() == 0


def test_members_cannot_fix_the_date_and_closed_polls_take_no_answers(
    client, poll_setting, curatorium, manager
):
    poll, slots, seat = poll_setting["poll"], poll_setting["slots"], poll_setting["seats"][0]
    client.force_login(seat.person)
    refused = client.post(
        reverse("governance:date_poll_step", args=[curatorium.slug, poll.pk, "decide"]),
        {"slot": slots[0].pk},
    )
    services.cancel_date_poll(poll=poll, actor=manager)

    assert refused.status_code == 403
    with pytest.raises(GovernanceError):
        services.answer_date_poll(poll=poll, person=seat.person, answers={slots[0].pk: "yes"})


def test_the_poll_page_reads_in_a_fixed_number_of_queries(client, curatorium, manager):
    def count(size):
        body = services.create_committee(name=f"AG {size}", kind="working_group")
        seats = members(body, size)
        poll = services.open_date_poll(
            committee=body, title="T", slots=_slots(4, days_ahead=40), actor=manager
        )
        for seat in seats:
            services.answer_date_poll(
                poll=poll,
                person=seat.person,
                answers={slot.pk: "yes" for slot in poll.slots.all()},
            )
        client.force_login(manager)
        url = reverse("governance:date_poll", args=[body.slug, poll.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(2) == count(8)


def test_opening_a_poll_asks_every_member_by_e_mail_with_the_dates_and_the_link(
    poll_setting, curatorium
):
    poll = poll_setting["poll"]
    emails = OutboxEmail.objects.filter(kind="governance.date_poll")

    assert sorted(e.to[0] for e in emails) == sorted(s.person.email for s in poll_setting["seats"])
    body = emails.first().body_text
    assert reverse("governance:date_poll", args=[curatorium.slug, poll.pk]) in body
    assert body.count("17:00–19:00") == 3
    assert "Terminumfrage: Frühjahrssitzung" in emails.first().subject
    assert "sucht einen Termin" in body


def test_the_organiser_reminds_only_those_who_have_not_answered(
    client, poll_setting, curatorium, manager
):
    poll, slots, seats = poll_setting["poll"], poll_setting["slots"], poll_setting["seats"]
    services.answer_date_poll(poll=poll, person=seats[0].person, answers={slots[0].pk: "no"})
    client.force_login(manager)

    response = client.post(
        reverse("governance:date_poll_step", args=[curatorium.slug, poll.pk, "remind"])
    )

    reminders = OutboxEmail.objects.filter(
        kind="governance.date_poll", subject__startswith="Erinnerung"
    )
    assert response.status_code == 302
    assert sorted(e.to[0] for e in reminders) == sorted(s.person.email for s in seats[1:])
    assert ActivityLog.objects.filter(action_type="governance.date_poll.reminded").exists()
    client.force_login(seats[1].person)
    refused = client.post(
        reverse("governance:date_poll_step", args=[curatorium.slug, poll.pk, "remind"])
    )
    assert refused.status_code == 403


def test_the_history_writes_the_fixed_date_the_readers_way(curatorium, manager):
    from django.utils import timezone, translation

    from house.activity import describe

    poll = services.open_date_poll(
        committee=curatorium, title="Sitzung", slots=_slots(2, days_ahead=60), actor=manager
    )
    slot = poll.slots.order_by("start").first()
    services.decide_date_poll(poll=poll, slot=slot, actor=manager)
    entry = ActivityLog.objects.filter(action_type="governance.date_poll.decided").get()
    start = timezone.localtime(slot.start)

    with translation.override("en"):
        english = describe(entry)
    with translation.override("de"):
        german = describe(entry)

    assert english == f"Date fixed: {start:%d/%m/%Y %H:%M}"
    assert german.endswith(f"{start:%d.%m.%Y %H:%M}")
