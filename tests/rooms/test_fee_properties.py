"""Property-based tests of the fee engine (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rooms.fees import BookerCategory, Extra, Pricing, Tariff, compute_quote, money
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
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
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


# --- surcharges, events over several days, quota purposes, booker categories -----------

weekdays = st.frozensets(st.integers(0, 6), min_size=1)
times = st.integers(0, 23 * 4).map(lambda q: dt.time(q // 4, q % 4 * 15))


@st.composite
def surcharges(draw):
    from rooms.fees.conditions import Surcharge

    starts = draw(times)
    return Surcharge(
        name="Zuschlag",
        weekdays=draw(weekdays),
        starts=starts,
        ends=draw(st.one_of(st.none(), times)),
        percent=draw(st.decimals(min_value=0, max_value=200, places=2)),
        per_hour=draw(st.decimals(min_value=0, max_value=100, places=2)),
    )


@st.composite
def day_spans(draw, max_days=4):
    """The same hours on 1 to ``max_days`` consecutive days (wall-clock time)."""
    day = dt.date(2026, 1, 5) + dt.timedelta(days=draw(st.integers(0, 364)))
    start_q = draw(st.integers(7 * 4, 20 * 4))
    length = draw(st.integers(1, 22 * 4 - start_q))
    start = dt.datetime.combine(day, dt.time(start_q // 4, start_q % 4 * 15))
    end = start + dt.timedelta(minutes=15 * length)
    return [
        (start + dt.timedelta(days=n), end + dt.timedelta(days=n))
        for n in range(draw(st.integers(1, max_days)))
    ]


@given(
    tariffs(), st.lists(surcharges(), max_size=3), day_spans(), extras, st.integers(-100, 50 * 60)
)
def test_surcharges_only_ever_add_and_never_go_negative(tariff, added, spans, chosen, used):
    from dataclasses import replace

    plain = compute_quote(tariff, spans=spans, extras=chosen, quota_used_minutes=used)
    charged = compute_quote(
        replace(tariff, surcharges=tuple(added)),
        spans=spans,
        extras=chosen,
        quota_used_minutes=used,
    )

    assert charged.net >= plain.net
    assert all(line.amount >= 0 for line in charged.lines)
    assert charged.gross == charged.net + charged.vat


@given(tariffs(pricings=(Pricing.FLAT,)), day_spans(max_days=6))
def test_the_flat_usage_fee_is_charged_once_however_many_days(tariff, spans):
    from rooms.fees import LineCode

    quote = compute_quote(tariff, spans=spans)
    flat = [line for line in quote.lines if line.code == LineCode.FLAT]

    assert [line.amount for line in flat] == ([money(tariff.amount)] if flat else [])
    assert sum(1 for line in quote.lines if line.code == LineCode.CLEANING) <= 1


@given(tariffs(), day_spans(max_days=5), extras)
def test_an_event_costs_at_least_one_day_and_at_most_its_days_booked_apart(tariff, spans, chosen):
    from dataclasses import replace

    tariff = replace(tariff, free_minutes_per_month=0)
    event = compute_quote(tariff, spans=spans, extras=chosen)
    one_day = compute_quote(tariff, spans=spans[:1], extras=chosen)
    apart = sum(
        (compute_quote(tariff, spans=[span], extras=chosen).net for span in spans), Decimal(0)
    )

    # Hourly prices round the hours of the whole event once, not each day: a cent a day.
    assert one_day.net <= event.net <= apart + Decimal("0.01") * len(spans)


@given(
    papers=st.sampled_from(BookerCategory.values),
    house=st.one_of(st.none(), st.sampled_from(BookerCategory.values)),
    stated=st.one_of(st.none(), st.sampled_from(BookerCategory.values)),
    review_in=st.integers(-30, 30),
)
def test_house_managements_category_wins_and_a_differing_statement_is_never_silent(
    papers, house, stated, review_in
):
    from rooms.fees import WarningCode
    from rooms.fees.conditions import HouseCategory, decide_category

    today = dt.date(2026, 12, 1)
    decided = HouseCategory(house, "Grund", today + dt.timedelta(days=review_in)) if house else None

    decision = decide_category(from_papers=(papers, ()), house=decided, stated=stated, on=today)

    assert decision.category == (house or papers)
    overruled = WarningCode.CATEGORY_STATED_OVERRULED in decision.warnings
    assert overruled == (stated is not None and stated != decision.category)
    assert (WarningCode.CATEGORY_REVIEW_DUE in decision.warnings) == (
        house is not None and review_in < 0
    )


@pytest.mark.usefixtures("default_fee_rules")
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(commercial_hours=st.lists(st.integers(1, 8), max_size=3), hours=st.integers(1, 12))
def test_commercial_bookings_never_use_up_a_tenants_nonprofit_hours(commercial_hours, hours):
    from rooms.fees import Purpose
    from rooms.services import quote_draft, request_booking
    from tests.tenants.factories import OrganisationFactory

    room, tenant = RoomFactory(), OrganisationFactory(kind="tenant")
    month = (timezone.localdate().replace(day=1) + dt.timedelta(days=40)).replace(day=1)
    day = month + dt.timedelta(days=next(_counter) % 20)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    morning = timezone.make_aware(dt.datetime.combine(day, dt.time(7)))
    fresh = quote_draft(
        draft(room, morning + dt.timedelta(days=1), hours=hours, organisation=tenant)
    )[1]
    for offset, length in enumerate(commercial_hours):
        request_booking(
            actor=None,
            draft=draft(
                RoomFactory(),
                morning + dt.timedelta(hours=0),
                hours=length,
                organisation=tenant,
                purpose=Purpose.COMMERCIAL,
                title=f"Verkauf {offset}",
            ),
        )

    after = quote_draft(
        draft(room, morning + dt.timedelta(days=1), hours=hours, organisation=tenant)
    )[1]

    assert after.net == fresh.net
