"""Demo equipment of Treppe 4 (seed 000): the five items the house lends, the PA system
with a day fee, and loans around today: the cargo bike out and due back today, the
projector out until tomorrow, folding tables reserved for next week, one returned.
Idempotent: items are matched by name, loans only written when there are none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from rooms.fees import BookerCategory, Pricing, Purpose
from rooms.loans import services
from rooms.loans.models import LendableItem, Loan
from rooms.models import FeeRule
from tenants.models import Organisation

if TYPE_CHECKING:
    from house.models import User

ITEMS = (
    ("Lastenrad", "Lastenrad mit Kiste, bis 100 kg; Schloss und Helm liegen am Empfang."),
    ("Mobiler Beamer", "Full-HD-Beamer mit HDMI- und USB-C-Adapter, Leinwand auf Stativ."),
    ("Moderationskoffer", "Karten, Stifte, Pinnnadeln und Klebepunkte für Workshops."),
    ("Beschallungsanlage", "Zwei Aktivboxen, Mischpult, zwei Funkmikrofone."),
    ("Klapptische (8 Stück)", "Klapptische 180 × 70 cm mit Transportwagen."),
)


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def seed(*, users: dict[str, User]) -> None:
    rule, _ = FeeRule.objects.get_or_create(
        name="Verleih Beschallungsanlage",
        defaults={
            "category": BookerCategory.TENANT,
            "purpose": Purpose.NONPROFIT,
            "valid_from": dt.date(2024, 1, 1),
            "pricing": Pricing.DAY,
            "amount": Decimal("25.00"),
            "vat_rate": Decimal("19.00"),
            "reason": "Verleih der Beschallungsanlage: Tagespauschale für Verschleiß",
        },
    )
    items = {}
    for position, (name, description) in enumerate(ITEMS):
        items[name], _ = LendableItem.objects.update_or_create(
            name=name,
            defaults={
                "description": description,
                "position": position,
                "fee_rule": rule if name == "Beschallungsanlage" else None,
            },
        )
    if Loan.objects.exists():
        return
    organisations = list(Organisation.objects.exclude(kind="external").order_by("name")[:3])
    if not organisations:
        return
    reception = users.get("reception")
    member = users.get("tenant_member")
    now = timezone.localtime()
    today = now.date()
    first, second, third = (organisations * 3)[:3]

    bike = services.lend_item(
        actor=reception,
        item=items["Lastenrad"],
        starts=now - dt.timedelta(minutes=30),
        # Due back today, whatever the hour of seeding.
        ends=min(max(now + dt.timedelta(hours=1), _at(today, 17)), _at(today, 23, 59)),
        organisation=first,
        borrower=member,
        note="Transport der Spendenkisten",
    )
    services.hand_out(actor=reception, loan=bike)
    projector = services.lend_item(
        actor=reception,
        item=items["Mobiler Beamer"],
        starts=now - dt.timedelta(minutes=20),
        ends=_at(today + dt.timedelta(days=1), 12),
        organisation=second,
    )
    services.hand_out(actor=reception, loan=projector)
    services.lend_item(
        actor=reception,
        item=items["Klapptische (8 Stück)"],
        starts=_at(today + dt.timedelta(days=7), 9),
        ends=_at(today + dt.timedelta(days=7), 18),
        organisation=third,
    )
    services.lend_item(
        actor=reception,
        item=items["Beschallungsanlage"],
        starts=_at(today + dt.timedelta(days=9), 14),
        ends=_at(today + dt.timedelta(days=10), 11),
        organisation=first,
    )
    case = services.lend_item(
        actor=reception,
        item=items["Moderationskoffer"],
        starts=now - dt.timedelta(minutes=50),
        ends=now + dt.timedelta(hours=3),
        organisation=second,
    )
    services.hand_out(actor=reception, loan=case)
    services.record_return(actor=reception, loan=case, note="Vollständig zurück")
