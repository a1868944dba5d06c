"""The terms of the fee engine: booker categories, purposes, pricing and a booker's tariff."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from rooms.fees.conditions import Surcharge


CENT = Decimal("0.01")
HALF_DAY_MINUTES = 4 * 60
DAY_MINUTES = 24 * 60


class BookerCategory(models.TextChoices):
    TENANT = "tenant", gettext_lazy("House tenant")
    LOCAL_NONPROFIT = "local_nonprofit", gettext_lazy("Local non-profit association or initiative")
    PUBLIC_SECTOR = "public_sector", gettext_lazy("Public sector")
    EXTERNAL_NONPROFIT = "external_nonprofit", gettext_lazy("External non-profit")
    COMMERCIAL = "commercial", gettext_lazy("Commercial")
    PRIVATE_PERSON = "private_person", gettext_lazy("Private person")


class Purpose(models.TextChoices):
    NONPROFIT = "nonprofit", gettext_lazy("Non-profit (for the common good)")
    COMMERCIAL = "commercial", gettext_lazy("Commercial")
    PRIVATE_CELEBRATION = "private_celebration", gettext_lazy("Private celebration")


class Pricing(models.TextChoices):
    FREE = "free", gettext_lazy("Free of charge")
    HOURLY = "hourly", gettext_lazy("Per hour")
    HALF_DAY = "half_day", gettext_lazy("Per half day (up to 4 hours) or day")
    DAY = "day", gettext_lazy("Per day")
    FLAT = "flat", gettext_lazy("Flat usage fee")


class Extra(models.TextChoices):
    EQUIPMENT = "equipment", gettext_lazy("Media equipment")
    CATERING = "catering", gettext_lazy("Catering service")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Tariff:
    """The plain data of one fee rule, as the engine needs it."""

    name: str
    reason: str
    pricing: str
    amount: Decimal = Decimal(0)
    day_amount: Decimal | None = None
    equipment_fee: Decimal = Decimal(0)
    catering_fee: Decimal = Decimal(0)
    cleaning_fee: Decimal = Decimal(0)
    deposit: Decimal = Decimal(0)
    vat_rate: Decimal = Decimal(0)
    free_minutes_per_month: int = 0
    rule_id: int | None = None
    reason_en: str = ""
    #: Evening or weekend surcharges (:mod:`rooms.fees.conditions`).
    surcharges: tuple[Surcharge, ...] = ()
    #: The purposes whose bookings use up the free monthly quota.
    quota_purposes: frozenset[str] = frozenset()
