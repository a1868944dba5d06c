"""Computing a quote from a tariff: the pure engine.

A quote prices one booking, or the days of one event (``spans``): see
``rooms.fees.conditions`` for surcharges, quotas and events over several days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from rooms.fees.conditions import spread_quota, wall_clock
from rooms.fees.lines import CATEGORY_SOURCES, LineCode, QuoteLine, warning_text
from rooms.fees.terms import (
    DAY_MINUTES,
    HALF_DAY_MINUTES,
    BookerCategory,
    Extra,
    Pricing,
    Tariff,
    money,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


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
    #: The booker category, where it comes from (``conditions.CategorySource``),
    #: house management's reason and review date (ISO) when it set the category.
    category: str = ""
    category_source: str = ""
    category_reason: str = ""
    category_review: str = ""

    @property
    def warning_texts(self) -> list[str]:
        return [warning_text(code) for code in self.warnings]

    @property
    def category_text(self) -> str:
        """E.g. “Local non-profit association or initiative, set by house management:
        neighbourhood initiative without an exemption notice (review by 30.06.2027)”."""
        if not self.category:
            return ""
        label = (
            str(BookerCategory(self.category).label)
            if self.category in BookerCategory.values
            else self.category
        )
        source = CATEGORY_SOURCES.get(self.category_source)
        text = f"{label}, {source}" if source else label
        if self.category_reason:
            text += f": {self.category_reason}"
        if self.category_review:
            from django.utils.formats import date_format

            text += " " + _("(review by %(date)s)") % {
                "date": date_format(
                    dt.date.fromisoformat(self.category_review), "SHORT_DATE_FORMAT"
                )
            }
        return text

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
            "category": self.category,
            "category_source": self.category_source,
            "category_reason": self.category_reason,
            "category_review": self.category_review,
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
            category=data.get("category", ""),
            category_source=data.get("category_source", ""),
            category_reason=data.get("category_reason", ""),
            category_review=data.get("category_review", ""),
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


def _multi_day_usage(tariff: Tariff, billable_days: list[int]) -> list[QuoteLine]:
    """Room use over several days of one event: per-day prices for each day used."""
    used = [minutes for minutes in billable_days if minutes > 0]
    if tariff.pricing == Pricing.HALF_DAY:
        halves = sum(1 for minutes in used if minutes <= HALF_DAY_MINUTES)
        fulls = len(used) - halves
        day = tariff.day_amount if tariff.day_amount is not None else 2 * tariff.amount
        lines = []
        if halves:
            code = LineCode.HALF_DAY if halves == 1 else LineCode.HALF_DAYS
            lines.append(_line(tariff, code, money(tariff.amount * halves), {"count": str(halves)}))
        if fulls:
            code = LineCode.FULL_DAY if fulls == 1 else LineCode.FULL_DAYS
            lines.append(_line(tariff, code, money(day * fulls), {"count": str(fulls)}))
        return lines
    days = sum(-(-minutes // DAY_MINUTES) for minutes in used)
    return [_line(tariff, LineCode.DAYS, money(tariff.amount * days), {"days": str(days)})]


def _usage_lines(tariff: Tariff, billable_days: list[int]) -> list[QuoteLine]:
    total = sum(billable_days)
    used_days = sum(1 for minutes in billable_days if minutes > 0)
    if used_days > 1 and tariff.pricing in {Pricing.HALF_DAY, Pricing.DAY}:
        return _multi_day_usage(tariff, billable_days)
    # Hourly prices count all hours together; a flat fee is charged once per event.
    return [_usage_line(tariff, total)]


def _surcharge_lines(
    tariff: Tariff,
    spans: Sequence[tuple[dt.datetime, dt.datetime]],
    *,
    usage: Decimal,
    minutes: int,
) -> list[QuoteLine]:
    lines = []
    for surcharge in tariff.surcharges:
        within = sum(surcharge.minutes_within(start, end) for start, end in spans)
        if within <= 0 or minutes <= 0:
            continue
        amount = money(
            usage * surcharge.percent / 100 * Decimal(within) / Decimal(minutes)
            + surcharge.per_hour * Decimal(within) / 60
        )
        if amount <= 0:
            continue  # free use stays free
        params = {
            "name": surcharge.name,
            "name_en": surcharge.name_en,
            "minutes": str(within),
            "percent": str(surcharge.percent),
            "per_hour": str(surcharge.per_hour),
            "weekdays": ",".join(str(day) for day in sorted(surcharge.weekdays)),
            "starts": surcharge.starts.strftime("%H:%M"),
            "ends": surcharge.ends.strftime("%H:%M") if surcharge.ends else "",
        }
        lines.append(_line(tariff, LineCode.SURCHARGE, amount, params))
    return lines


def compute_quote(
    tariff: Tariff,
    *,
    minutes: int | None = None,
    spans: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    extras: frozenset[str] | set[str] = frozenset(),
    quota_used_minutes: int = 0,
    warnings: tuple[str, ...] = (),
) -> Quote:
    """Price a booking under ``tariff``: ``minutes`` of room use on one day, or ``spans``,
    the (start, end) of each day of one event (surcharges need the times).

    ``quota_used_minutes`` is the part of the tariff's free monthly quota the
    booker has already used this month (other bookings). Never negative.
    """
    local = wall_clock(spans)
    day_minutes = (
        [int((end - start).total_seconds() // 60) for start, end in local]
        if local
        else [minutes if minutes is not None else 0]
    )
    if any(value < 0 for value in day_minutes):
        raise ValueError("minutes must not be negative")
    total = sum(day_minutes)
    lines: list[QuoteLine] = []
    covered = 0
    if tariff.free_minutes_per_month > 0 and total > 0:
        left = max(0, tariff.free_minutes_per_month - max(0, quota_used_minutes))
        covered = min(left, total)
        if covered:
            lines.append(
                _line(tariff, LineCode.FREE_QUOTA, Decimal("0.00"), {"minutes": str(covered)})
            )
    billable_days = spread_quota(day_minutes, covered)
    usage_lines = _usage_lines(tariff, billable_days) if sum(billable_days) or not lines else []
    lines += usage_lines
    usage = sum((line.amount for line in usage_lines), Decimal(0))
    lines += _surcharge_lines(tariff, local, usage=usage, minutes=total)
    days = max(1, sum(1 for value in day_minutes if value > 0))
    for extra, code, fee in (
        (Extra.EQUIPMENT, LineCode.EQUIPMENT, tariff.equipment_fee),
        (Extra.CATERING, LineCode.CATERING, tariff.catering_fee),
    ):
        if extra in extras and fee:
            lines.append(_line(tariff, code, money(fee * days), {"days": str(days)}))
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
