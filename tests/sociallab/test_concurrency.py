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
