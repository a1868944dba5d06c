"""What a loan costs under its item's fee rule: pure arithmetic over the span.

``hourly`` charges the exact minutes; ``half_day`` charges per started day the half-day
price up to 4 hours of that day's use and the day price beyond; ``day`` charges per
started 24 hours; ``flat`` once per loan; ``free`` nothing. Net amounts; VAT at the rule's
rate is added where the loan is shown or invoiced.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from rooms.fees import HALF_DAY_MINUTES, Pricing, money
from rooms.models import FeeRule


def loan_price(rule: FeeRule | None, starts: dt.datetime, ends: dt.datetime) -> Decimal:
    if rule is None or rule.pricing == Pricing.FREE:
        return Decimal("0.00")
    minutes = max(0, math.ceil((ends - starts).total_seconds() / 60))
    days = max(1, math.ceil(minutes / (24 * 60)))
    if rule.pricing == Pricing.HOURLY:
        return money(rule.amount * Decimal(minutes) / 60)
    if rule.pricing == Pricing.DAY:
        return money(rule.amount * days)
    if rule.pricing == Pricing.HALF_DAY:
        if minutes <= HALF_DAY_MINUTES:
            return money(rule.amount)
        day = rule.day_amount if rule.day_amount is not None else 2 * rule.amount
        return money(day * days)
    return money(rule.amount)
