"""The invoices' personal fields of a person, planted through the services: a private
booking for them, invoiced to their name and address, paid by a transfer on an imported
bank statement that names them, and its deposit kept in part for a reason naming them."""

from __future__ import annotations

import importlib
from decimal import Decimal

from django.apps import apps
from django.utils import timezone

from house.models import Role
from rooms.billing.operations.deposits import hold_deposit, settle_deposit
from rooms.billing.operations.payments import import_statement
from rooms.billing.services import issue_invoice
from rooms.fees import Purpose
from rooms.models import FeeRule
from rooms.services import book_room
from tests.billing.statements import volksbank_csv
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
    statement = volksbank_csv(
        [(timezone.localdate(), invoice.gross, f"{invoice.number} {marker}", marker)]
    )
    import_statement(content=statement, filename="umsaetze.csv", actor=manager)
    booking.deposit = Decimal("50.00")
    booking.save(update_fields=["deposit"])
    deposit = hold_deposit(booking=booking, actor=manager, received_on=timezone.localdate())
    settle_deposit(
        deposit=deposit,
        actor=manager,
        settled_on=timezone.localdate(),
        kept=Decimal("10.00"),
        reason=f"Fleck {marker}",
    )
