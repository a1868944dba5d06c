"""Reviewers' pages. What they see follows the active review phase (sociallab.queries);
in anonymous mode no page here names an applicant or shows an e-mail address."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.models import User
from sociallab import queries
from sociallab.forms import BidForm, ConflictForm
from sociallab.models import Application, Bid, Call, Review, ReviewPhase
from sociallab.services import SocialLabError
from sociallab.services import review as services


def _call(request: HttpRequest, call_pk: int) -> Call:
    call = get_object_or_404(Call.objects.visible_to(request.user), pk=call_pk)
    if not request.user.has_perm("sociallab.review_call", call):
        raise PermissionDenied
    return call


def _reviewable(
    request: HttpRequest, call: Call, pk: int
) -> tuple[Application, ReviewPhase | None]:
    phase = queries.active_phase(call)
    application = queries.reviewable(cast(User, request.user), call, phase).filter(pk=pk).first()
    if application is None:
        raise Http404
    return application, phase


@login_required
@require_GET
def review_home(request: HttpRequest) -> HttpResponse:
    review_calls = Call.objects.filter(reviewer_teams__members=cast(User, request.user)).distinct()
    return render(request, "sociallab/review_home.html", {"calls": review_calls})


@login_required
@require_GET
def review_list(request: HttpRequest, call_pk: int) -> HttpResponse:
    user = cast(User, request.user)
    call = _call(request, call_pk)
    phase = queries.active_phase(call)
    anonymous = queries.is_anonymous_for(user, call, phase)
    applications = list(
        queries.reviewable(user, call, phase).prefetch_related("co_applicants__user")
    )
    own = dict(
        Review.objects.filter(reviewer=user, application__call=call).values_list(
            "application_id", "submitted_at"
        )
    )
    bids = dict(
        Bid.objects.filter(reviewer=user, application__call=call).values_list(
            "application_id", "preference"
        )
    )
    rows = [
        {
            "application": a,
            "view": queries.reviewer_view(a, anonymous=anonymous),
            "reviewed": own.get(a.pk) is not None,
            "started": a.pk in own,
            "bid": bids.get(a.pk),
        }
        for a in applications
    ]
    return render(
        request,
        "sociallab/review_list.html",
        {
            "call": call,
            "phase": phase,
            "rows": rows,
            "anonymous": anonymous,
            "bid_choices": Bid.Preference.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def review_form(request: HttpRequest, call_pk: int, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    call = _call(request, call_pk)
    application, phase = _reviewable(request, call, pk)
    criteria = list(call.criteria.all())
    review = Review.objects.filter(application=application, reviewer=user).first()
    if request.method == "POST":
        scores = {c.pk: request.POST.get(f"c_{c.pk}", "") for c in criteria}
        try:
            services.save_review(
                reviewer=user,
                application=application,
                scores=scores,
                comment_for_staff=request.POST.get("comment_for_staff", ""),
                comment_for_applicant=request.POST.get("comment_for_applicant", ""),
                submit="submit" in request.POST,
            )
        except SocialLabError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("sociallab:review_form", call.pk, application.pk)
    anonymous = queries.is_anonymous_for(user, call, phase)
    own_scores = {s.criterion_id: s.value for s in review.scores.all()} if review else {}
    others = []
    if queries.may_see_other_reviews(user, application, phase):
        others = list(
            application.reviews.counted()
            .exclude(reviewer=user)
            .prefetch_related("scores__criterion")
        )
    aggregates = None
    if queries.may_see_aggregates(user, application, phase):
        totals = [r.total for r in application.reviews.counted() if r.total is not None]
        aggregates = queries.aggregate(totals)
    return render(
        request,
        "sociallab/review_form.html",
        {
            "call": call,
            "phase": phase,
            "application": application,
            "view": queries.reviewer_view(application, anonymous=anonymous),
            "anonymous": anonymous,
            "criteria": [(c, own_scores.get(c.pk, "")) for c in criteria],
            "review": review,
            "others": others,
            "aggregates": aggregates,
            "conflict_form": ConflictForm(),
            "bid_form": BidForm(),
        },
    )


@login_required
@require_POST
def review_bid(request: HttpRequest, call_pk: int, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    call = _call(request, call_pk)
    phase = queries.active_phase(call)
    application = queries.reviewable(user, call, phase).filter(pk=pk).first()
    if application is None:
        raise Http404
    form = BidForm(request.POST)
    if form.is_valid():
        try:
            services.place_bid(
                reviewer=user,
                application=application,
                preference=form.cleaned_data["preference"],
            )
        except SocialLabError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Your bid is saved."))
    return redirect("sociallab:review_list", call.pk)


@login_required
@require_POST
def review_conflict(request: HttpRequest, call_pk: int, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    call = _call(request, call_pk)
    application, _phase = _reviewable(request, call, pk)
    services.declare_conflict(
        actor=user,
        application=application,
        reviewer=user,
        reason=request.POST.get("reason", ""),
    )
    messages.success(
        request,
        _("Thank you. You no longer review this application, and your scores do not count."),
    )
    return redirect("sociallab:review_list", call.pk)
