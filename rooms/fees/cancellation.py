"""Cancellation terms: what share of a booking's price the booker owes when they cancel.

Pure functions over plain data, like the rest of the fee engine. A fee rule carries
a few tiers, each "from N days before the start: P %". The days are counted in
calendar days of the house (Europe/Berlin), from the day the booking is cancelled
to the day it starts, so the time of day and a change to or from summer time never
move a booking into another tier. With the tiers (13 → 50 %) and (3 → 100 %):

* cancelled 14 or more days before: free of charge,
* 13 to 4 days before: 50 %,
* 3 days before or later (the same day, too): 100 %.

The fee is the share of each net line of the frozen quote, rounded to cents; VAT is
added at the quote's rate. The refundable deposit is never part of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext, ngettext

from rooms.fees.terms import money


@dataclass(frozen=True)
class CancellationTier:
    """From ``days_before`` days before the start (and later), ``percent`` of the price."""

    days_before: int
    percent: int


@dataclass(frozen=True)
class CancellationTerms:
    tiers: tuple[CancellationTier, ...] = ()

    @classmethod
    def of(cls, tiers: list[tuple[int, int]] | tuple[tuple[int, int], ...]) -> CancellationTerms:
        ordered = sorted((CancellationTier(d, p) for d, p in tiers), key=lambda t: -t.days_before)
        return cls(tiers=tuple(ordered))

    @property
    def is_free(self) -> bool:
        return not any(tier.percent for tier in self.tiers)

    def percent_for(self, days_left: int) -> int:
        """The share owed when cancelled ``days_left`` calendar days before the start."""
        owed = 0
        for tier in self.tiers:  # widest first: the narrowest tier that applies wins
            if days_left <= tier.days_before:
                owed = tier.percent
        return owed

    def describe(self) -> list[str]:
        """The terms in plain words, one line per span, e.g. “13 to 4 days before: 50 %”."""
        if self.is_free:
            return [gettext("Cancellation is free of charge at any time.")]
        first = self.tiers[0].days_before + 1
        lines = [
            ngettext(
                "Up to %(days)s day before the start: free of charge",
                "Up to %(days)s days before the start: free of charge",
                first,
            )
            % {"days": first}
        ]
        for index, tier in enumerate(self.tiers):
            upper = tier.days_before
            lower = self.tiers[index + 1].days_before + 1 if index + 1 < len(self.tiers) else 0
            values = {"days": upper, "last": lower, "percent": tier.percent}
            if lower == 0:
                text = ngettext(
                    "%(days)s day before the start or later: %(percent)s %%",
                    "%(days)s days before the start or later: %(percent)s %%",
                    upper,
                )
            elif lower == upper:
                text = ngettext(
                    "%(days)s day before the start: %(percent)s %%",
                    "%(days)s days before the start: %(percent)s %%",
                    upper,
                )
            else:
                text = gettext("%(days)s to %(last)s days before the start: %(percent)s %%")
            lines.append(text % values)
        return lines


def days_before_start(start: dt.datetime, when: dt.datetime) -> int:
    """Calendar days in the house's time zone from ``when`` to the day of ``start``."""
    return (timezone.localtime(start).date() - timezone.localtime(when).date()).days


def fee_share(net: Decimal, percent: int) -> Decimal:
    return money(net * Decimal(percent) / 100)
