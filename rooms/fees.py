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
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from house.tenure import Tenure, volunteer_tenure
from house.translated import in_language

if TYPE_CHECKING:
    from collections.abc import Mapping

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
    reason_en: str = ""


@dataclass(frozen=True)
class QuoteLine:
    """One line of a quote, kept as what it is (``code`` and numbers), not as words.

    The words are made when the line is read, in the reader's language: a booking
    quoted in German reads in English on an English page. ``reason`` is the house's
    own text of the fee rule (German, with its English twin when house management
    wrote one). A line kept from before lines had codes carries its old words in
    ``text`` and is shown as written.
    """

    code: str
    amount: Decimal
    params: Mapping[str, str] = field(default_factory=dict)
    rule_reason: str = ""
    rule_reason_en: str = ""
    text: str = ""
    text_reason: str = ""

    @property
    def label(self) -> str:
        if self.code == LineCode.TEXT:
            return self.text
        return line_label(self.code, self.params)

    @property
    def reason(self) -> str:
        fixed = FIXED_REASONS.get(self.code)
        if fixed is not None:
            return str(fixed)
        if self.code == LineCode.TEXT and self.text_reason:
            return self.text_reason
        return in_language(self.rule_reason, self.rule_reason_en)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "amount": str(self.amount)}
        if self.params:
            data["params"] = dict(self.params)
        if self.rule_reason:
            data["rule_reason"] = self.rule_reason
        if self.rule_reason_en:
            data["rule_reason_en"] = self.rule_reason_en
        if self.text:
            data["text"] = self.text
        if self.text_reason:
            data["text_reason"] = self.text_reason
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QuoteLine:
        if "code" not in data:  # written before lines had codes: its words as they were
            return cls(
                LineCode.TEXT,
                Decimal(data["amount"]),
                text=str(data.get("label", "")),
                text_reason=str(data.get("reason", "")),
            )
        return cls(
            str(data["code"]),
            Decimal(data["amount"]),
            params=dict(data.get("params", {})),
            rule_reason=str(data.get("rule_reason", "")),
            rule_reason_en=str(data.get("rule_reason_en", "")),
            text=str(data.get("text", "")),
            text_reason=str(data.get("text_reason", "")),
        )


class LineCode:
    """What a quote line is for."""

    ROOM_USE = "room_use"
    HOURLY = "hourly"
    HALF_DAY = "half_day"
    FULL_DAY = "full_day"
    DAYS = "days"
    FLAT = "flat"
    FREE_QUOTA = "free_quota"
    EQUIPMENT = "equipment"
    CATERING = "catering"
    CLEANING = "cleaning"
    TEXT = "text"


#: Reasons the house does not write itself: the same for every fee rule.
FIXED_REASONS = {
    LineCode.EQUIPMENT: gettext_lazy("Projector, screen and sound as booked."),
    LineCode.CATERING: gettext_lazy("Set-up of drinks and snacks by the house."),
    LineCode.CLEANING: gettext_lazy("Charged once for this kind of use."),
}


def _hours_label(minutes: str) -> str:
    hours = (Decimal(minutes) / 60).normalize()
    places = max(0, -hours.as_tuple().exponent)  # type: ignore[operator]
    return number_format(hours, places)


#: Lines whose words need no numbers.
PLAIN_LABELS = {
    LineCode.HALF_DAY: gettext_lazy("Room use, half day"),
    LineCode.FULL_DAY: gettext_lazy("Room use, full day"),
    LineCode.FLAT: gettext_lazy("Flat usage fee"),
    LineCode.EQUIPMENT: gettext_lazy("Media equipment"),
    LineCode.CATERING: gettext_lazy("Catering service"),
    LineCode.CLEANING: gettext_lazy("Cleaning fee"),
}


def line_label(code: str, params: Mapping[str, str]) -> str:
    """The words of a quote line in the active language."""
    if code == LineCode.HOURLY:
        return _("Room use, %(hours)s h × %(price)s €") % {
            "hours": _hours_label(params["minutes"]),
            "price": number_format(Decimal(params["price"]), 2),
        }
    if code == LineCode.DAYS:
        return _("Room use, %(days)s day(s)") % {"days": params["days"]}
    if code == LineCode.FREE_QUOTA:
        return _("%(hours)s h from the free monthly quota") % {
            "hours": _hours_label(params["minutes"])
        }
    return str(PLAIN_LABELS.get(code, gettext_lazy("Room use")))


