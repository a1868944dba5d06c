"""Demo invoices of the conference centre (seed 000): the house's tax identity and bank
account, then the invoices of the past bookings with their payments, reminders, deposits
and a correction (``rooms.billing.operations.demo``). Idempotent: nothing is added once
invoices exist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rooms.billing import services
from rooms.billing.models import BillingSettings
from rooms.billing.operations import demo as business

if TYPE_CHECKING:
    from house.models import User

DEMO_SETTINGS = {
    "legal_name": "Treppe 4 e.V.",
    "tax_number": "026 250 12345",
    "vat_id": "DE123456789",
    "iban": "DE02120300000000202051",
    "bic": "BYLADEM1001",
    "bank_name": "Kasseler Sparkasse",
    "payment_days": 14,
}


def seed(*, users: dict[str, User]) -> None:
    config = BillingSettings.current()
    if not config.has_tax_identity:
        services.update_settings(actor=None, **DEMO_SETTINGS)
    business.seed(users=users)
