"""Pricing a booking request: the booker's tariff, the free monthly quota and the quote."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from rooms.fees import BookerCategory, Purpose, Quote, Tariff, compute_quote
from rooms.models import Booking, FeeRule, Room
from rooms.services.drafts import BookingDraft, resolve_booker
from rooms.services.errors import BookingError

if TYPE_CHECKING:
    from tenants.models import Organisation


def _quota_used_minutes(
    *, organisation: Organisation | None, start: dt.datetime, exclude: int | None
) -> int:
    """Minutes of tenant bookings the organisation holds in the month of ``start``.

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
) -> Quote:
    """The quote by ``tariff``: reads the free quota used this month if the tariff has one."""
    used = 0
    if tariff.free_minutes_per_month:
        used = _quota_used_minutes(
            organisation=organisation, start=start, exclude=exclude_booking_id
        )
    minutes = int((end - start).total_seconds() // 60)
    return compute_quote(
        tariff, minutes=minutes, extras=set(extras), quota_used_minutes=used, warnings=warnings
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

    category: str
    warnings: tuple[str, ...]
    tariff: Tariff


def _pricing(draft: BookingDraft) -> _Pricing:
    category, warnings = resolve_booker(
        organisation=draft.organisation,
        person=draft.person,
        stated_category=draft.stated_category,
        on=timezone.localtime(draft.start).date(),
    )
    tariff = _tariff(room=draft.room, start=draft.start, category=category, purpose=draft.purpose)
    return _Pricing(category=category, warnings=warnings, tariff=tariff)


def _quote_with(draft: BookingDraft, pricing: _Pricing) -> Quote:
    return _price(
        pricing.tariff,
        start=draft.start,
        end=draft.end,
        extras=draft.extras,
        organisation=draft.organisation,
        warnings=pricing.warnings,
    )


def quote_draft(draft: BookingDraft) -> tuple[str, Quote]:
    pricing = _pricing(draft)
    return pricing.category, _quote_with(draft, pricing)
