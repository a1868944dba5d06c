"""The conference centre's personal fields of a person, planted through its services: a
private celebration booked for them and a booking request with them as the contact (by
their second address), whose e-mails and history go out and are logged as usual."""

from __future__ import annotations

import importlib

from django.apps import apps

from house.models import Role
from rooms.fees import Purpose
from rooms.models import FeeRule
from rooms.services import book_room, request_booking
from tests.factories import staff_user
from tests.rooms.factories import RoomFactory, draft, next_weekday_at


def plant(*, user, marker: str) -> None:
    if not FeeRule.objects.exists():  # the default tariff, as its data migration adds it
        importlib.import_module("rooms.migrations.0003_default_fee_rules").add_rules(apps, None)
    reception = staff_user(Role.RECEPTION)
    room = RoomFactory()
    second_address = f"{marker}.privat@example.net"
    request_booking(
        actor=None,
        draft=draft(
            room,
            next_weekday_at(10),
            title=f"Treffen von {marker}",
            contact_name=marker,
            contact_email=second_address.upper(),
            contact_phone="0561 123",
        ),
    )
    book_room(
        actor=reception,
        draft=draft(
            room,
            next_weekday_at(15),
            purpose=Purpose.NONPROFIT,
            title=f"Besprechung {marker}",
            person=user,
            contact_name=marker,
            contact_email=user.email,
            internal_note=f"Rückruf an {marker}",
        ),
    )
