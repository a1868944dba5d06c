"""Reports for the Social Lab team: the page and the same figures as CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from house.spreadsheet import csv_response
from sociallab.reports import figures
from sociallab.views.staff import staff_only


@staff_only
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    data = figures()
    if request.GET.get("format") == "csv":
        rows: list[list[object]] = [[_("Figure"), pgettext("report figure", "Subject"), _("Value")]]
        for item in data.calls:
            rows.append([_("Applications submitted"), item.call.title, item.submitted])
            rows.append([_("Applications accepted"), item.call.title, item.accepted])
            rate = item.acceptance_rate
            rows.append(
                [_("Acceptance rate (%)"), item.call.title, "" if rate is None else str(rate)]
            )
        for _value, label, count in data.ventures_per_phase:
            rows.append([_("Ventures in the phase"), label, count])
        rows.append([_("Graduated ventures"), "", data.graduated])
        rows.append([_("Mentoring hours held"), "", str(data.mentoring_hours)])
        rows.append([_("Funding applied for (EUR)"), "", str(data.funding_requested)])
        rows.append([_("Funding raised (EUR)"), "", str(data.funding_raised)])
        for _value, label, days, _count in data.days_to_phase:
            rows.append(
                [_("Days from application to the phase"), label, "" if days is None else str(days)]
            )
        return csv_response("social-lab-report.csv", rows)
    return render(request, "sociallab/reports.html", {"data": data})
