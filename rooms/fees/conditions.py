"""Terms of the fee rules beyond the price itself: pure functions over plain data.

* **Surcharges** by weekday and time of day (an evening or weekend surcharge) are
  rows attached to a fee rule. A surcharge is a share (``percent``) of the room-use
  price for the part of the booking's minutes that falls into its window, plus an
  optional amount per hour in the window (``per_hour``, e.g. a caretaker on a
  Sunday). Free use stays free unless the surcharge has an amount per hour.
* **The free monthly quota** covers the purposes its rule names (by default only the
  rule's own purpose): a tenant's commercial event does not use up the free hours
  meant for its non-profit use.
* **The days of one event** (a two-day conference) are booked together and priced
  once: the flat usage fee, the cleaning fee and the deposit once; per-day prices
  (half day, day) and extras for every day; hourly prices for all hours together.
* **The booker category** is decided in one order (see :func:`decide_category`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

#: An event books at most this many consecutive days at once.
MAX_EVENT_DAYS = 14


# --- surcharges --------------------------------------------------------------


@dataclass(frozen=True)
class Surcharge:
    """A surcharge of a fee rule on some weekdays (0 = Monday) between two times.

    ``ends`` ``None`` means until midnight; ``starts`` 00:00 and ``ends`` ``None``
    covers the whole day (a weekend surcharge).
    """

    name: str
    weekdays: frozenset[int]
    starts: dt.time = dt.time(0)
    ends: dt.time | None = None
    percent: Decimal = Decimal(0)
    per_hour: Decimal = Decimal(0)
    name_en: str = ""

    def minutes_within(self, start: dt.datetime, end: dt.datetime) -> int:
        """The minutes of ``[start, end)`` (wall-clock time, one day) inside the window."""
        if start.weekday() not in self.weekdays or end <= start:
            return 0
        day = start.date()
        window_start = dt.datetime.combine(day, self.starts, tzinfo=start.tzinfo)
        if self.ends is None or self.ends <= self.starts:
            window_end = dt.datetime.combine(
                day + dt.timedelta(days=1), dt.time(0), tzinfo=start.tzinfo
            )
        else:
            window_end = dt.datetime.combine(day, self.ends, tzinfo=start.tzinfo)
        overlap = min(end, window_end) - max(start, window_start)
        return max(0, int(overlap.total_seconds() // 60))


def _naive_local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def wall_clock(
    spans: Iterable[tuple[dt.datetime, dt.datetime]],
) -> list[tuple[dt.datetime, dt.datetime]]:
    """``spans`` in the house's wall-clock time, without time zone (a day's hours as written)."""
    return [(_naive_local(start), _naive_local(end)) for start, end in spans]


# --- the free monthly quota --------------------------------------------------


def quota_purposes(own_purpose: str, listed: Iterable[str]) -> frozenset[str]:
    """The purposes a rule's free quota covers: those listed, or else the rule's own."""
    chosen = frozenset(purpose for purpose in listed if purpose)
    return chosen or frozenset({own_purpose})


# --- the days of one event -----------------------------------------------------


def event_days(
    start: dt.datetime, end: dt.datetime, days: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    """The same hours on ``days`` consecutive days, in wall-clock time (10:00 stays
    10:00 across a change of the clocks). ``start``/``end`` are the first day's."""
    if days < 1:
        raise ValueError("an event has at least one day")
    tz = timezone.get_current_timezone()
    first_start = timezone.localtime(start, tz).replace(tzinfo=None)
    first_end = timezone.localtime(end, tz).replace(tzinfo=None)
    return [
        (
            timezone.make_aware(first_start + dt.timedelta(days=offset), tz),
            timezone.make_aware(first_end + dt.timedelta(days=offset), tz),
        )
        for offset in range(days)
    ]


def spread_quota(day_minutes: Sequence[int], covered: int) -> list[int]:
    """The billable minutes of each day once ``covered`` free minutes are used, first day first."""
    billable = []
    for minutes in day_minutes:
        used = min(minutes, covered)
        covered -= used
        billable.append(minutes - used)
    return billable


# --- the booker category ---------------------------------------------------------


class CategorySource:
    """Where a booking's booker category comes from (kept on the quote)."""

    HOUSE = "house"  # house management set the organisation's category
    PAPERS = "papers"  # the organisation's kind, city and exemption notice
    STATED = "stated"  # stated in the form, without an organisation
    DEFAULT = "default"  # nobody said anything: a private person


@dataclass(frozen=True)
class HouseCategory:
    """House management's decision on an organisation's category."""

    category: str
    reason: str
    review_on: dt.date | None = None


@dataclass(frozen=True)
class CategoryDecision:
    category: str
    source: str
    reason: str = ""
    review_on: dt.date | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


def decide_category(
    *,
    from_papers: tuple[str, tuple[str, ...]] | None,
    house: HouseCategory | None,
    stated: str | None,
    on: dt.date,
    stated_warnings: tuple[str, ...] = (),
) -> CategoryDecision:
    """The booker category of a booking, in this order:

    1. With an organisation, house management's category for it, when set (with
       its reason and review date; past its review date it still applies and the
       reception is warned, until house management reviews it).
    2. With an organisation, the category its papers give (kind, city,
       exemption notice: :func:`rooms.fees.eligibility.classify_organisation`).
    3. Without an organisation, the category stated in the form (checked by the
       reception before it confirms), else a private person.

    A category stated in the form while an organisation is chosen does not
    change the price; when it differs, the quote warns that the organisation's
    category applies, and house management can set it for the organisation.
    ``from_papers`` is ``None`` without an organisation.
    """
    from rooms.fees.lines import WarningCode
    from rooms.fees.terms import BookerCategory

    if from_papers is not None:
        if house is not None:
            warnings: tuple[str, ...] = ()
            if house.review_on is not None and house.review_on < on:
                warnings += (WarningCode.CATEGORY_REVIEW_DUE,)
            decision = CategoryDecision(
                house.category, CategorySource.HOUSE, house.reason, house.review_on, warnings
            )
        else:
            category, paper_warnings = from_papers
            decision = CategoryDecision(category, CategorySource.PAPERS, warnings=paper_warnings)
        if stated and stated in BookerCategory.values and stated != decision.category:
            return CategoryDecision(
                decision.category,
                decision.source,
                decision.reason,
                decision.review_on,
                (*decision.warnings, WarningCode.CATEGORY_STATED_OVERRULED),
            )
        return decision
    if stated and stated in BookerCategory.values:
        return CategoryDecision(stated, CategorySource.STATED, warnings=stated_warnings)
    return CategoryDecision(BookerCategory.PRIVATE_PERSON, CategorySource.DEFAULT)
