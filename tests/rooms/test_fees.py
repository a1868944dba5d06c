"""The fee engine: a table of worked cases, every booker category × purpose, and the edges."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from rooms.fees import (
    BookerCategory,
    Extra,
    Pricing,
    Purpose,
    Tariff,
    WarningCode,
    classify_organisation,
    compute_quote,
    is_eligible_for_private_celebration,
)
from rooms.services import BookingError, quote_draft, validate_draft
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.tenants.factories import OrganisationFactory
from tests.volunteers.history import give_volunteer_history, regular_volunteer

D = Decimal
TENANT = Tariff(
    "Mieter", "Mieter", Pricing.HOURLY, D("12"), vat_rate=D("19"), free_minutes_per_month=600
)
HALF = Tariff("Extern", "Extern", Pricing.HALF_DAY, D("180"), D("320"), vat_rate=D("19"))
FLAT = Tariff("Gewerblich", "Gewerblich", Pricing.FLAT, D("250"), vat_rate=D("19"))
PARTY = Tariff(
    "Feier",
    "Feier",
    Pricing.FLAT,
    D("80"),
    cleaning_fee=D("60"),
    deposit=D("150"),
    vat_rate=D("19"),
)


@pytest.mark.parametrize(
    ("tariff", "minutes", "extras", "used", "net", "gross", "deposit"),
    [
        (Tariff("Frei", "Frei", Pricing.FREE), 180, set(), 0, "0.00", "0.00", "0.00"),
        (TENANT, 120, set(), 0, "0.00", "0.00", "0.00"),  # all within the free quota
        (
            TENANT,
            180,
            set(),
            540,
            "24.00",
            "28.56",
            "0.00",
        ),  # quota partly used: 1 h free, 2 h paid
        (TENANT, 180, set(), 600, "36.00", "42.84", "0.00"),  # quota used up
        (TENANT, 90, set(), 900, "18.00", "21.42", "0.00"),  # more used than the quota
        (HALF, 240, set(), 0, "180.00", "214.20", "0.00"),  # exactly 4 h is a half day
        (HALF, 241, set(), 0, "320.00", "380.80", "0.00"),  # one minute more is a day
        (Tariff("Tag", "Tag", Pricing.DAY, D("300")), 600, set(), 0, "300.00", "300.00", "0.00"),
        (FLAT, 30, set(), 0, "250.00", "297.50", "0.00"),
        (FLAT, 600, {Extra.EQUIPMENT}, 0, "250.00", "297.50", "0.00"),  # no equipment fee set
        (
            Tariff("X", "X", Pricing.FLAT, D("250"), equipment_fee=D("25"), catering_fee=D("40")),
            60,
            {Extra.EQUIPMENT, Extra.CATERING},
            0,
            "315.00",
            "315.00",
            "0.00",
        ),
        (PARTY, 300, set(), 0, "140.00", "166.60", "150.00"),  # cleaning fee and deposit
    ],
)
def test_compute_quote_worked_cases(tariff, minutes, extras, used, net, gross, deposit):  # noqa: PLR0917 - one argument per table column
    quote = compute_quote(tariff, minutes=minutes, extras=extras, quota_used_minutes=used)

    assert (quote.net, quote.gross, quote.deposit) == (D(net), D(gross), D(deposit))
    assert quote.gross == quote.net + quote.vat
    assert all(line.reason for line in quote.lines)


def test_compute_quote_partly_used_quota_shows_both_lines():
    quote = compute_quote(TENANT, minutes=180, quota_used_minutes=540)

    assert [line.amount for line in quote.lines] == [D("0.00"), D("24.00")]
    assert "1" in quote.lines[0].label


def test_compute_quote_round_trips_through_json():
    quote = compute_quote(PARTY, minutes=120, warnings=("Achtung",))

    assert type(quote).from_json(quote.to_json()) == quote


@pytest.mark.parametrize(
    ("kind", "city", "valid", "any_proof", "expected", "warned"),
    [
        ("tenant", "Kassel", False, False, BookerCategory.TENANT, False),
        ("public_body", "Kassel", False, False, BookerCategory.PUBLIC_SECTOR, False),
        ("partner", "Kassel", True, True, BookerCategory.LOCAL_NONPROFIT, False),
        ("network", " kassel ", True, True, BookerCategory.LOCAL_NONPROFIT, False),
        ("external", "Göttingen", True, True, BookerCategory.EXTERNAL_NONPROFIT, False),
        ("external", "Kassel", False, False, BookerCategory.COMMERCIAL, False),
        ("partner", "Kassel", False, True, BookerCategory.COMMERCIAL, True),  # expired notice
    ],
)
def test_classify_organisation_cases(kind, city, valid, any_proof, expected, warned):  # noqa: PLR0917 - one argument per table column
    category, warnings = classify_organisation(
        kind=kind, city=city, has_valid_proof=valid, has_any_proof=any_proof, house_city="Kassel"
    )

    assert category == expected
    assert bool(warnings) is warned


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("since_days_ago", "eligible"), [(None, False), (200, False), (365, False), (367, True)]
)
def test_is_eligible_for_private_celebration_needs_more_than_a_year(since_days_ago, eligible):
    today = dt.date(2026, 6, 15)
    user = UserFactory()
    give_volunteer_history(
        user,
        since=None if since_days_ago is None else today - dt.timedelta(days=since_days_ago),
        until=today,
    )

    assert is_eligible_for_private_celebration(user, today) is eligible


def _org(kind, city="Kassel", notice=dt.date(2024, 3, 1), expires=None):
    return OrganisationFactory(
        kind=kind, city=city, nonprofit_notice_date=notice, nonprofit_notice_expires=expires
    )


BOOKERS = {
    "tenant": lambda: {"organisation": _org("tenant")},
    "local": lambda: {"organisation": _org("partner")},
    "public": lambda: {"organisation": _org("public_body", notice=None)},
    "external_nonprofit": lambda: {"organisation": _org("external", city="Göttingen")},
    "company": lambda: {"organisation": _org("external", notice=None)},
    "expired": lambda: {"organisation": _org("partner", expires=dt.date(2025, 1, 1))},
    "person": dict,
    "volunteer": lambda: {"person": regular_volunteer(days=800)},
}


@pytest.mark.parametrize(
    ("booker", "purpose", "hours", "category", "net", "reason_part"),
    [
        ("tenant", Purpose.NONPROFIT, 3, BookerCategory.TENANT, "0.00", "Freistunden"),
        ("tenant", Purpose.COMMERCIAL, 3, BookerCategory.TENANT, "150.00", "pauschal"),
        ("local", Purpose.NONPROFIT, 3, BookerCategory.LOCAL_NONPROFIT, "0.00", "kostenfrei"),
        ("local", Purpose.COMMERCIAL, 3, BookerCategory.LOCAL_NONPROFIT, "250.00", "pauschal"),
        ("public", Purpose.NONPROFIT, 6, BookerCategory.PUBLIC_SECTOR, "0.00", "kostenfrei"),
        ("public", Purpose.COMMERCIAL, 3, BookerCategory.PUBLIC_SECTOR, "250.00", "pauschal"),
        (
            "external_nonprofit",
            Purpose.NONPROFIT,
            4,
            BookerCategory.EXTERNAL_NONPROFIT,
            "90.00",
            "ermäßigt",
        ),
        (
            "external_nonprofit",
            Purpose.COMMERCIAL,
            3,
            BookerCategory.EXTERNAL_NONPROFIT,
            "250.00",
            "pauschal",
        ),
        ("company", Purpose.NONPROFIT, 5, BookerCategory.COMMERCIAL, "320.00", "voller Satz"),
        ("company", Purpose.COMMERCIAL, 5, BookerCategory.COMMERCIAL, "250.00", "pauschal"),
        ("expired", Purpose.NONPROFIT, 3, BookerCategory.COMMERCIAL, "180.00", "voller Satz"),
        ("person", Purpose.NONPROFIT, 3, BookerCategory.PRIVATE_PERSON, "180.00", "voller Satz"),
        ("person", Purpose.COMMERCIAL, 3, BookerCategory.PRIVATE_PERSON, "250.00", "pauschal"),
        (
            "volunteer",
            Purpose.PRIVATE_CELEBRATION,
            5,
            BookerCategory.PRIVATE_PERSON,
            "140.00",
            "Feier",
        ),
    ],
)
def test_quote_draft_default_tariff_per_category_and_purpose(  # noqa: PLR0917 - table columns
    default_fee_rules, booker, purpose, hours, category, net, reason_part
):
    room = RoomFactory()

    got_category, quote = quote_draft(
        draft(room, hours=hours, purpose=purpose, **BOOKERS[booker]())
    )

    assert got_category == category
    assert quote.net == D(net)
    assert reason_part.casefold() in " ".join(line.reason for line in quote.lines).casefold()


def test_quote_draft_expired_proof_warns_the_reception(default_fee_rules):
    room = RoomFactory()

    _category, quote = quote_draft(draft(room, **BOOKERS["expired"]()))

    assert quote.warnings == (WarningCode.EXEMPTION_EXPIRED,)
    with translation.override("en"):
        assert "exemption notice has expired" in quote.warning_texts[0]
    with translation.override("de"):
        assert "Freistellungsbescheid ist abgelaufen" in quote.warning_texts[0]


@pytest.mark.parametrize("booker", ["tenant", "local", "public", "company"])
def test_quote_draft_private_celebration_of_an_organisation_has_no_tariff(
    default_fee_rules, booker
):
    room = RoomFactory()

    with pytest.raises(BookingError):
        quote_draft(draft(room, purpose=Purpose.PRIVATE_CELEBRATION, **BOOKERS[booker]()))


def test_quote_draft_tenant_quota_counts_other_bookings_of_the_month(default_fee_rules):
    from rooms.services import request_booking

    room = RoomFactory()
    org = _org("tenant")
    first = next_weekday_at(8, days_ahead=35).replace(day=3)
    while first.weekday() >= 5:
        first += dt.timedelta(days=1)
    request_booking(actor=None, draft=draft(room, first, hours=9, organisation=org))

    _category, quote = quote_draft(
        draft(room, first + dt.timedelta(days=7), hours=3, organisation=org)
    )

    assert quote.net == D("24.00")  # 1 free hour left, 2 hours at 12 €


def test_validate_draft_across_midnight_is_refused(db):
    room = RoomFactory(opens_at=dt.time(0, 0), closes_at=dt.time(23, 59))
    start = next_weekday_at(22)

    with pytest.raises(BookingError) as error:
        validate_draft(draft(room, start, hours=3), actor=None)

    assert error.value.field == "end"
