"""The usage reports of house management: per month and room, per organisation, on screen and as
CSV.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from house.redirects import accepts_former_parameters
from house.spreadsheet import csv_response
from rooms.fees import BookerCategory
from rooms.reports import ZERO, month_report, organisation_usage

if TYPE_CHECKING:
    from django.http import HttpRequest


def _month_param(request: HttpRequest) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    if not 2000 <= year <= 2100:
        return today.year, today.month
    return year, month


def _year_param(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _share(value: Decimal, top: Decimal) -> Decimal:
    """``value`` as per cent of ``top``, for the width of a chart bar."""
    return (100 * value / top).quantize(Decimal("0.1")) if top else Decimal("0.0")


def _csv_response(filename: str, header: list[str], rows: list[list[object]]) -> HttpResponse:
    return csv_response(filename, [header, *rows])


@accepts_former_parameters
@require_GET
@login_required
@permission_required("rooms.view_report", raise_exception=True)
def usage_report(request: HttpRequest) -> HttpResponse:
    year, month = _month_param(request)
    report = month_report(year=year, month=month)
    first = report.first_day
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "rooms/report_usage.html",
        {"report": report, "previous": previous, "next": following},
    )


@accepts_former_parameters
@require_GET
@login_required
@permission_required("rooms.view_report", raise_exception=True)
def usage_report_csv(request: HttpRequest) -> HttpResponse:
    year, month = _month_param(request)
    report = month_report(year=year, month=month)
    labels = dict(BookerCategory.choices)
    rows: list[list[object]] = []
    for usage in report.rooms:
        rows.append(
            [
                f"{year}-{month:02d}",
                usage.room.name,
                _("all"),
                usage.total.bookings,
                usage.total.hours,
                usage.bookable_hours,
                usage.occupancy,
                usage.total.net,
                usage.total.gross,
            ]
        )
        for value, tally in sorted(usage.by_category.items()):
            rows.append(
                [
                    f"{year}-{month:02d}",
                    usage.room.name,
                    str(labels.get(value, value)),
                    tally.bookings,
                    tally.hours,
                    "",
                    "",
                    tally.net,
                    tally.gross,
                ]
            )
    header = [
        _("Month"),
        _("Room"),
        _("Booker category"),
        _("Bookings"),
        _("Booked hours"),
        _("Bookable hours"),
        _("Occupancy in %"),
        _("Revenue net (€)"),
        _("Revenue gross (€)"),
    ]
    return _csv_response(f"raumnutzung-{year}-{month:02d}.csv", header, rows)


@accepts_former_parameters
@require_GET
@login_required
@permission_required("rooms.view_report", raise_exception=True)
def organisation_report(request: HttpRequest) -> HttpResponse:
    year = _year_param(request)
    rows = organisation_usage(year=year)
    top = max((max(r.external_value, r.paid) for r in rows), default=ZERO)
    return render(
        request,
        "rooms/report_organisations.html",
        {
            "year": year,
            "rows": [(r, _share(r.paid, top), _share(r.external_value, top)) for r in rows],
            "total_free": sum((r.free_use_value for r in rows), ZERO),
            "total_paid": sum((r.paid for r in rows), ZERO),
        },
    )


@accepts_former_parameters
@require_GET
@login_required
@permission_required("rooms.view_report", raise_exception=True)
def organisation_report_csv(request: HttpRequest) -> HttpResponse:
    year = _year_param(request)
    rows = [
        [year, r.name, r.bookings, r.hours, r.paid, r.external_value, r.free_use_value]
        for r in organisation_usage(year=year)
    ]
    header = [
        _("Year"),
        _("Organisation"),
        _("Bookings"),
        _("Booked hours"),
        _("Paid gross (€)"),
        _("At the external rate gross (€)"),
        _("Value of free use (€)"),
    ]
    return _csv_response(f"nutzung-organisationen-{year}.csv", header, rows)
