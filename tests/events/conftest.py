"""Fixtures of the programme tests."""

from __future__ import annotations

import pytest

from tenants.models import Membership
from tests.events.factories import EventFactory, OrganisationFactory
from tests.factories import UserFactory
from tests.ical.conftest import icaljs  # noqa: F401 - the ical.js cross-check fixture


@pytest.fixture
def organisation(db):
    return OrganisationFactory(slug="kiss-kassel", name="KISS Kassel")


@pytest.fixture
def member(organisation):
    user = UserFactory()
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def outsider_member(db):
    """A member of another organisation: sees the public programme, runs nothing of ours."""
    other = OrganisationFactory(slug="anderer-verein", name="Anderer Verein")
    user = UserFactory()
    Membership.objects.create(user=user, organisation=other, role=Membership.Role.ADMIN)
    return user


@pytest.fixture
def event(organisation):
    return EventFactory(organisation=organisation, title="Selbsthilfe-Infoabend", capacity=10)
