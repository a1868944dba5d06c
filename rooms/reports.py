"""Usage reports of the conference centre for house management.

* **Per month and room**: booked hours of confirmed bookings, occupancy against the
  bookable hours (opening hours of the room on the days the house is open), revenue
  (net and gross of the frozen quotes), split by booker category.
* **Per organisation and year**: bookings, hours, what was paid, and the **value of free
  use** — what the same bookings would have cost at the external rate (the fee rule of
  booker category "commercial" for the booking's purpose, valid on its day, through the
  fee engine ``rooms.fees.compute_quote``) minus what was paid. The figure funders and
  the city ask for.

Reads only; every report is a fixed number of queries whatever the number of bookings
(rows are summed in Python — a month of a house is a few hundred rows). The pages and
CSV downloads are in :mod:`rooms.views.reports`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from house.models import ClosureDay
from rooms.fees import BookerCategory, compute_quote
from rooms.models import Booking, FeeRule, Room

if TYPE_CHECKING:
    pass

#: The category whose rule is "the external rate" for the value of free use.
EXTERNAL_CATEGORY = BookerCategory.COMMERCIAL
ZERO = Decimal("0.00")


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def _minutes(booking_start: dt.datetime, booking_end: dt.datetime) -> int:
    return int((booking_end - booking_start).total_seconds() // 60)


def _month_span(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    first = dt.date(year, month, 1)
    after = dt.date(year + (month == 12), month % 12 + 1, 1)
    return (
        timezone.make_aware(dt.datetime.combine(first, dt.time.min), tz),
        timezone.make_aware(dt.datetime.combine(after, dt.time.min), tz),
    )


# --- per month and room ----------------------------------------------------------------------


@dataclass
class Tally:
    bookings: int = 0
    minutes: int = 0
    net: Decimal = ZERO
    gross: Decimal = ZERO

    def add(self, minutes: int, net: Decimal, gross: Decimal) -> None:
        self.bookings += 1
        self.minutes += minutes
        self.net += net
        self.gross += gross

    @property
    def hours(self) -> Decimal:
        return _hours(self.minutes)


@dataclass
class RoomUsage:
    room: Room
    bookable_minutes: int
    total: Tally = field(default_factory=Tally)
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    @property
    def bookable_hours(self) -> Decimal:
        return _hours(self.bookable_minutes)

    @property
    def occupancy(self) -> Decimal:
        """Booked share of the bookable hours, in per cent (one decimal)."""
        if not self.bookable_minutes:
            return Decimal("0.0")
        return (Decimal(100 * self.total.minutes) / self.bookable_minutes).quantize(Decimal("0.1"))


@dataclass
class MonthReport:
    year: int
    month: int
    rooms: list[RoomUsage]
    by_category: list[tuple[str, Tally]]
    total: Tally

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def month_report(*, year: int, month: int) -> MonthReport:
    """Usage of every bookable room in a month (3 queries)."""
    start, end = _month_span(year, month)
    days = calendar.monthrange(year, month)[1]
    closed = set(
        ClosureDay.objects.filter(date__gte=start.date(), date__lt=end.date()).values_list(
            "date", flat=True
        )
    )
    open_days = days - len(closed)
    rooms = list(Room.objects.bookable())
    usage = {
        room.pk: RoomUsage(
            room=room,
            bookable_minutes=open_days
            * _minutes(
                dt.datetime.combine(start.date(), room.opens_at),
                dt.datetime.combine(start.date(), room.closes_at),
            ),
        )
        for room in rooms
    }
    categories: dict[str, Tally] = defaultdict(Tally)
    total = Tally()
    rows = Booking.objects.filter(
        state=Booking.State.CONFIRMED, start__gte=start, start__lt=end
    ).values_list("room_id", "booker_category", "start", "end", "net", "gross")
    for room_id, category, begin, finish, net, gross in rows:
        minutes = _minutes(begin, finish)
        if room_id in usage:
            usage[room_id].total.add(minutes, net, gross)
            usage[room_id].by_category[category].add(minutes, net, gross)
        categories[category].add(minutes, net, gross)
        total.add(minutes, net, gross)
    labels = dict(BookerCategory.choices)
    return MonthReport(
        year=year,
        month=month,
        rooms=list(usage.values()),
        by_category=[
            (str(labels.get(value, value)), categories[value])
            for value in BookerCategory.values
            if value in categories
        ],
        total=total,
    )


# --- per organisation --------------------------------------------------------------------------


@dataclass
class OrganisationUsage:
    name: str
    bookings: int = 0
    minutes: int = 0
    paid: Decimal = ZERO
    external_value: Decimal = ZERO

    @property
    def hours(self) -> Decimal:
        return _hours(self.minutes)

    @property
    def free_use_value(self) -> Decimal:
        """What the organisation did not pay compared with the external rate (never negative)."""
        return max(self.external_value - self.paid, ZERO)


class ExternalRates:
    """Prices bookings at the external rate with all fee rules loaded once."""

    def __init__(self) -> None:
        self.rules = list(
            FeeRule.objects.filter(category=EXTERNAL_CATEGORY)
            .best_first()
            .prefetch_related("surcharges")
        )

    def gross(self, booking: Booking) -> Decimal | None:
        day = timezone.localtime(booking.start).date()
        for rule in self.rules:  # best first: room-specific, then newest
            if rule.purpose != booking.purpose:
                continue
            if rule.room_id not in (None, booking.room_id):
                continue
            if rule.valid_from > day or (rule.valid_until is not None and rule.valid_until < day):
                continue
            quote = compute_quote(
                rule.as_tariff(),
                spans=[(booking.start, booking.end)],  # evening surcharges included
                extras=set(booking.extras),
                quota_used_minutes=0,
            )
            return quote.gross
        return None


def organisation_usage(*, year: int) -> list[OrganisationUsage]:
    """Per organisation: confirmed bookings of ``year``, hours, paid, value of free use."""
    start, _end = _month_span(year, 1)
    end = _month_span(year + 1, 1)[0]
    rates = ExternalRates()
    usage: dict[int, OrganisationUsage] = {}
    bookings = (
        Booking.objects.filter(
            state=Booking.State.CONFIRMED,
            start__gte=start,
            start__lt=end,
            organisation__isnull=False,
        )
        .select_related("organisation")
        .only(
            "room_id",
            "start",
            "end",
            "purpose",
            "extras",
            "gross",
            "organisation__name",
        )
    )
    for booking in bookings:
        organisation = booking.organisation
        assert organisation is not None  # filtered above
        entry = usage.setdefault(organisation.pk, OrganisationUsage(name=organisation.name))
        entry.bookings += 1
        entry.minutes += _minutes(booking.start, booking.end)
        entry.paid += booking.gross
        external = rates.gross(booking)
        entry.external_value += external if external is not None else booking.gross
    return sorted(usage.values(), key=lambda u: (-u.free_use_value, u.name))
