"""Fixtures of the invoice tests: the house as issuer and confirmed bookings with a price."""

from __future__ import annotations

import pytest


@pytest.fixture
def manager(db):
    from house.models import Role
    from tests.factories import staff_user

    return staff_user(Role.HOUSE_MANAGEMENT)


@pytest.fixture
def reception(db):
    from house.models import Role
    from tests.factories import staff_user

    return staff_user(Role.RECEPTION)


@pytest.fixture
def issuer(house):
    from tests.billing.factories import set_issuer

    return set_issuer()


@pytest.fixture
def make_booking(default_fee_rules, reception):
    from tests.billing.factories import chargeable_booking

    def make(**kwargs):
        return chargeable_booking(reception=reception, **kwargs)

    return make


@pytest.fixture
def booking(make_booking):
    return make_booking()


@pytest.fixture(scope="session")
def einvoice_validator():
    """The official EN 16931 and XRechnung rules, compiled once per test run."""
    from tests.billing.schematron.validate import Validator

    return Validator()
