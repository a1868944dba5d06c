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
    from rooms.billing.services import update_settings

    return update_settings(
        actor=None,
        legal_name="Treppe 4 e.V.",
        tax_number="026 250 12345",
        vat_id="DE123456789",
        iban="DE02 1203 0000 0000 2020 51",
        bic="BYLADEM1001",
        bank_name="Testbank",
        payment_days=14,
    )


@pytest.fixture
def make_booking(default_fee_rules, reception):
    """A confirmed booking of an external company (full rate, 19 % VAT) ``days`` ahead."""
    from rooms.services import book_room
    from tenants.models import Organisation
    from tests.rooms.factories import RoomFactory, draft, next_weekday_at
    from tests.tenants.factories import OrganisationFactory

    new = object()

    def make(*, organisation=new, days: int = 7, hour: int = 10, **kwargs):
        if organisation is new:
            organisation = OrganisationFactory(
                kind=Organisation.Kind.EXTERNAL,
                nonprofit_notice_date=None,
                street="Königsstraße 1",
                postcode="34117",
                city="Kassel",
            )
        values = {"organisation": organisation, "contact_email": "buchung@firma.example"}
        values.update(kwargs)
        return book_room(
            actor=reception,
            draft=draft(RoomFactory(), next_weekday_at(hour, days_ahead=days), **values),
        )

    return make


@pytest.fixture
def booking(make_booking):
    return make_booking()
