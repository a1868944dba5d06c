"""Public pages: opportunities, interest without an account, links from e-mails,
certificate verification and the personal calendar feed."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from house.abuse import limit_anonymous_posts
from house.ical import build_feed, conditional_feed_response
from house.volunteers import ical
from house.volunteers.forms import InterestForm
from house.volunteers.models import Assignment, Certificate, Opportunity, Shift, VolunteerProfile
from house.volunteers.services import VolunteerError, people, shifts, standins

INTERESTS_PER_HOUR = 5


@require_GET
def opportunity_list(request: HttpRequest) -> HttpResponse:
    """The public page: ways to help in the house, and how to say you are interested."""
    opportunities = Opportunity.objects.published().prefetch_related("required_qualifications")
    return render(request, "volunteers/opportunity_list.html", {"opportunities": opportunities})


@require_http_methods(["GET", "POST"])
@limit_anonymous_posts(group="volunteers:interest", rate=f"{INTERESTS_PER_HOUR}/h")
def opportunity_detail(request: HttpRequest, slug: str) -> HttpResponse:
    opportunity = get_object_or_404(
        Opportunity.objects.visible_to(request.user).prefetch_related("required_qualifications"),
        slug=slug,
    )
    form = InterestForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:
            return redirect("volunteers:interest_sent", slug=opportunity.slug)
        if form.is_valid():
            try:
                people.express_interest(
                    opportunity=opportunity,
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    phone=form.cleaned_data["phone"],
                    message=form.cleaned_data["message"],
                )
            except VolunteerError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("volunteers:interest_sent", slug=opportunity.slug)
    upcoming = (
        Shift.objects.open_to_volunteers()
        .filter(opportunity=opportunity, start__gt=timezone.now())
        .with_staffing()
        .order_by("start")[:10]
    )
    return render(
        request,
        "volunteers/opportunity_detail.html",
        {"opportunity": opportunity, "form": form, "shifts": upcoming},
    )


@require_GET
def interest_sent(request: HttpRequest, slug: str) -> HttpResponse:
    opportunity = get_object_or_404(Opportunity.objects.published(), slug=slug)
    return render(request, "volunteers/interest_sent.html", {"opportunity": opportunity})


@require_http_methods(["GET", "POST"])
def offer(request: HttpRequest, token: str) -> HttpResponse:
    """A freed place offered from the waiting list: confirm by link before the deadline."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("shift__opportunity", "profile"), token=token
    )
    if request.method == "POST":
        try:
            shifts.confirm_offer(token=token)
        except VolunteerError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you! The place is yours."))
        return redirect("volunteers:offer", token=token)
    return render(request, "volunteers/offer.html", {"assignment": assignment})


@require_http_methods(["GET", "POST"])
def stand_in(request: HttpRequest, token: str) -> HttpResponse:
    from house.volunteers.models import StandInOffer

    stand_in_offer = get_object_or_404(
        StandInOffer.objects.select_related("assignment__shift__opportunity", "candidate"),
        token=token,
    )
    if request.method == "POST":
        try:
            standins.accept_stand_in(token=token)
        except VolunteerError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Thank you for standing in! The shift is now yours."))
        return redirect("volunteers:stand_in", token=token)
    return render(request, "volunteers/stand_in.html", {"offer": stand_in_offer})


@require_GET
def verify(request: HttpRequest) -> HttpResponse:
    """Anyone holding a certificate can check its code here."""
    code = (request.GET.get("code") or "").strip().upper().replace(" ", "")[:12]
    certificate = Certificate.objects.filter(code=code).first() if code else None
    return render(
        request,
        "volunteers/verify.html",
        {"code": code, "certificate": certificate, "asked": bool(code)},
    )


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """A volunteer's shifts as a private calendar feed (secret token URL)."""
    profile = get_object_or_404(VolunteerProfile.objects.active(), feed_token=token)
    assignments = list(
        profile.assignments.filter(status=Assignment.Status.CONFIRMED)
        .filter(shift__end__gt=timezone.now() - dt.timedelta(days=90))
        .select_related("shift__opportunity", "profile")
    )
    entries = [ical.entry_for(a) for a in assignments]
    content = build_feed(entries, name=_("My volunteer shifts"))
    last = max((e.last_modified for e in entries), default=None)
    return conditional_feed_response(
        request, content, last_modified=last, filename="ehrenamt.ics", private=True
    )
