"""House management decides a volunteer's tenure for the room rule, with a reason."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from house.models import User
from house.volunteers.forms import TenureOverrideForm
from house.volunteers.models import VolunteerProfile
from house.volunteers.services import VolunteerError, hours


@login_required
@require_http_methods(["GET", "POST"])
def tenure(request: HttpRequest, pk: int) -> HttpResponse:
    """Only the name, the computed tenure and earlier decisions: what the decision needs."""
    if not request.user.has_perm("volunteers.override_tenure"):
        raise PermissionDenied
    profile = get_object_or_404(VolunteerProfile.objects.active(), pk=pk)
    form = TenureOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hours.override_tenure(
                profile=profile,
                qualifies=form.cleaned_data["qualifies"],
                reason=form.cleaned_data["reason"],
                valid_until=form.cleaned_data["valid_until"],
                actor=cast(User, request.user),
            )
        except VolunteerError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The decision has been recorded."))
            return redirect("volunteers:tenure", pk=profile.pk)
    return render(
        request,
        "volunteers/tenure_decision.html",
        {
            "profile": profile,
            "form": form,
            "tenure": hours.compute_tenure(profile=profile, on=timezone.localdate()),
            "decisions": profile.tenure_overrides.select_related("decided_by")[:10],
        },
    )


@login_required
def tenure_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("volunteers.override_tenure"):
        raise PermissionDenied
    query = (request.GET.get("q") or "").strip()[:100]
    profiles = VolunteerProfile.objects.active().only("pk", "name").order_by("name")
    if query:
        profiles = profiles.filter(name__icontains=query)
    return render(request, "volunteers/tenure_list.html", {"profiles": profiles[:50], "q": query})
