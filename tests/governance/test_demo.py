"""The demo curatorium: what the demo logins find, loaded without sending anything."""

from __future__ import annotations

import pytest
from django.urls import reverse

from house.governance.models import CircularDecision, Committee, Meeting, Minutes
from house.models import OutboxEmail

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_db_blocker):
    from django.core.management import call_command

    call_command("seed_demo", "--quiet-logins", stdout=__import__("io").StringIO())
    return Committee.objects.get(slug="kuratorium")


def test_the_demo_curatorium_is_complete(demo):
    assert demo.memberships.count() == 8
    assert demo.memberships.filter(deputy__isnull=False).count() >= 4
    assert Minutes.objects.filter(meeting__committee=demo, state="published").count() == 2
    assert Meeting.objects.upcoming().filter(committee=demo).count() == 1
    assert CircularDecision.objects.open().filter(committee=demo).count() == 1
    assert demo.resolutions.filter(published=True).exists()
    assert OutboxEmail.objects.filter(kind="governance.invitation").exists()


def test_loading_the_demo_twice_changes_nothing(demo):
    from house import demo as house_demo
    from house.governance import demo as governance_demo

    assert governance_demo.seed(users=house_demo.seed()) is None
    assert Committee.objects.filter(slug="kuratorium").count() == 1


def test_the_demo_curatorium_login_finds_its_next_meeting_and_open_decision(client, demo):
    from house.models import User

    client.force_login(User.objects.get(email="kuratorium@example.org"))

    page = client.get(reverse("governance:my_committees"), follow=True).content.decode()

    assert "Sitzung im Winter" in page
    assert "Zuschuss für das Nachbarschaftscafé" in page


def test_the_demo_has_an_open_date_poll_with_answers_and_a_delegation(client, demo):
    from house.governance.models import DatePoll, DatePollAnswer, Delegation
    from house.models import User

    poll = DatePoll.objects.open().get(committee=demo)
    assert (
        DatePollAnswer.objects.filter(slot__poll=poll).values("membership").distinct().count() == 3
    )
    assert Delegation.objects.filter(meeting__committee=demo).count() == 1
    client.force_login(User.objects.get(email="kuratorium@example.org"))
    page = client.get(reverse("governance:committee", args=[demo.slug])).content.decode()
    assert "Sitzung im Frühjahr" in page
    assert "bitte antworten" in page