class WarningCode:
    """Warnings for the reception, kept as codes and worded when read."""

    EXEMPTION_EXPIRED = "exemption_expired"
    CATEGORY_STATED = "category_stated"


WARNING_TEXTS = {
    WarningCode.EXEMPTION_EXPIRED: gettext_lazy(
        "The non-profit exemption notice has expired: the external rate applies "
        "until a current notice is on file."
    ),
    WarningCode.CATEGORY_STATED: gettext_lazy(
        "Category stated by the requester: please check their papers."
    ),
}


def warning_text(code: str) -> str:
    """The words of a warning in the active language; a warning kept as words stays as it is."""
    text = WARNING_TEXTS.get(code)
    return str(text) if text is not None else code


@dataclass(frozen=True)
class Quote:
    """What a booking costs, line by line; frozen on the booking as JSON.

    ``warnings`` are codes (:class:`WarningCode`); ``warning_texts`` words them.
    """

    lines: tuple[QuoteLine, ...]
    net: Decimal
    vat_rate: Decimal
    vat: Decimal
    gross: Decimal
    deposit: Decimal
    rule_id: int | None = None
    rule_name: str = ""
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def warning_texts(self) -> list[str]:
        return [warning_text(code) for code in self.warnings]

    def to_json(self) -> dict[str, Any]:
        return {
            "lines": [line.to_json() for line in self.lines],
            "net": str(self.net),
            "vat_rate": str(self.vat_rate),
            "vat": str(self.vat),
            "gross": str(self.gross),
            "deposit": str(self.deposit),
            "rule_id": self.rule_id,
            "rule_name": self.rule_name,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Quote:
        return cls(
            lines=tuple(QuoteLine.from_json(line) for line in data["lines"]),
            net=Decimal(data["net"]),
            vat_rate=Decimal(data["vat_rate"]),
            vat=Decimal(data["vat"]),
            gross=Decimal(data["gross"]),
            deposit=Decimal(data["deposit"]),
            rule_id=data.get("rule_id"),
            rule_name=data.get("rule_name", ""),
            warnings=tuple(data.get("warnings", ())),
        )


def _line(
    tariff: Tariff, code: str, amount: Decimal, params: Mapping[str, str] | None = None
) -> QuoteLine:
    return QuoteLine(
        code,
        amount,
        params=dict(params or {}),
        rule_reason=tariff.reason,
        rule_reason_en=tariff.reason_en,
    )


def _usage_line(tariff: Tariff, billable: int) -> QuoteLine:
    if tariff.pricing == Pricing.FREE or billable == 0:
        return _line(tariff, LineCode.ROOM_USE, Decimal("0.00"))
    if tariff.pricing == Pricing.HOURLY:
        amount = money(tariff.amount * Decimal(billable) / 60)
        params = {"minutes": str(billable), "price": str(money(tariff.amount))}
        return _line(tariff, LineCode.HOURLY, amount, params)
    if tariff.pricing == Pricing.HALF_DAY:
        if billable <= HALF_DAY_MINUTES:
            return _line(tariff, LineCode.HALF_DAY, money(tariff.amount))
        day = tariff.day_amount if tariff.day_amount is not None else 2 * tariff.amount
        return _line(tariff, LineCode.FULL_DAY, money(day))
    if tariff.pricing == Pricing.DAY:
        days = -(-billable // DAY_MINUTES)
        return _line(tariff, LineCode.DAYS, money(tariff.amount * days), {"days": str(days)})
    return _line(tariff, LineCode.FLAT, money(tariff.amount))


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
                _line(tariff, LineCode.FREE_QUOTA, Decimal("0.00"), {"minutes": str(covered)})
            )
    if billable or not lines:
        lines.append(_usage_line(tariff, billable))
    if Extra.EQUIPMENT in extras and tariff.equipment_fee:
        lines.append(_line(tariff, LineCode.EQUIPMENT, money(tariff.equipment_fee)))
    if Extra.CATERING in extras and tariff.catering_fee:
        lines.append(_line(tariff, LineCode.CATERING, money(tariff.catering_fee)))
    if tariff.cleaning_fee:
        lines.append(_line(tariff, LineCode.CLEANING, money(tariff.cleaning_fee)))
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
        return BookerCategory.COMMERCIAL, (WarningCode.EXEMPTION_EXPIRED,)
    return BookerCategory.COMMERCIAL, ()
