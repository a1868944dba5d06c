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
* ``flat`` is a usage fee per booking, whatever its length, and once for the
  days of one event (``rooms.fees.conditions``, ``docs/fees.md``).
* A cleaning fee, when the rule has one, is always charged; equipment and
  catering only when the booking asks for them. The deposit is refundable,
  carries no VAT and is not part of the gross total.
"""

from __future__ import annotations

from rooms.fees.conditions import (
    MAX_EVENT_DAYS,
    CategoryDecision,
    CategorySource,
    HouseCategory,
    Surcharge,
    decide_category,
    event_days,
    quota_purposes,
)
from rooms.fees.eligibility import (
    classify_organisation,
    is_eligible_for_private_celebration,
    private_celebration_refusal,
    private_celebration_tenure,
)
from rooms.fees.lines import (
    CATEGORY_SOURCES,
    FIXED_REASONS,
    PLAIN_LABELS,
    WARNING_TEXTS,
    LineCode,
    QuoteLine,
    WarningCode,
    line_label,
    warning_text,
)
from rooms.fees.quote import Quote, compute_quote
from rooms.fees.terms import (
    CENT,
    DAY_MINUTES,
    HALF_DAY_MINUTES,
    BookerCategory,
    Extra,
    Pricing,
    Purpose,
    Tariff,
    money,
)

__all__ = [
    "CATEGORY_SOURCES",
    "CENT",
    "DAY_MINUTES",
    "FIXED_REASONS",
    "HALF_DAY_MINUTES",
    "MAX_EVENT_DAYS",
    "PLAIN_LABELS",
    "WARNING_TEXTS",
    "BookerCategory",
    "CategoryDecision",
    "CategorySource",
    "Extra",
    "HouseCategory",
    "LineCode",
    "Pricing",
    "Purpose",
    "Quote",
    "QuoteLine",
    "Surcharge",
    "Tariff",
    "WarningCode",
    "classify_organisation",
    "compute_quote",
    "decide_category",
    "event_days",
    "is_eligible_for_private_celebration",
    "line_label",
    "money",
    "private_celebration_refusal",
    "private_celebration_tenure",
    "quota_purposes",
    "warning_text",
]
