"""Usage reports for house management: figures, value of free use, CSV, access, queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from house.models import ClosureDay
from rooms.fees import BookerCategory, Purpose
from rooms.models import Booking
from rooms.reports import month_report, organisation_usage
from tests.factories import UserFactory
from tests.rooms.factories import BookingFactory, RoomFactory
from tests.tenants.factories import OrganisationFactory

pytestmark = pytest.mark.usefixtures("default_fee_rules")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _book(room, day, hours, **kwargs):
    return BookingFactory(room=room, start=_at(day, 10), end=_at(day, 10 + hours), **kwargs)


def test_month_report_sums_hours_occupancy_and_revenue_by_category():
    room = RoomFactory(name="Saal", opens_at=dt.time(8), closes_at=dt.time(18))  # 10 h a day
    ClosureDay.objects.create(date=dt.date(2031, 2, 3), reason="Wartung")
    _book(
        room,
        dt.date(2031, 2, 4),
        4,
        booker_category=BookerCategory.COMMERCIAL,
        net=Decimal("200"),
        gross=Decimal("238"),
    )
    _book(
        room,
        dt.date(2031, 2, 5),
        2,
        booker_category=BookerCategory.TENANT,
        net=Decimal("0"),
        gross=Decimal("0"),
    )
    _book(
        room,
        dt.date(2031, 2, 6),
        3,
        state=Booking.State.CANCELLED,
        net=Decimal("99"),
        gross=Decimal("99"),
    )
    _book(room, dt.date(2031, 3, 1), 3)  # next month

    report = month_report(year=2031, month=2)

    [usage] = report.rooms
    assert usage.total.hours == Decimal("6.0")
    assert usage.bookable_hours == Decimal("270.0")  # 27 open days × 10 h
    assert usage.occupancy == Decimal("2.2")
    assert usage.total.net == Decimal("200")
    categories = dict(report.by_category)
    assert categories[str(BookerCategory.COMMERCIAL.label)].hours == Decimal("4.0")
    assert categories[str(BookerCategory.TENANT.label)].gross == Decimal("0")


def test_organisation_report_values_free_use_at_the_external_rate():
    room = RoomFactory()
    kiez = OrganisationFactory(name="Kiezküche")
    _book(
        room,
        dt.date(2031, 5, 6),
        3,
        organisation=kiez,
        purpose=Purpose.NONPROFIT,
        gross=Decimal("0"),
    )
    _book(
        room,
        dt.date(2031, 5, 7),
        6,
        organisation=kiez,
        purpose=Purpose.NONPROFIT,
        gross=Decimal("50"),
    )

    [row] = organisation_usage(year=2031)

    # External rate (default rules): 180 € per half day (≤ 4 h), 320 € per day, plus 19 % VAT.
    assert row.bookings == 2
    assert row.hours == Decimal("9.0")
    assert row.paid == Decimal("50")
    assert row.external_value == Decimal("214.20") + Decimal("380.80")
    assert row.free_use_value == Decimal("545.00")


def test_usage_report_page_shows_rooms_and_an_accessible_chart(client, manager):
    room = RoomFactory(name="Saal Werra")
    _book(room, dt.date(2031, 2, 4), 4, net=Decimal("120"), gross=Decimal("142.80"))
    client.force_login(manager)

    page = client.get("/reception/reports/?month=2031-02").content.decode()

    assert "Saal Werra" in page
    assert "<svg" in page
    assert 'aria-hidden="true"' in page  # the table carries the numbers
    assert "<script" not in page.split("</main>")[0].split("<main")[1]


def test_usage_report_csv_has_a_row_per_room_and_category(client, manager):
    room = RoomFactory(name="Saal Werra")
    _book(
        room,
        dt.date(2031, 2, 4),
        4,
        booker_category=BookerCategory.COMMERCIAL,
        net=Decimal("120"),
        gross=Decimal("142.80"),
    )
    client.force_login(manager)

    response = client.get("/reception/reports/usage.csv?month=2031-02")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    with translation.override("de"):  # the request's language
        assert rows[1][:4] == ["2031-02", "Saal Werra", gettext("all"), "1"]
        assert rows[2][2] == str(BookerCategory.COMMERCIAL.label)
    assert rows[2][7] == "120.00"


def test_organisation_report_csv(client, manager):
    kiez = OrganisationFactory(name="Kiezküche")
    _book(RoomFactory(), dt.date(2031, 5, 6), 3, organisation=kiez, gross=Decimal("0"))
    client.force_login(manager)

    response = client.get("/reception/reports/organisations.csv?year=2031")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:3] == ["2031", "Kiezküche", "1"]
    assert rows[1][6] == "214.20"


@pytest.mark.parametrize(
    "url",
    [
        "/reception/reports/",
        "/reception/reports/usage.csv",
        "/reception/reports/organisations/",
        "/reception/reports/organisations.csv",
    ],
)
def test_reports_are_for_house_management_only(client, reception, url):
    kiez = OrganisationFactory(name="Geheime Kiezküche")
    _book(RoomFactory(), timezone.localdate(), 3, organisation=kiez)
    client.force_login(reception)
    assert client.get(url).status_code == 403
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 403
    assert b"Geheime" not in response.content


def test_bad_month_falls_back_to_this_month(client, manager):
    client.force_login(manager)
    response = client.get("/reception/reports/?month=2031-13")
    assert response.status_code == 200
    assert timezone.localdate().strftime("%Y-%m") in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_usage_report_query_count(client, manager, django_assert_num_queries, count):
    for i in range(count):
        room = RoomFactory()
        _book(room, dt.date(2031, 2, 4 + i), 2)
    client.force_login(manager)

    # request overhead (session, user, roles, house) + rooms, closure days, bookings
    with django_assert_num_queries(6):
        client.get("/reception/reports/?month=2031-02")


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_report_query_count(client, manager, django_assert_num_queries, count):
    for i in range(count):
        _book(RoomFactory(), dt.date(2031, 5, 4 + i), 2, organisation=OrganisationFactory())
    client.force_login(manager)

    # request overhead (session, user, roles, house) + fee rules, their surcharges,
    # bookings with organisations
    with django_assert_num_queries(6):
        client.get("/reception/reports/organisations/?year=2031")
