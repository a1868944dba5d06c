"""House management sets an organisation's booker category for the fees (a local
initiative without an exemption notice counts as non-profit), with a reason and a
review date; decisions past their review date come first, flagged."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from house.models import ActivityLog
from rooms import services
from rooms.fees import BookerCategory
from rooms.forms import OrganisationCategoryForm, OrganisationChoiceForm
from rooms.models import OrganisationCategory

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@require_http_methods(["GET"])
@login_required
@permission_required("rooms.set_organisation_category", raise_exception=True)
def category_list(request: HttpRequest) -> HttpResponse:
    """Every decision, those due for review first; a chooser to decide for another."""
    today = timezone.localdate()
    chooser = OrganisationChoiceForm(request.GET or None)
    if request.GET and chooser.is_valid():
        return redirect("rooms:category_edit", pk=chooser.cleaned_data["organisation"].pk)
    rows = list(OrganisationCategory.objects.select_related("organisation", "set_by"))
    rows.sort(
        key=lambda row: (not row.is_due(today), row.review_on or today, row.organisation.name)
    )
    return render(
        request,
        "rooms/category_list.html",
        {"rows": rows, "today": today, "chooser": chooser},
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("rooms.set_organisation_category", raise_exception=True)
def category_edit(request: HttpRequest, pk: int) -> HttpResponse:
    from tenants.models import Organisation

    organisation = get_object_or_404(Organisation, pk=pk)
    today = timezone.localdate()
    current = OrganisationCategory.objects.filter(organisation=organisation).first()
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "category": current.category,
            "reason": current.reason,
            "review_on": current.review_on,
        }
    form = OrganisationCategoryForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "clear":
        if services.clear_organisation_category(actor=request.user, organisation=organisation):  # type: ignore[arg-type]
            messages.success(
                request, _("The organisation's papers decide its booker category again.")
            )
        return redirect("rooms:category_edit", pk=organisation.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_organisation_category(
                actor=request.user,  # type: ignore[arg-type]
                organisation=organisation,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
                review_on=form.cleaned_data["review_on"],
            )
        except services.BookingError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The booker category is saved."))
            return redirect("rooms:category_edit", pk=organisation.pk)
    papers, _warnings = services.category_from_papers(organisation, on=today)
    return render(
        request,
        "rooms/category_form.html",
        {
            "organisation": organisation,
            "current": current,
            "is_due": current is not None and current.is_due(today),
            "papers_label": BookerCategory(papers).label,
            "form": form,
            "history": ActivityLog.objects.for_object(organisation).filter(
                action_type__startswith="rooms.category."
            )[:20],
        },
    )
