"""Pricing a booking request: the booker's tariff, the free monthly quota and the quote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from rooms.fees import (
    BookerCategory,
    CategoryDecision,
    LineCode,
    Purpose,
    Quote,
    QuoteLine,
    Tariff,
    compute_quote,
)
from rooms.models import Booking, FeeRule, Room
from rooms.services.drafts import BookingDraft, decide_booker
from rooms.services.errors import BookingError, _short_date

if TYPE_CHECKING:
    from tenants.models import Organisation


def _quota_used_minutes(
    *,
    organisation: Organisation | None,
    start: dt.datetime,
    exclude: int | None,
    purposes: frozenset[str] | None = None,
) -> int:
    """Minutes of tenant bookings the organisation holds in the month of ``start``,
    of the ``purposes`` the quota covers (all purposes when ``None``).

    Summed by the database: an organisation with many bookings in one month
    costs one index range, not a row per booking (the sum runs under the
    organisation's lock while a booking is written).
    """
    if organisation is None:
        return 0
    local = timezone.localtime(start)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + dt.timedelta(days=32)).replace(day=1)
    rows = Booking.objects.blocking().filter(
        organisation=organisation,
        booker_category=BookerCategory.TENANT,
        start__gte=month_start,
        start__lt=next_month,
    )
    if purposes is not None:
        rows = rows.filter(purpose__in=sorted(purposes))
    if exclude is not None:
        rows = rows.exclude(pk=exclude)
    total = rows.aggregate(total=Sum(F("end") - F("start"), output_field=models.DurationField()))[
        "total"
    ]
    return int(total.total_seconds() // 60) if total else 0


def _tariff(*, room: Room, start: dt.datetime, category: str, purpose: str) -> Tariff:
    """The fee rule valid on the booking's day, and its tariff. Raises
    :class:`BookingError` when no fee rule applies (house management has not priced
    this kind of use)."""
    day = timezone.localtime(start).date()
    rule = (
        FeeRule.objects.valid_on(day)
        .for_room(room)
        .filter(category=category, purpose=purpose)
        .best_first()
        .first()
    )
    if rule is None:
        raise BookingError(
            _(
                "No tariff covers this use of the room (%(category)s, %(purpose)s). "
                "Please ask the reception."
            )
            % {
                "category": BookerCategory(category).label,
                "purpose": Purpose(purpose).label,
            },
            field="purpose",
        )
    return rule.as_tariff()


def _price(
    tariff: Tariff,
    *,
    start: dt.datetime,
    end: dt.datetime,
    extras: list[str] | tuple[str, ...],
    organisation: Organisation | None,
    warnings: tuple[str, ...],
    exclude_booking_id: int | None = None,
    spans: list[tuple[dt.datetime, dt.datetime]] | None = None,
) -> Quote:
    """The quote by ``tariff``: reads the free quota used this month if the tariff has one
    (only bookings of the purposes it covers). ``spans``: the days of one event."""
    used = 0
    if tariff.free_minutes_per_month:
        used = _quota_used_minutes(
            organisation=organisation,
            start=start,
            exclude=exclude_booking_id,
            purposes=tariff.quota_purposes or None,
        )
    return compute_quote(
        tariff,
        spans=spans or [(start, end)],
        extras=set(extras),
        quota_used_minutes=used,
        warnings=warnings,
    )


def quote_booking(
    *,
    room: Room,
    start: dt.datetime,
    end: dt.datetime,
    category: str,
    purpose: str,
    extras: list[str] | tuple[str, ...] = (),
    organisation: Organisation | None = None,
    warnings: tuple[str, ...] = (),
    exclude_booking_id: int | None = None,
) -> Quote:
    """The quote for a booking, from the fee rule valid on its day. Reads only.

    Raises :class:`BookingError` when no fee rule applies (house management has not
    priced this kind of use).
    """
    tariff = _tariff(room=room, start=start, category=category, purpose=purpose)
    return _price(
        tariff,
        start=start,
        end=end,
        extras=extras,
        organisation=organisation,
        warnings=warnings,
        exclude_booking_id=exclude_booking_id,
    )


@dataclass(frozen=True)
class _Pricing:
    """What a draft's quote needs that no concurrent booking changes: found before the
    locks are taken, so that only the quota is read while holding them."""

    decision: CategoryDecision
    tariff: Tariff

    @property
    def category(self) -> str:
        return self.decision.category


def _pricing(draft: BookingDraft) -> _Pricing:
    decision = decide_booker(
        organisation=draft.organisation,
        stated_category=draft.stated_category,
        on=timezone.localtime(draft.start).date(),
    )
    tariff = _tariff(
        room=draft.room, start=draft.start, category=decision.category, purpose=draft.purpose
    )
    return _Pricing(decision=decision, tariff=tariff)


def _with_category(quote: Quote, decision: CategoryDecision) -> Quote:
    """The quote naming its booker category and where it comes from."""
    return replace(
        quote,
        category=decision.category,
        category_source=decision.source,
        category_reason=decision.reason,
        category_review=decision.review_on.isoformat() if decision.review_on else "",
    )


def _quote_with(
    draft: BookingDraft,
    pricing: _Pricing,
    *,
    spans: list[tuple[dt.datetime, dt.datetime]] | None = None,
) -> Quote:
    quote = _price(
        pricing.tariff,
        start=draft.start,
        end=draft.end,
        extras=draft.extras,
        organisation=draft.organisation,
        warnings=pricing.decision.warnings,
        spans=spans,
    )
    return _with_category(quote, pricing.decision)


def quote_draft(draft: BookingDraft) -> tuple[str, Quote]:
    pricing = _pricing(draft)
    return pricing.category, _quote_with(draft, pricing)


# --- the days of one event, priced once -------------------------------------


@dataclass(frozen=True)
class _EventDay:
    """One day of an event booked as several days with one fee."""

    spans: list[tuple[dt.datetime, dt.datetime]]
    index: int  # 0 for the first day, which carries the event's price


def _event_day_quote(pricing: _Pricing, day: _EventDay) -> Quote:
    """A later day of an event: no price of its own, a line naming the first day."""
    first = _short_date(day.spans[0][0])
    line = QuoteLine(
        LineCode.EVENT_DAY,
        Decimal("0.00"),
        params={"day": str(day.index + 1), "first": first},
    )
    quote = Quote(
        lines=(line,),
        net=Decimal("0.00"),
        vat_rate=pricing.tariff.vat_rate,
        vat=Decimal("0.00"),
        gross=Decimal("0.00"),
        deposit=Decimal("0.00"),
        rule_id=pricing.tariff.rule_id,
        rule_name=pricing.tariff.name,
    )
    return _with_category(quote, pricing.decision)
