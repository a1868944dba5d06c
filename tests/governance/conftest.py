"""Fixtures of the governance tests."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def manager(db):
    from house.models import Role
    from tests.factories import staff_user

    return staff_user(Role.HOUSE_MANAGEMENT)


@pytest.fixture
def default_fee_rules(db):
    from rooms.models import FeeRule

    if not FeeRule.objects.exists():
        migration = importlib.import_module("rooms.migrations.0003_default_fee_rules")
        migration.add_rules(apps, None)
    return FeeRule.objects.all()


@pytest.fixture
def curatorium(db):
    from tests.governance.factories import committee

    return committee()
