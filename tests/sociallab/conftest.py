"""Fixtures of the Social Lab tests: an open call with criteria, a jury and a review phase."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from house.roles import Role
from sociallab.models import Criterion, ReviewerTeam, ReviewPhase
from sociallab.services import applications as app_services
from sociallab.services.calls import create_call
from tests.factories import UserFactory, staff_user

ANSWERS = {
    "based_in_region": "yes",
    "social_purpose": "yes",
    "stage": "Idee",
    "problem": "Ältere Menschen im Quartier sind einsam.",
    "solution": "Ein Mittagstisch, den Nachbarinnen reihum kochen.",
    "team": "Zwei Sozialarbeiterinnen und ein Koch.",
}


@pytest.fixture
def call(db):
    now = timezone.now()
    call = create_call(
        title="Ideen für Kassel 2027",
        summary="Wir suchen soziale Ideen für Nordhessen.",
        opens_at=now - dt.timedelta(days=5),
        closes_at=now + dt.timedelta(days=20),
        decisions_by=(now + dt.timedelta(days=40)).date(),
        is_published=True,
    )
    Criterion.objects.create(call=call, name="Wirkung", weight=Decimal("2"), max_score=5)
    Criterion.objects.create(call=call, name="Machbarkeit", weight=Decimal("1"), max_score=5)
    Criterion.objects.create(
        call=call,
        name="Bauchgefühl",
        weight=Decimal("1"),
        max_score=5,
        required=False,
        in_total=False,
    )
    return call


@pytest.fixture
def founder(db):
    return UserFactory(name="Lea Hoffmann", email="lea.hoffmann@example.org")


@pytest.fixture
def sociallab_staff(db):
    return staff_user(Role.SOCIAL_LAB_STAFF, name="Malte Richter")


@pytest.fixture
def mentor(db):
    return UserFactory(name="Thomas Wagner", roles=[Role.MENTOR])


@pytest.fixture
def jury(call):
    team = ReviewerTeam.objects.create(call=call, name="Jury", may_see_names=False)
    reviewers = [UserFactory(name=f"Jurorin {n}") for n in range(3)]
    team.members.add(*reviewers)
    return reviewers


@pytest.fixture
def phase(call):
    return ReviewPhase.objects.create(
        call=call,
        name="Begutachtung",
        is_active=True,
        can_review=True,
        other_reviews=ReviewPhase.OtherReviews.AFTER_OWN,
        show_names=False,
        scope=ReviewPhase.Scope.ALL,
    )


def submitted_application(call, applicant, *, title="Mittagstisch Nordstadt", answers=None):
    application = app_services.start_application(call=call, applicant=applicant)
    app_services.save_draft(
        application=application, actor=applicant, title=title, answers=answers or ANSWERS
    )
    return app_services.submit_application(application=application, actor=applicant, consent=True)


@pytest.fixture
def application(call, founder):
    return submitted_application(call, founder)
