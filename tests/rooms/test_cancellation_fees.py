"""Cancellation terms: free until 14 days before, then 50 %, from 3 days before 100 %."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from rooms.fees.cancellation import CancellationTerms, days_before_start
from rooms.models import Booking, CancellationTier
from rooms.services import (
    book_series,
    cancel_booking,
    cancel_series,
    cancellation_fee,
    withdraw_or_cancel_booking,
)
from tests.rooms.factories import RoomFactory, actions, draft, history

BERLIN = ZoneInfo("Europe/Berlin")
TERMS = CancellationTerms.of([(13, 50), (3, 100)])


def test_the_tiers_meet_at_exactly_14_and_exactly_3_days():
    assert [TERMS.percent_for(days) for days in (30, 15, 14)] == [0, 0, 0]
    assert [TERMS.percent_for(days) for days in (13, 5, 4)] == [50, 50, 50]
    assert [TERMS.percent_for(days) for days in (3, 1, 0, -1)] == [100, 100, 100, 100]


def test_terms_are_worded_span_by_span():
    with translation.override("en"):
        assert TERMS.describe() == [
            "Up to 14 days before the start: free of charge",
            "13 to 4 days before the start: 50 %",
            "3 days before the start or later: 100 %",
        ]
        assert CancellationTerms().describe() == ["Cancellation is free of charge at any time."]
    with translation.override("de"):
        assert TERMS.describe() == [
            "Bis 14 Tage vor Beginn: kostenfrei",
            "13 bis 4 Tage vor Beginn: 50 %",
            "3 Tage vor Beginn oder später: 100 %",
        ]


def test_days_are_counted_in_berlin_calendar_days_across_the_clock_change():
    # Summer time starts on 29 March 2026; the booking is on the Monday after at 00:30.
    start = dt.datetime(2026, 3, 30, 0, 30, tzinfo=BERLIN)
    assert days_before_start(start, dt.datetime(2026, 3, 27, 23, 59, tzinfo=BERLIN)) == 3
    # 23:30 UTC on Friday is already Saturday in Berlin: two days, not three.
    assert days_before_start(start, dt.datetime(2026, 3, 27, 23, 30, tzinfo=dt.UTC)) == 2
    # 16 March 2026, 00:30 Berlin is still 15 March in UTC: exactly 14 days.
    assert days_before_start(start, dt.datetime(2026, 3, 16, 0, 30, tzinfo=BERLIN)) == 14


@pytest.fixture
def late_terms(default_fee_rules):
    for rule in default_fee_rules:
        CancellationTier.objects.create(fee_rule=rule, days_before=13, percent=50)
        CancellationTier.objects.create(fee_rule=rule, days_before=3, percent=100)


@pytest.fixture
def company_booking(db, reception, late_terms):
    from tests.billing.factories import chargeable_booking

    def make(days: int) -> Booking:
        booking = chargeable_booking(reception=reception, days=30)
        # The same time of day, ``days`` calendar days from today in Berlin.
        local = timezone.localtime(booking.start)
        day = timezone.localdate() + dt.timedelta(days=days)
        start = timezone.make_aware(dt.datetime.combine(day, local.time()))
        if start <= timezone.now() + dt.timedelta(minutes=30):
            # A booking that has begun can no longer be cancelled: today's starts in an
            # hour (past midnight that is tomorrow, which costs the same 100 %).
            start = timezone.now() + dt.timedelta(hours=1)
        Booking.objects.filter(pk=booking.pk).update(start=start, end=start + dt.timedelta(hours=2))
        booking.refresh_from_db()
        assert booking.net > 0
        return booking

    return make


@pytest.mark.parametrize(("days", "percent"), [(14, 0), (13, 50), (4, 50), (3, 100), (0, 100)])
def test_the_booker_pays_the_share_of_the_day_they_cancel(company_booking, days, percent):
    booking = company_booking(days)
    cancelled = withdraw_or_cancel_booking(actor=None, booking=booking)

    assert cancelled.state == Booking.State.CANCELLED
    assert cancelled.cancellation_percent == percent
    expected = (booking.net * percent / 100).quantize(Decimal("0.01"))
    assert cancelled.cancellation_fee == expected
    assert not cancelled.occupancies.exists()


def test_a_late_fee_is_in_the_history_and_the_cancellation_email(company_booking):
    from house.models import OutboxEmail

    booking = company_booking(2)
    withdraw_or_cancel_booking(actor=None, booking=booking)

    entry = history(booking)[-1]
    assert actions(booking)[-1] == "cancelled"
    assert entry.data["changes"]["cancellation_percent"] == [None, 100]
    assert entry.data["changes"]["cancellation_fee"] == [None, f"{booking.net:.2f}"]
    email = OutboxEmail.objects.filter(to=["buchung@firma.example"]).latest("pk")
    assert "Stornogebühr von 100 %" in email.body_text


def test_the_reception_charges_the_fee_or_waives_it_with_a_reason(company_booking, reception):
    charged = cancel_booking(
        actor=reception, booking=company_booking(5), reason="Absage", charge_fee=True
    )
    waived = cancel_booking(
        actor=reception,
        booking=company_booking(5),
        charge_fee=True,
        waive_reason="Referentin erkrankt",
    )

    assert (charged.cancellation_percent, charged.cancellation_fee > 0) == (50, True)
    assert (waived.cancellation_percent, waived.cancellation_fee) == (50, Decimal(0))
    assert waived.cancellation_fee_waiver == "Referentin erkrankt"
    assert history(waived)[-1].data["changes"]["waiver"] == [None, "Referentin erkrankt"]


def test_a_closure_day_never_costs_the_booker_anything(company_booking, manager):
    from rooms import closures

    booking = company_booking(1)
    closures.close_day(
        actor=manager,
        date=timezone.localtime(booking.start).date(),
        reason="Stromausfall",
        kind="maintenance",
        decisions={booking.pk: closures.Decision(action=closures.CANCEL)},
    )

    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED
    assert booking.cancellation_fee == 0
    assert booking.cancellation_percent is None


def test_each_date_of_a_series_pays_by_its_own_date(reception, late_terms):
    from rooms.services import Recurrence
    from tests.tenants.factories import OrganisationFactory

    organisation = OrganisationFactory(kind="external", nonprofit_notice_date=None)
    first = timezone.localdate() + dt.timedelta(days=2)
    start = timezone.make_aware(dt.datetime.combine(first, dt.time(10)))
    series, bookings = book_series(
        actor=reception,
        draft=draft(RoomFactory(), start, organisation=organisation),
        recurrence=Recurrence(freq="weekly", weekdays=(first.weekday(),), count=3),
    )
    assert len(bookings) == 3
    cancel_series(actor=reception, series=series, charge_fee=True)

    dates = Booking.objects.filter(series=series).order_by("start")
    fees = [booking.cancellation_percent for booking in dates]
    assert fees == [100, 50, 0]  # in 2, 9 and 16 days


def test_the_fee_of_today_is_what_cancelling_now_costs(company_booking):
    booking = company_booking(10)
    percent, net = cancellation_fee(booking)
    assert percent == 50
    assert net == (booking.net / 2).quantize(Decimal("0.01"))
    later = timezone.now() + dt.timedelta(days=8)
    assert cancellation_fee(booking, when=later)[0] == 100
