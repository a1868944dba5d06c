"""Computing a quote from a tariff: the pure engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from rooms.fees.lines import LineCode, QuoteLine, warning_text
from rooms.fees.terms import DAY_MINUTES, HALF_DAY_MINUTES, Extra, Pricing, Tariff, money

if TYPE_CHECKING:
    from collections.abc import Mapping


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
