"""Funding of a venture: grants, their status and the reports on their use."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from house.models import User
from sociallab.forms import (
    FundingForm,
    FundingStatusForm,
    ReportForm,
)
from sociallab.models import (
    FundingApplication,
    FundingReport,
)
from sociallab.services import funding

from .phases import _done, _post, _venture


@login_required
@require_POST
def venture_funding(request: HttpRequest, pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    return _post(
        request,
        venture,
        FundingForm(request.POST),
        lambda d: funding.add_funding_application(
            venture=venture, actor=cast(User, request.user), source=d["source"], amount=d["amount"]
        ),
        _("The funding application is added."),
    )


@login_required
@require_POST
def funding_status(request: HttpRequest, pk: int, funding_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    item = get_object_or_404(FundingApplication, venture=venture, pk=funding_pk)
    return _post(
        request,
        venture,
        FundingStatusForm(request.POST),
        lambda d: funding.update_funding_status(
            funding=item, actor=cast(User, request.user), status=d["status"], granted=d["granted"]
        ),
        _("The funding application is updated."),
    )


@login_required
@require_POST
def funding_report(request: HttpRequest, pk: int, funding_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    item = get_object_or_404(FundingApplication, venture=venture, pk=funding_pk)
    return _post(
        request,
        venture,
        ReportForm(request.POST),
        lambda d: funding.add_report(
            funding=item, actor=cast(User, request.user), title=d["title"], due_on=d["due_on"]
        ),
        _("The report is added."),
    )


@login_required
@require_POST
def report_done(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    venture = _venture(request, pk, "sociallab.track_venture")
    report = get_object_or_404(FundingReport, funding__venture=venture, pk=report_pk)
    approve = request.POST.get("approve") == "on" and request.user.has_perm(
        "sociallab.manage_venture", venture
    )
    funding.mark_report(
        report=report, actor=cast(User, request.user), submitted=True, approved=approve
    )
    return _done(request, venture, _("The report is marked."))
