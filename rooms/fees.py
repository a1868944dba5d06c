"""The fee engine of the conference centre: pure functions over plain data.

Fee rules are data (``rooms.models.FeeRule``, edited by house management);
this module turns one rule plus the facts of a booking into a :class:`Quote`.
It touches no database, so it is tested with worked cases and property tests.

Documented decisions:

* Prices are net amounts; VAT is added at the rule's rate, rounded to cents.
* ``hourly`` charges the exact minutes (no rounding up to full hours).
  Tenants first use their free monthly quota; only the minutes beyond it are billed.
* ``half_day`` charges the half-day price up to and including 4 hours and
  the day price beyond (twice the half-day price when the rule has none).
* ``day`` charges per started day (a booking never crosses midnight, see
  ``rooms.services``, so this is one day).
* ``flat`` is a usage fee per booking, whatever its length.
* A cleaning fee, when the rule has one, is always charged; equipment and
  catering only when the booking asks for them. The deposit is refundable,
  carries no VAT and is not part of the gross total.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from house.tenure import Tenure, volunteer_tenure

if TYPE_CHECKING:
    from house.models import User

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


@dataclass(frozen=True)
class QuoteLine:
    label: str
    reason: str
    amount: Decimal


@dataclass(frozen=True)
class Quote:
    """What a booking costs, line by line; frozen on the booking as JSON."""

    lines: tuple[QuoteLine, ...]
    net: Decimal
    vat_rate: Decimal
    vat: Decimal
    gross: Decimal
    deposit: Decimal
    rule_id: int | None = None
    rule_name: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["lines"] = [
            {"label": line.label, "reason": line.reason, "amount": str(line.amount)}
            for line in self.lines
        ]
        for key in ("net", "vat_rate", "vat", "gross", "deposit"):
            data[key] = str(data[key])
        data["warnings"] = list(self.warnings)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(
            lines=tuple(
                QuoteLine(line["label"], line["reason"], Decimal(line["amount"]))
                for line in data["lines"]
            ),
            net=Decimal(data["net"]),
            vat_rate=Decimal(data["vat_rate"]),
            vat=Decimal(data["vat"]),
            gross=Decimal(data["gross"]),
            deposit=Decimal(data["deposit"]),
            rule_id=data.get("rule_id"),
            rule_name=data.get("rule_name", ""),
            warnings=tuple(data.get("warnings", ())),
        )


def _hours(minutes: int) -> str:
    hours = Decimal(minutes) / 60
    return f"{hours.normalize():f}".replace(".", ",")


def _usage_line(tariff: Tariff, billable: int) -> QuoteLine:
    if tariff.pricing == Pricing.FREE or billable == 0:
        return QuoteLine(_("Room use"), tariff.reason, Decimal("0.00"))
    if tariff.pricing == Pricing.HOURLY:
        amount = money(tariff.amount * Decimal(billable) / 60)
        label = _("Room use, %(hours)s h × %(price)s €") % {
            "hours": _hours(billable),
            "price": money(tariff.amount),
        }
        return QuoteLine(label, tariff.reason, amount)
    if tariff.pricing == Pricing.HALF_DAY:
        if billable <= HALF_DAY_MINUTES:
            return QuoteLine(_("Room use, half day"), tariff.reason, money(tariff.amount))
        day = tariff.day_amount if tariff.day_amount is not None else 2 * tariff.amount
        return QuoteLine(_("Room use, full day"), tariff.reason, money(day))
    if tariff.pricing == Pricing.DAY:
        days = -(-billable // DAY_MINUTES)
        label = _("Room use, %(days)s day(s)") % {"days": days}
        return QuoteLine(label, tariff.reason, money(tariff.amount * days))
    return QuoteLine(_("Flat usage fee"), tariff.reason, money(tariff.amount))


def compute_quote(
    tariff: Tariff,
    *,
    minutes: int,
    extras: frozenset[str] | set[str] = frozenset(),
    quota_used_minutes: int = 0,
    warnings: tuple[str, ...] = (),
) -> Quote:
    """Price ``minutes`` of room use under ``tariff``.

    ``quota_used_minutes`` is the part of the tariff's free monthly quota the
    booker has already used this month (other bookings). Never negative.
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    lines: list[QuoteLine] = []
    billable = minutes
    if tariff.free_minutes_per_month > 0 and minutes > 0:
        left = max(0, tariff.free_minutes_per_month - max(0, quota_used_minutes))
        covered = min(left, minutes)
        billable = minutes - covered
        if covered:
            lines.append(
                QuoteLine(
                    _("%(hours)s h from the free monthly quota") % {"hours": _hours(covered)},
                    tariff.reason,
                    Decimal("0.00"),
                )
            )
    if billable or not lines:
        lines.append(_usage_line(tariff, billable))
    if Extra.EQUIPMENT in extras and tariff.equipment_fee:
        lines.append(
            QuoteLine(
                _("Media equipment"),
                _("Projector, screen and sound as booked."),
                money(tariff.equipment_fee),
            )
        )
    if Extra.CATERING in extras and tariff.catering_fee:
        lines.append(
            QuoteLine(
                _("Catering service"),
                _("Set-up of drinks and snacks by the house."),
                money(tariff.catering_fee),
            )
        )
    if tariff.cleaning_fee:
        lines.append(
            QuoteLine(
                _("Cleaning fee"),
                _("Charged once for this kind of use."),
                money(tariff.cleaning_fee),
            )
        )
    net = money(sum((line.amount for line in lines), Decimal(0)))
    vat = money(net * tariff.vat_rate / 100)
    return Quote(
        lines=tuple(lines),
        net=net,
        vat_rate=tariff.vat_rate,
        vat=vat,
        gross=net + vat,
        deposit=money(tariff.deposit),
        rule_id=tariff.rule_id,
        rule_name=tariff.name,
        warnings=warnings,
    )


