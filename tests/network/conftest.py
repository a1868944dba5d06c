"""Fixtures of the network tests."""

from __future__ import annotations

import pytest

from house.models import Role
from tests.factories import staff_user


@pytest.fixture
def coordinator(db):
    return staff_user(Role.NETWORK_COORDINATION)
