from __future__ import annotations

import pytest


@pytest.fixture
def reception(db):
    from house.models import Role
    from tests.factories import staff_user

    return staff_user(Role.RECEPTION)
