"""Priority rounds: the ballot of one's organisation, the frozen result, its PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tenants.network import queries
from tenants.network.forms import DotForm, RoundForm
from tenants.network.models import Actor, PriorityRound
from tenants.network.services import NetworkError
from tenants.network.services import priorities as round_services

if TYPE_CHECKING:
    from django.http import HttpRequest

    from house.models import User


def _round(request: HttpRequest, pk: int) -> PriorityRound:
    return get_object_or_404(PriorityRound.objects.visible_to(request.user), pk=pk)


@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = list(PriorityRound.objects.visible_to(request.user).order_by("-opens_at"))
    return render(
        request,
        "network/round_list.html",
        {"rounds": rounds, "can_manage": request.user.has_perm("network.manage_network")},
    )


@require_GET
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Open: each of one's organisations sees its own dots and what is left, never the counts.
    Frozen: the result with its checksums."""
    round_ = _round(request, pk)
    topics = list(round_.topics.order_by("name"))
    ballots = []
    if round_.is_open() and request.user.is_authenticated:
        ballots = [
            queries.ballot(round_, actor)
            for actor in Actor.objects.of_member(request.user).select_related("organisation")
        ]
    return render(
        request,
        "network/round_detail.html",
        {
            "round": round_,
            "topics": topics,
            "ballots": ballots,
            "participation": queries.participation(round_) if not round_.is_frozen else None,
            "can_manage": request.user.has_perm("network.manage_network"),
        },
    )


def _dot(request: HttpRequest, pk: int, *, place: bool) -> HttpResponse:
    round_ = _round(request, pk)
    form = DotForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a topic of the ballot."))
        return redirect(round_.get_absolute_url())
    actor = form.cleaned_data["actor"]
    if not request.user.has_perm("network.vote_for_actor", actor):
        raise PermissionDenied
    action = round_services.place_dot if place else round_services.take_back_dot
    user = cast("User", request.user)  # both callers are behind login_required
    try:
        action(round=round_, topic=form.cleaned_data["topic"], actor=actor, user=user)
    except NetworkError as exc:
        messages.error(request, exc.message)
    url = reverse("network:round", kwargs={"pk": round_.pk})
    return redirect(f"{url}#ballot-{actor.pk}")


@login_required
@require_POST
def round_vote(request: HttpRequest, pk: int) -> HttpResponse:
    return _dot(request, pk, place=True)


@login_required
@require_POST
def round_unvote(request: HttpRequest, pk: int) -> HttpResponse:
    return _dot(request, pk, place=False)


@require_GET
def round_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if not round_.is_frozen or not round_.result_pdf:
        raise Http404
    response = HttpResponse(bytes(round_.result_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="prioritaeten-{round_.pk}.pdf"'
    return response


def _require_coordination(request: HttpRequest) -> None:
    if not request.user.has_perm("network.manage_network"):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    _require_coordination(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = round_services.create_round(
                created_by=cast("User", request.user), **form.cleaned_data
            )
        except NetworkError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The priority round has been created."))
            return redirect(round_.get_absolute_url())
    return render(request, "network/round_form.html", {"form": form})


@login_required
@require_POST
def round_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    _require_coordination(request)
    try:
        round_services.freeze_round(round=round_)
    except NetworkError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The result has been counted and frozen."))
    return redirect(round_.get_absolute_url())
