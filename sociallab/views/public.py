"""The public programme page and the pages of the calls."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from house.models import User
from sociallab.models import Application, Call, Phase
from sociallab.services import SocialLabError
from sociallab.services.applications import start_application


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    calls = list(
        Call.objects.published().filter(decisions_released_at__isnull=True, closes_at__gt=now)
    )
    past = list(Call.objects.published().exclude(pk__in=[c.pk for c in calls])[:5])
    return render(
        request,
        "sociallab/index.html",
        {"calls": calls, "past_calls": past, "phases": Phase.choices, "now": now},
    )


@require_GET
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.visible_to(request.user), slug=slug)
    form = call.current_form()
    own = None
    if request.user.is_authenticated:
        own = Application.objects.filter(call=call, applicant=request.user).first()
    return render(
        request,
        "sociallab/call_detail.html",
        {"call": call, "form_version": form, "own": own, "is_open": call.is_open()},
    )


@login_required
@require_POST
def apply(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(Call.objects.published(), slug=slug)
    try:
        application = start_application(call=call, applicant=cast(User, request.user))
    except SocialLabError as exc:
        messages.error(request, exc.message)
        return redirect(call)
    return redirect("sociallab:application_edit", application.pk)
