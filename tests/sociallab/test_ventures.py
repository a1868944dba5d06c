"""Ventures: phases with goals and reviews, mentors who see only their ventures, sessions
within the hour budget (with a room of the house), funding, graduation, reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from house.models import OutboxEmail
from sociallab.models import FundingSource, MentoringSession, MentorSlot, Phase, Venture
from sociallab.services import SocialLabError, funding, mentoring, ventures
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def venture(founder):
    venture = Venture.objects.create(name="Mittagstisch Nordstadt")
    venture.founders.add(founder)
    return venture


@pytest.fixture
def other_venture(db):
    venture = Venture.objects.create(name="Geheimes Vorhaben Zwiebelturm")
    venture.founders.add(UserFactory())
    return venture


def _slot(mentor, days=3, hours=1, **kwargs):
    start = (timezone.now() + dt.timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
    return mentoring.publish_slot(
        mentor=mentor, start=start, end=start + dt.timedelta(hours=hours), **kwargs
    )


def test_the_phase_review_moves_the_venture_on_and_keeps_the_goal_agreement(
    venture, sociallab_staff
):
    ventures.agree_goals(
        venture=venture, actor=sociallab_staff, goals="Zielgruppe befragen", review_on=None
    )
    ventures.review_phase(venture=venture, actor=sociallab_staff, outcome="next", notes="gut")
    venture.refresh_from_db()
    assert venture.phase == Phase.CONCRETISATION
    idea = venture.phase_records.get(phase=Phase.IDEA)
    assert idea.goals == "Zielgruppe befragen"
    assert idea.outcome == "next"


def test_the_last_phase_cannot_be_left_by_a_review(venture, sociallab_staff):
    Venture.objects.filter(pk=venture.pk).update(phase=Phase.SUSTAINABILITY)
    venture.refresh_from_db()
    with pytest.raises(SocialLabError):
        ventures.review_phase(venture=venture, actor=sociallab_staff, outcome="next")


def test_a_mentor_sees_only_the_ventures_assigned_to_them(
    client, venture, other_venture, mentor, sociallab_staff
):
    ventures.assign_mentor(
        venture=venture, actor=sociallab_staff, mentor=mentor, hour_budget=Decimal("5")
    )
    client.force_login(mentor)
    listing = client.get(reverse("sociallab:venture_list")).content.decode()
    assert "Mittagstisch Nordstadt" in listing
    assert "Zwiebelturm" not in listing
    assert client.get(other_venture.get_absolute_url()).status_code == 404
    assert client.get(venture.get_absolute_url()).status_code == 200


def test_outsiders_and_mentors_cannot_change_a_venture(client, venture, mentor, sociallab_staff):
    ventures.assign_mentor(
        venture=venture, actor=sociallab_staff, mentor=mentor, hour_budget=Decimal("5")
    )
    client.force_login(UserFactory())
    assert client.get(venture.get_absolute_url()).status_code == 404
    assert (
        client.post(
            reverse("sociallab:venture_milestone", args=[venture.pk]),
            {"title": "x", "due_on": "2030-01-01"},
        ).status_code
        == 404
    )
    client.force_login(mentor)
    assert (
        client.post(
            reverse("sociallab:venture_review", args=[venture.pk]), {"outcome": "next"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("sociallab:venture_graduate", args=[venture.pk]), {"organisation_name": "X"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("count", [1, 3])
def test_the_venture_list_costs_the_same_for_one_or_three(  # noqa: PLR0917 - pytest fixtures
    client, founder, sociallab_staff, mentor, count, django_assert_num_queries
):
    for n in range(count):
        venture = Venture.objects.create(name=f"Vorhaben {n}")
        venture.founders.add(founder)
        ventures.assign_mentor(
            venture=venture, actor=sociallab_staff, mentor=mentor, hour_budget=Decimal("5")
        )
    client.force_login(sociallab_staff)
    url = reverse("sociallab:venture_list")
    client.get(url)
    # the signed-in user's house roles are read in a query of their own
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count("Vorhaben ") >= count


def test_the_founder_books_a_free_time_within_the_hour_budget(
    client, venture, founder, mentor, sociallab_staff
):
    ventures.assign_mentor(
        venture=venture, actor=sociallab_staff, mentor=mentor, hour_budget=Decimal("2")
    )
    first, second, third = _slot(mentor, days=2), _slot(mentor, days=3), _slot(mentor, days=4)
    client.force_login(founder)
    page = client.get(venture.get_absolute_url()).content.decode()
    assert reverse("sociallab:venture_book", args=[venture.pk, first.pk]) in page
    response = client.post(
        reverse("sociallab:venture_book", args=[venture.pk, first.pk]), {"topic": "Finanzplan"}
    )
    session = venture.sessions.get()
    assert response.url == reverse("sociallab:session", args=[session.pk])
    mentoring.book_session(actor=founder, venture=venture, slot=second)
    with pytest.raises(SocialLabError, match="2"):
        mentoring.book_session(actor=founder, venture=venture, slot=third)
    with pytest.raises(SocialLabError):
        mentoring.book_session(actor=founder, venture=venture, slot=first)


def _room_slot(mentor, room, *, days=2):
    """A weekday morning's free time in ``room``, away from the house's closure days."""
    from house.models import ClosureDay

    start = timezone.localtime(timezone.now() + dt.timedelta(days=days)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    closed = set(ClosureDay.objects.values_list("date", flat=True))
    while start.weekday() >= 5 or start.date() in closed:
        start += dt.timedelta(days=1)
    return MentorSlot.objects.create(
        mentor=mentor, start=start, end=start + dt.timedelta(hours=1), room=room
    )


@pytest.mark.usefixtures("house", "default_fee_rules")
def test_a_session_in_the_house_requests_the_room_through_the_booking_service(
    venture, founder, mentor, sociallab_staff
):
    from rooms.models import Booking
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    ventures.assign_mentor(
        venture=venture, actor=sociallab_staff, mentor=mentor, hour_budget=Decimal("5")
    )
    slot = _room_slot(mentor, room)
    session = mentoring.book_session(actor=founder, venture=venture, slot=slot, topic="Raumplanung")
    assert session.room_booking is not None
    assert session.room_booking.room == room
    assert session.room_booking.state == Booking.State.REQUESTED
    assert session.room_booking.occupancies.filter(room=room).exists()
    assert session.location == room.name


@pytest.mark.usefixtures("house", "default_fee_rules")
def test_a_room_taken_at_that_time_refuses_the_session_and_books_nothing(
    venture, founder, mentor, sociallab_staff
):
    from rooms.models import Booking
    from tests.rooms.factories import RoomFactory

    room = RoomFactory()
    other_mentor = UserFactory(name="Zweite Mentorin")
    for person in (mentor, other_mentor):
        ventures.assign_mentor(
            venture=venture, actor=sociallab_staff, mentor=person, hour_budget=Decimal("5")
        )
    first = _room_slot(mentor, room)
    same_time = MentorSlot.objects.create(
        mentor=other_mentor, start=first.start, end=first.end, room=room
    )
    mentoring.book_session(actor=founder, venture=venture, slot=first)
    with pytest.raises(SocialLabError) as refused:
        mentoring.book_session(actor=founder, venture=venture, slot=same_time)
    assert refused.value.message
    assert venture.sessions.count() == 1
    assert Booking.objects.filter(room=room).count() == 1
    assert not MentoringSession.objects.filter(slot=same_time).exists()


def test_notes_private_to_the_mentor_stay_private(
    client, venture, founder, mentor, sociallab_staff
):
    ventures.assign_mentor(
        venture=venture, actor=sociallab_staff, mentor=mentor, hour_budget=Decimal("5")
    )
    session = mentoring.book_session(actor=founder, venture=venture, slot=_slot(mentor))
    mentoring.save_notes(
        session=session, actor=mentor, shared_notes="Budget klären", private_notes="Team wirkt müde"
    )
    mentoring.add_action_item(session=session, actor=mentor, text="Finanzplan schicken")
    client.force_login(founder)
    page = client.get(reverse("sociallab:session", args=[session.pk])).content.decode()
    assert "Budget klären" in page
    assert "Finanzplan schicken" in page
    assert "Team wirkt müde" not in page
    client.post(
        reverse("sociallab:session", args=[session.pk]),
        {"shared_notes": "Budget geklärt", "private_notes": "gehackt"},
    )
    session.refresh_from_db()
    assert session.shared_notes == "Budget geklärt"
    assert session.private_notes == "Team wirkt müde"
    client.force_login(UserFactory())
    assert client.get(reverse("sociallab:session", args=[session.pk])).status_code == 404


def test_funding_applications_remind_before_deadlines_and_reports(
    venture, founder, sociallab_staff
):
    today = timezone.localdate()
    source = FundingSource.objects.create(
        name="Quartiersfonds", next_deadline=today + dt.timedelta(days=3)
    )
    planned = funding.add_funding_application(
        venture=venture, actor=founder, source=source, amount="2000,50"
    )
    assert planned.amount == Decimal("2000.50")
    granted = funding.add_funding_application(
        venture=venture, actor=founder, source=source, amount="500"
    )
    funding.update_funding_status(
        funding=granted, actor=sociallab_staff, status="granted", granted="450"
    )
    funding.add_report(
        funding=granted,
        actor=sociallab_staff,
        title="Verwendungsnachweis",
        due_on=today + dt.timedelta(days=5),
    )
    with pytest.raises(SocialLabError):
        funding.add_funding_application(venture=venture, actor=founder, source=source, amount="-3")
    assert funding.send_funding_reminders(today=today) == 2
    assert funding.send_funding_reminders(today=today) == 0
    assert OutboxEmail.objects.filter(to=[founder.email]).count() == 2


def test_graduation_makes_the_venture_an_organisation_and_keeps_its_history(
    venture, founder, sociallab_staff
):
    from house.models import ActivityLog
    from tenants.models import Membership

    ventures.agree_goals(venture=venture, actor=sociallab_staff, goals="Ziele", review_on=None)
    graduated = ventures.graduate_venture(
        venture=venture, actor=sociallab_staff, organisation_name="Mittagstisch Nordstadt e.V."
    )
    assert graduated.organisation.name == "Mittagstisch Nordstadt e.V."
    assert Membership.objects.get(organisation=graduated.organisation).user == founder
    assert ActivityLog.objects.for_object(venture).count() == 2
    with pytest.raises(SocialLabError):
        ventures.graduate_venture(
            venture=venture, actor=sociallab_staff, organisation_name="Nochmal"
        )


def test_reports_show_the_figures_and_download_as_csv(
    client, call, application, sociallab_staff, venture
):
    client.force_login(sociallab_staff)
    page = client.get(reverse("sociallab:reports"))
    assert "Ideen für Kassel 2027" in page.content.decode()
    csv = client.get(reverse("sociallab:reports") + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    text = csv.content.decode("utf-8-sig")
    assert "Ideen für Kassel 2027;1" in text
    client.force_login(UserFactory())
    assert client.get(reverse("sociallab:reports")).status_code == 403


def test_a_mentor_publishes_free_times_on_the_mentor_desk(client, mentor):
    client.force_login(mentor)
    start = timezone.localtime(timezone.now() + dt.timedelta(days=5)).replace(
        minute=0, second=0, microsecond=0
    )
    response = client.post(
        reverse("sociallab:mentor_home"),
        {
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "location": "Videocall",
        },
    )
    assert response.status_code == 302
    assert MentorSlot.objects.filter(mentor=mentor, location="Videocall").exists()
    client.force_login(UserFactory())
    assert client.get(reverse("sociallab:mentor_home")).status_code == 403
