"""The fee engine's terms beyond the price: worked cases for surcharges by weekday and time
of day, the days of one event priced once, the purposes a free quota covers, the order in
which a booker's category is decided, and the day a volunteer's tenure is judged on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from rooms.fees import (
    BookerCategory,
    Extra,
    LineCode,
    Pricing,
    Purpose,
    Quote,
    Tariff,
    WarningCode,
    compute_quote,
    private_celebration_tenure,
)
from rooms.fees.conditions import (
    CategorySource,
    HouseCategory,
    Surcharge,
    decide_category,
    event_days,
    quota_purposes,
    spread_quota,
)

D = Decimal
TUESDAY = dt.date(2026, 12, 8)
SATURDAY = dt.date(2026, 12, 12)
EVENING = Surcharge(
    "Abendzuschlag",
    frozenset(range(5)),
    starts=dt.time(18),
    percent=D("25"),
    name_en="Evening surcharge",
)
WEEKEND = Surcharge("Wochenendzuschlag", frozenset({5, 6}), percent=D("20"))
CARETAKER = Surcharge("Hausmeister am Wochenende", frozenset({5, 6}), per_hour=D("15"))
HOURLY = Tariff("Extern", "Extern", Pricing.HOURLY, D("40"), surcharges=(EVENING, WEEKEND))
HALF = Tariff(
    "Extern", "Extern", Pricing.HALF_DAY, D("180"), D("320"), vat_rate=D("19"),
    surcharges=(EVENING, WEEKEND),
)  # fmt: skip
FREE = Tariff("Frei", "Frei", Pricing.FREE, surcharges=(EVENING, CARETAKER))
CONFERENCE = Tariff(
    "Gewerblich", "Gewerblich", Pricing.FLAT, D("250"), equipment_fee=D("25"),
    catering_fee=D("40"), cleaning_fee=D("30"), deposit=D("100"), vat_rate=D("19"),
)  # fmt: skip


def at(day: dt.date, start: str, end: str) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(start)), tz),
        timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(end)), tz),
    )


def surcharges(quote: Quote) -> list[Decimal]:
    return [line.amount for line in quote.lines if line.code == LineCode.SURCHARGE]


# --- surcharges by weekday and time of day ------------------------------------------


@pytest.mark.parametrize(
    ("tariff", "span", "surcharge", "net"),
    [
        # 16-20 on a Tuesday: half of the 160 € lies in the evening, +25 % of it.
        (HOURLY, at(TUESDAY, "16:00", "20:00"), ["20.00"], "180.00"),
        # 18-22 wholly in the evening: +25 % of 160 €.
        (HOURLY, at(TUESDAY, "18:00", "22:00"), ["40.00"], "200.00"),
        # 09-13 on a Tuesday: no surcharge, no line.
        (HOURLY, at(TUESDAY, "09:00", "13:00"), [], "160.00"),
        # Ending exactly when the evening starts: no surcharge.
        (HOURLY, at(TUESDAY, "14:00", "18:00"), [], "160.00"),
        # A Saturday: the weekend's 20 % on the whole day, no evening surcharge (weekdays only).
        (HOURLY, at(SATURDAY, "16:00", "20:00"), ["32.00"], "192.00"),
        # Half-day price on a Saturday: 180 € + 20 %.
        (HALF, at(SATURDAY, "09:00", "13:00"), ["36.00"], "216.00"),
        # A day price on a weekday evening: 320 € for 10 hours, 4 of them after 18:00.
        (HALF, at(TUESDAY, "12:00", "22:00"), ["32.00"], "352.00"),
        # Free use stays free in the evening; a caretaker's hourly amount is still charged.
        (FREE, at(TUESDAY, "18:00", "21:00"), [], "0.00"),
        (FREE, at(SATURDAY, "10:00", "13:00"), ["45.00"], "45.00"),
    ],
)
def test_surcharge_worked_cases(tariff, span, surcharge, net):
    quote = compute_quote(tariff, spans=[span])

    assert surcharges(quote) == [D(value) for value in surcharge]
    assert quote.net == D(net)


def test_surcharge_line_reads_in_the_readers_language():
    quote = compute_quote(HOURLY, spans=[at(TUESDAY, "18:00", "20:00")])
    line = next(line for line in quote.lines if line.code == LineCode.SURCHARGE)

    with translation.override("de"):
        assert line.label == "Abendzuschlag, 2 Std."
        assert "25 % des Raumpreises" in line.reason
        assert line.reason.startswith("Mo–Fr 18:00–24:00")
    with translation.override("en"):
        assert line.label == "Evening surcharge, 2 h"
        assert line.reason.startswith("Mon–Fri 18:00–24:00: 25 % of the room price")
    assert Quote.from_json(quote.to_json()) == quote


def test_a_quote_by_minutes_alone_has_no_surcharge():
    """Without the times (an old caller) nothing can be said about evenings: no line."""
    assert surcharges(compute_quote(HOURLY, minutes=240)) == []


def test_surcharge_window_until_midnight_and_wrapping_end():
    late = Surcharge("Spät", frozenset(range(7)), starts=dt.time(20), ends=dt.time(6))
    start, end = at(TUESDAY, "19:00", "23:00")

    assert late.minutes_within(start, end) == 180  # an end before the start: until midnight
    assert WEEKEND.minutes_within(start, end) == 0  # a Tuesday


# --- the days of one event, priced once ---------------------------------------------


def test_two_day_conference_pays_the_flat_fee_once():
    """Seed 003: a conference of about 60 people, 09:30-15:30, now on two days."""
    days = event_days(*at(TUESDAY, "09:30", "15:30"), 2)

    quote = compute_quote(CONFERENCE, spans=days, extras={Extra.EQUIPMENT, Extra.CATERING})

    by_code = {line.code: line.amount for line in quote.lines}
    assert by_code[LineCode.FLAT] == D("250.00")  # once, not twice
    assert by_code[LineCode.EQUIPMENT] == D("50.00")  # projector on both days
    assert by_code[LineCode.CATERING] == D("80.00")  # drinks on both days
    assert by_code[LineCode.CLEANING] == D("30.00")  # cleaned once, after the event
    assert quote.deposit == D("100.00")
    assert quote.net == D("410.00")
    assert quote.gross == D("487.90")


@pytest.mark.parametrize(
    ("tariff", "hours", "days", "net"),
    [
        (HALF, 6, 2, "640.00"),  # two full days
        (HALF, 3, 3, "540.00"),  # three half days
        (Tariff("Tag", "Tag", Pricing.DAY, D("300")), 8, 2, "600.00"),
        (Tariff("Std", "Std", Pricing.HOURLY, D("12")), 5, 2, "120.00"),  # 10 hours together
        (Tariff("Frei", "Frei", Pricing.FREE), 8, 2, "0.00"),
    ],
)
def test_event_days_per_pricing(tariff, hours, days, net):
    start = dt.datetime.combine(TUESDAY, dt.time(9))
    spans = event_days(
        timezone.make_aware(start), timezone.make_aware(start + dt.timedelta(hours=hours)), days
    )

    assert compute_quote(tariff, spans=spans).net == D(net)


def test_event_days_read_in_words():
    spans = event_days(*at(TUESDAY, "09:00", "17:00"), 2)
    quote = compute_quote(HALF, spans=spans)

    with translation.override("en"):
        assert [line.label for line in quote.lines] == ["Room use, 2 full days"]
    with translation.override("de"):
        assert [line.label for line in quote.lines] == ["Raumnutzung, 2 ganze Tage"]


def test_event_days_keep_the_wall_clock_across_the_change_of_clocks():
    tz = timezone.get_current_timezone()
    # The clocks change on the 25th.
    start = timezone.make_aware(dt.datetime.combine(dt.date(2026, 10, 24), dt.time(9, 30)), tz)

    days = event_days(start, start + dt.timedelta(hours=6), 3)

    assert [timezone.localtime(s).strftime("%d %H:%M") for s, _e in days] == [
        "24 09:30",
        "25 09:30",
        "26 09:30",
    ]
    assert all(e - s == dt.timedelta(hours=6) for s, e in days)


def test_the_free_quota_is_used_day_by_day():
    tenant = Tariff("M", "M", Pricing.HOURLY, D("12"), free_minutes_per_month=600)
    spans = event_days(*at(TUESDAY, "09:00", "16:00"), 2)  # 14 hours, 10 free

    quote = compute_quote(tenant, spans=spans)

    assert spread_quota([420, 420], 600) == [0, 240]
    assert quote.net == D("48.00")


# --- the purposes a free quota covers ---------------------------------------------


def test_a_quota_covers_its_own_purpose_unless_it_names_others():
    assert quota_purposes(Purpose.NONPROFIT, []) == {Purpose.NONPROFIT}
    assert quota_purposes(Purpose.NONPROFIT, [Purpose.NONPROFIT, Purpose.COMMERCIAL]) == {
        Purpose.NONPROFIT,
        Purpose.COMMERCIAL,
    }


# --- the booker category: who decides -----------------------------------------------

TODAY = dt.date(2026, 12, 1)
INITIATIVE = HouseCategory(
    BookerCategory.LOCAL_NONPROFIT, "Nachbarschaftsinitiative ohne Bescheid", dt.date(2027, 6, 30)
)
PAPERS = (BookerCategory.COMMERCIAL, ())


@pytest.mark.parametrize(
    ("papers", "house", "stated", "category", "source", "warnings"),
    [
        # An initiative without an exemption notice: the papers say commercial ...
        (PAPERS, None, None, BookerCategory.COMMERCIAL, CategorySource.PAPERS, ()),
        # ... house management says local non-profit, with a reason and a review date.
        (PAPERS, INITIATIVE, None, BookerCategory.LOCAL_NONPROFIT, CategorySource.HOUSE, ()),
        # A category stated in the form for the organisation is not silently dropped.
        (
            PAPERS,
            None,
            BookerCategory.LOCAL_NONPROFIT,
            BookerCategory.COMMERCIAL,
            CategorySource.PAPERS,
            (WarningCode.CATEGORY_STATED_OVERRULED,),
        ),
        (
            PAPERS,
            INITIATIVE,
            BookerCategory.LOCAL_NONPROFIT,
            BookerCategory.LOCAL_NONPROFIT,
            CategorySource.HOUSE,
            (),
        ),
        # Past its review date the decision still holds, and the reception is told.
        (
            PAPERS,
            HouseCategory(BookerCategory.LOCAL_NONPROFIT, "Initiative", dt.date(2026, 11, 30)),
            None,
            BookerCategory.LOCAL_NONPROFIT,
            CategorySource.HOUSE,
            (WarningCode.CATEGORY_REVIEW_DUE,),
        ),
        # Without an organisation: the stated category, or a private person.
        (None, None, BookerCategory.PUBLIC_SECTOR, BookerCategory.PUBLIC_SECTOR, "stated", ()),
        (None, None, None, BookerCategory.PRIVATE_PERSON, CategorySource.DEFAULT, ()),
        (None, None, "nonsense", BookerCategory.PRIVATE_PERSON, CategorySource.DEFAULT, ()),
    ],
)
def test_decide_category_order(papers, house, stated, category, source, warnings):  # noqa: PLR0917 - one argument per table column
    decision = decide_category(from_papers=papers, house=house, stated=stated, on=TODAY)

    assert (decision.category, decision.source, decision.warnings) == (category, source, warnings)


def test_category_line_names_house_managements_reason_and_review_date():
    quote = Quote(
        lines=(),
        net=D(0),
        vat_rate=D(0),
        vat=D(0),
        gross=D(0),
        deposit=D(0),
        category=BookerCategory.LOCAL_NONPROFIT,
        category_source=CategorySource.HOUSE,
        category_reason="Nachbarschaftsinitiative ohne Bescheid",
        category_review="2027-06-30",
    )

    with translation.override("de"):
        assert quote.category_text == (
            "Gemeinnütziger Verein oder Initiative vor Ort, von der Hausverwaltung "
            "festgelegt: Nachbarschaftsinitiative ohne Bescheid (Überprüfung bis 30.06.2027)"
        )
    with translation.override("en"):
        assert "set by house management" in quote.category_text
    assert Quote.from_json(quote.to_json()) == quote


# --- tenure is judged on the day of the celebration --------------------------------


@pytest.mark.django_db
def test_tenure_is_judged_on_the_day_of_the_celebration():
    from tests.volunteers.history import regular_volunteer

    user = regular_volunteer(days=360)  # a year in five days' time
    party = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=40), dt.time(18))
    )

    assert not private_celebration_tenure(user, timezone.localdate()).qualifies
    assert private_celebration_tenure(user, party).qualifies
