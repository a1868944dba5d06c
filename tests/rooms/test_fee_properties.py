"""Property-based tests of the fee engine (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rooms.fees import Extra, Pricing, Tariff, compute_quote
from rooms.models import Booking
from rooms.services import book_room
from tests.rooms.factories import FeeRuleFactory, RoomFactory, draft, next_weekday_at

prices = st.decimals(min_value=0, max_value=2000, places=2, allow_nan=False, allow_infinity=False)


@st.composite
def tariffs(draw, pricings=tuple(Pricing.values)):
    amount = draw(prices)
    day = draw(st.one_of(st.none(), prices.map(lambda extra: amount + extra)))
    return Tariff(
        name="T",
        reason="R",
        pricing=draw(st.sampled_from(pricings)),
        amount=amount,
        day_amount=day,
        equipment_fee=draw(prices),
        catering_fee=draw(prices),
        cleaning_fee=draw(prices),
        deposit=draw(prices),
        vat_rate=draw(st.sampled_from([Decimal(0), Decimal(7), Decimal(19)])),
        free_minutes_per_month=draw(st.integers(0, 40 * 60)),
    )


extras = st.sets(st.sampled_from(Extra.values))


@given(tariffs(), st.integers(0, 16 * 60), extras, st.integers(-100, 50 * 60))
def test_quote_is_never_negative(tariff, minutes, chosen, used):
    quote = compute_quote(tariff, minutes=minutes, extras=chosen, quota_used_minutes=used)

    assert quote.net >= 0
    assert quote.vat >= 0
    assert quote.gross >= quote.net
    assert quote.deposit >= 0
    assert all(line.amount >= 0 for line in quote.lines)


@given(
    tariffs(pricings=(Pricing.HOURLY, Pricing.HALF_DAY)),
    st.integers(0, 15 * 60),
    st.integers(0, 8 * 60),
    extras,
    st.integers(0, 50 * 60),
)
def test_more_time_is_never_cheaper(tariff, minutes, more, chosen, used):
    shorter = compute_quote(tariff, minutes=minutes, extras=chosen, quota_used_minutes=used)
    longer = compute_quote(tariff, minutes=minutes + more, extras=chosen, quota_used_minutes=used)

    assert longer.gross >= shorter.gross


_counter = iter(range(10_000))


# The booking is priced by the default tariff (a private person's non-profit use).
@pytest.mark.usefixtures("default_fee_rules")
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(new_amount=prices, new_pricing=st.sampled_from(Pricing.values), new_vat=prices)
def test_frozen_quote_never_changes_when_rules_change(reception, new_amount, new_pricing, new_vat):
    room = RoomFactory()
    rule = FeeRuleFactory(amount=Decimal("40.00"))
    start = next_weekday_at(9, days_ahead=7 + next(_counter) % 200)
    booking = book_room(actor=reception, draft=draft(room, start, hours=3))
    frozen = (booking.quote, booking.net, booking.vat, booking.gross, booking.deposit)

    rule.amount = new_amount
    rule.pricing = new_pricing
    rule.vat_rate = new_vat % 100
    rule.valid_from = dt.date(2000, 1, 1)
    rule.save()
    FeeRuleFactory(amount=new_amount + 1, valid_from=dt.date(2021, 1, 1))
    booking = Booking.objects.get(pk=booking.pk)

    assert (booking.quote, booking.net, booking.vat, booking.gross, booking.deposit) == frozen
