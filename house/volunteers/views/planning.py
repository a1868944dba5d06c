"""The coordination plans: opportunities and repeating café shifts."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from house.volunteers.forms import OpportunityForm, SeriesForm
from house.volunteers.models import Opportunity, ShiftSeries
from house.volunteers.services import VolunteerError, shifts
from house.volunteers.views.coordination import coordinator_required


@coordinator_required
@require_http_methods(["GET", "POST"])
def planning(request: HttpRequest) -> HttpResponse:
    """Add an opportunity or a series of repeating shifts; see what is planned."""
    opportunity_form = OpportunityForm(
        request.POST if request.POST.get("form") == "opportunity" else None, prefix="opportunity"
    )
    series_form = SeriesForm(
        request.POST if request.POST.get("form") == "series" else None, prefix="series"
    )
    if request.method == "POST":
        if request.POST.get("form") == "opportunity" and opportunity_form.is_valid():
            opportunity = opportunity_form.save()
            messages.success(request, _("“%(title)s” is saved.") % {"title": opportunity.title})
            return redirect("volunteers:planning")
        if request.POST.get("form") == "series" and series_form.is_valid():
            try:
                with transaction.atomic():
                    series = series_form.save()
                    created = shifts.generate_series_shifts(series=series)
            except VolunteerError as exc:
                series_form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("%(count)s shifts planned; closure days of the house are left out.")
                    % {"count": created},
                )
                return redirect("volunteers:planning")
    return render(
        request,
        "volunteers/coordination_planning.html",
        {
            "opportunity_form": opportunity_form,
            "series_form": series_form,
            "opportunities": Opportunity.objects.order_by("title"),
            "series_list": ShiftSeries.objects.select_related("opportunity").order_by("-last_day")[
                :20
            ],
        },
    )


@coordinator_required
@require_POST
def extend_series(request: HttpRequest, pk: int) -> HttpResponse:
    """Create the shifts of a series that are missing (after a closure day was lifted)."""
    series = get_object_or_404(ShiftSeries, pk=pk)
    created = shifts.generate_series_shifts(series=series)
    messages.success(request, _("%(count)s shifts added.") % {"count": created})
    return redirect("volunteers:planning")
