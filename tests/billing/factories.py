"""Invoice test data: the house as issuer, and confirmed bookings with a price."""

from __future__ import annotations

from rooms.billing.models import BillingSettings
from rooms.billing.services import update_settings
from rooms.models import Booking

_NEW = object()


def set_issuer() -> BillingSettings:
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


def chargeable_booking(
    *, reception, organisation=_NEW, days: int = 7, hour: int = 10, **kwargs
) -> Booking:
    """A confirmed booking of an external company (full rate, 19 % VAT) ``days`` ahead."""
    from rooms.services import book_room
    from tenants.models import Organisation
    from tests.rooms.factories import RoomFactory, draft, next_weekday_at
    from tests.tenants.factories import OrganisationFactory

    if organisation is _NEW:
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
