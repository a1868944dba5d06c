"""Two staff members releasing a call's decisions at the same moment: one message each."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from house.models import OutboxEmail
from house.roles import Role
from sociallab.services import SocialLabError
from sociallab.services import decisions as services
from tests.factories import UserFactory, staff_user
from tests.sociallab.conftest import submitted_application

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

RELEASERS = 6


def test_simultaneous_releases_send_exactly_one_message_per_application(call):
    staff = staff_user(Role.SOCIAL_LAB_STAFF)
    applications = [submitted_application(call, UserFactory(), title=f"Idee {n}") for n in range(8)]
    for n, application in enumerate(applications):
        services.decide_application(
            actor=staff, application=application, decision="accept" if n % 2 else "reject"
        )
    results: list[object] = []
    guard = threading.Lock()
    barrier = threading.Barrier(RELEASERS)

    def release() -> None:
        try:
            barrier.wait()
            outcome: object = services.release_decisions(actor=staff, call=call)
        except SocialLabError as exc:
            outcome = exc.message
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            results.append(outcome)

    threads = [threading.Thread(target=release) for _ in range(RELEASERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r for r in results if isinstance(r, int)) == [0] * (RELEASERS - 1) + [8], results
    for application in applications:
        mails = OutboxEmail.objects.filter(
            ref=f"sociallab.application:{application.pk}", kind="sociallab.decision"
        )
        assert mails.count() == 1


@pytest.mark.usefixtures("default_fee_rules")
def test_two_sessions_at_the_same_time_in_the_same_room_book_it_once(call):
    """Two founders book two mentors' free times in the same room at the same moment:
    the room's booking service lets one through and refuses the other in words."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from house.demo import seed_house
    from house.models import ClosureDay
    from rooms.models import Booking
    from sociallab.models import MentoringSession, MentorSlot, Venture
    from sociallab.services import mentoring, ventures
    from tests.rooms.factories import RoomFactory

    seed_house()
    staff = staff_user(Role.SOCIAL_LAB_STAFF)
    room = RoomFactory()
    start = timezone.localtime(timezone.now() + dt.timedelta(days=3)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    closed = set(ClosureDay.objects.values_list("date", flat=True))
    while start.weekday() >= 5 or start.date() in closed:
        start += dt.timedelta(days=1)
    bookings = []
    for n in range(2):
        founder = UserFactory()
        mentor = UserFactory(roles=[Role.MENTOR])
        venture = Venture.objects.create(name=f"Vorhaben {n}")
        venture.founders.add(founder)
        ventures.assign_mentor(
            venture=venture, actor=staff, mentor=mentor, hour_budget=Decimal("5")
        )
        slot = MentorSlot.objects.create(
            mentor=mentor, start=start, end=start + dt.timedelta(hours=1), room=room
        )
        bookings.append((founder, venture, slot))
    results: list[object] = []
    guard = threading.Lock()
    barrier = threading.Barrier(len(bookings))

    def book(founder, venture, slot) -> None:
        try:
            barrier.wait()
            outcome: object = mentoring.book_session(actor=founder, venture=venture, slot=slot)
        except SocialLabError as exc:
            outcome = exc.message
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome = f"error: {exc!r}"
        finally:
            connections.close_all()
        with guard:
            results.append(outcome)

    threads = [threading.Thread(target=book, args=args) for args in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    sessions = [r for r in results if isinstance(r, MentoringSession)]
    refusals = [r for r in results if isinstance(r, str)]
    assert len(sessions) == 1, results
    assert len(refusals) == 1, results
    assert not refusals[0].startswith("error"), results
    assert MentoringSession.objects.count() == 1
    assert Booking.objects.filter(room=room).count() == 1
