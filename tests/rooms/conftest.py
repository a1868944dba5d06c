"""Fixtures of the rooms tests."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from rooms.models import FeeRule


@pytest.fixture
def default_fee_rules(db):
    """The default tariff from the data migration (transactional tests flush it, so re-add it)."""
    if not FeeRule.objects.exists():
        migration = importlib.import_module("rooms.migrations.0003_default_fee_rules")
        migration.add_rules(apps, None)
    return FeeRule.objects.all()


@pytest.fixture
def reception(db):
    from house.models import Role
    from tests.factories import staff_user

    return staff_user(Role.RECEPTION)


@pytest.fixture
def manager(db):
    from house.models import Role
    from tests.factories import staff_user

    return staff_user(Role.HOUSE_MANAGEMENT)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The rooms tests create many people; real password hashing would dominate their run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