# --- who may book what -------------------------------------------------------


def is_eligible_for_private_celebration(user: User | None, on: dt.date) -> bool:
    """May ``user`` book a single room for a private celebration on ``on``?

    The rule (seed 002, Stadthaus Laatzen): only people whose volunteering in
    the house has been regular for *more than one year* on the day of the
    celebration. The volunteer area computes that from its hours ledger and
    answers through ``house.tenure`` (see :func:`private_celebration_tenure`
    for the reason in words).
    """
    return private_celebration_tenure(user, on).qualifies


def private_celebration_tenure(user: User | None, on: dt.date) -> Tenure:
    """The volunteer tenure of ``user`` on ``on``, with its explanation in words."""
    return volunteer_tenure(user=user, on=on)


def classify_organisation(
    *,
    kind: str,
    city: str,
    has_valid_proof: bool,
    has_any_proof: bool,
    house_city: str,
) -> tuple[str, tuple[str, ...]]:
    """The booker category of an organisation, and warnings for the reception.

    Tenants are tenants and public bodies are the public sector, whatever their
    papers. Anybody else counts as non-profit only with a valid exemption
    notice (local when based in the house's city); an expired notice falls
    back to the commercial (full external) rate with a visible warning.
    """
    if kind == "tenant":
        return BookerCategory.TENANT, ()
    if kind == "public_body":
        return BookerCategory.PUBLIC_SECTOR, ()
    if has_valid_proof:
        if city.strip().casefold() == house_city.strip().casefold():
            return BookerCategory.LOCAL_NONPROFIT, ()
        return BookerCategory.EXTERNAL_NONPROFIT, ()
    if has_any_proof:
        return BookerCategory.COMMERCIAL, (
            _(
                "The non-profit exemption notice has expired: the external rate applies "
                "until a current notice is on file."
            ),
        )
    return BookerCategory.COMMERCIAL, ()
