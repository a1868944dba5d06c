"""The invoices' personal fields of a person, planted through the services: a private
booking for them, invoiced to their name and address, and a payment whose bank
reference names them."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.utils import timezone

from house.models import Role
from rooms.billing.services import issue_invoice, record_payment
from rooms.fees import Purpose
from rooms.models import FeeRule
from rooms.services import book_room
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at


def plant(*, user, marker: str) -> None:
    if not FeeRule.objects.exists():  # the default tariff, as its data migration adds it
        importlib.import_module("rooms.migrations.0003_default_fee_rules").add_rules(apps, None)
    reception = staff_user(Role.RECEPTION)
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    booking = book_room(
        actor=reception,
        draft=draft(
            RoomFactory(),
            next_weekday_at(12, days_ahead=9),
            purpose=Purpose.NONPROFIT,
            title=f"Geburtstag {marker}",
            person=user,
            contact_name=marker,
            contact_email=user.email,
        ),
    )
    invoice = issue_invoice(booking=booking, actor=manager)
    record_payment(
        invoice=invoice,
        actor=manager,
        amount=invoice.gross,
        paid_on=timezone.localdate(),
        reference=f"{invoice.number} {marker}",
    )
