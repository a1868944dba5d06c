"""The volunteer's own pages: registration, profile and consent, shifts, hours, certificates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.ical import webcal_url
from house.models import User
from house.volunteers.certificates import certificate_pdf
from house.volunteers.forms import CertificateForm, HoursForm, ProfileForm, RegisterForm
from house.volunteers.models import Assignment, Certificate, Shift, VolunteerProfile
from house.volunteers.models.people import ConsentPurpose
from house.volunteers.services import VolunteerError, hours, people, shifts, standins

if TYPE_CHECKING:
    from collections.abc import Callable


def _own_profile(request: HttpRequest) -> VolunteerProfile | None:
    return VolunteerProfile.objects.filter(user=cast(User, request.user), is_active=True).first()


def volunteer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Signed in and registered as a volunteer; others are sent to the registration."""

    @login_required
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        profile = _own_profile(request)
        if profile is None:
            return redirect("volunteers:register")
        request.volunteer = profile  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if _own_profile(request) is not None:
        return redirect("volunteers:profile")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.register_volunteer(
                user=cast(User, request.user), details=form.details(), consents=form.consents()
            )
        except VolunteerError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Welcome! You are now registered as a volunteer."))
            return redirect("volunteers:shifts")
    return render(request, "volunteers/profile_register.html", {"form": form})


@volunteer_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer  # type: ignore[attr-defined]
    form = ProfileForm(request.POST or None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        people.update_profile(
            profile=volunteer, actor=cast(User, request.user), details=form.details()
        )
        messages.success(request, _("Your profile has been saved."))
        return redirect("volunteers:profile")
    return render(
        request,
        "volunteers/profile_edit.html",
        {
            "form": form,
            "volunteer": volunteer,
            "consents": volunteer.consents.all(),
            "qualifications": volunteer.qualifications.select_related("kind"),
            "feed_url": webcal_url(
                request.build_absolute_uri(
                    reverse("volunteers:feed", kwargs={"token": volunteer.feed_token})
                )
            ),
            "purposes": ConsentPurpose,
        },
    )


@volunteer_required
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer  # type: ignore[attr-defined]
    purpose = request.POST.get("purpose", "")
    if purpose not in ConsentPurpose.values:
        messages.error(request, _("Unknown purpose."))
        return redirect("volunteers:profile")
    if request.POST.get("action") == "withdraw":
        people.withdraw_consent(profile=volunteer, purpose=purpose, actor=cast(User, request.user))
        if purpose == ConsentPurpose.REGISTRY:
            messages.success(
                request,
                _("You are no longer registered as a volunteer. Your future shifts were given up."),
            )
            return redirect("house:dashboard")
        messages.success(request, _("Your consent has been withdrawn."))
    else:
        people.give_consent(profile=volunteer, purpose=purpose, actor=cast(User, request.user))
        messages.success(request, _("Your consent has been recorded."))
    return redirect("volunteers:profile")


@volunteer_required
@require_GET
def shift_list(request: HttpRequest) -> HttpResponse:
    """Upcoming shifts with free places, by day."""
    upcoming = (
        Shift.objects.visible_to(cast(User, request.user))
        .upcoming()
        .filter(start__lt=timezone.now() + dt.timedelta(days=42))
        .with_staffing()
        .order_by("start")
    )
    mine = set(
        request.volunteer.assignments.filter(  # type: ignore[attr-defined]
            status__in=Assignment.ACTIVE
        ).values_list("shift_id", flat=True)
    )
    return render(request, "volunteers/shift_list.html", {"shifts": upcoming, "mine": mine})


@volunteer_required
@require_http_methods(["GET", "POST"])
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    shift = get_object_or_404(
        Shift.objects.visible_to(cast(User, request.user))
        .with_staffing()
        .prefetch_related("required_qualifications"),
        pk=pk,
    )
    volunteer = request.volunteer  # type: ignore[attr-defined]
    if request.method == "POST":
        try:
            assignment = shifts.sign_up(
                shift=shift, profile=volunteer, actor=cast(User, request.user)
            )
        except VolunteerError as exc:
            messages.error(request, exc.message)
            return redirect("volunteers:shift", pk=shift.pk)
        if assignment.status == Assignment.Status.CONFIRMED:
            messages.success(request, _("You are signed up. An invitation is on its way."))
        else:
            messages.info(
                request, _("The shift is full. You are on the waiting list and hear from us.")
            )
        return redirect("volunteers:my_shifts")
    holders = shift.assignments.holding().select_related("profile").order_by("created_at")
    own = shift.assignments.filter(profile=volunteer, status__in=Assignment.ACTIVE).first()
    return render(
        request,
        "volunteers/shift_detail.html",
        {"shift": shift, "holders": holders, "own": own},
    )


@volunteer_required
@require_GET
def my_shifts(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer  # type: ignore[attr-defined]
    assignments = (
        volunteer.assignments.filter(status__in=Assignment.ACTIVE, shift__end__gt=timezone.now())
        .select_related("shift__opportunity")
        .order_by("shift__start")
    )
    past = (
        volunteer.assignments.filter(
            status=Assignment.Status.CONFIRMED, shift__end__lte=timezone.now()
        )
        .select_related("shift")
        .order_by("-shift__start")[:10]
    )
    feed_url = webcal_url(
        request.build_absolute_uri(
            reverse("volunteers:feed", kwargs={"token": volunteer.feed_token})
        )
    )
    return render(
        request,
        "volunteers/assignment_list.html",
        {"assignments": assignments, "past": past, "feed_url": feed_url},
    )


def _own_assignment(request: HttpRequest, pk: int) -> Assignment:
    assignment = get_object_or_404(
        Assignment.objects.visible_to(cast(User, request.user)).select_related("shift", "profile"),
        pk=pk,
    )
    if not request.user.has_perm("volunteers.change_assignment", assignment):
        raise PermissionDenied
    return assignment


@volunteer_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    try:
        shifts.cancel_assignment(assignment=assignment, actor=cast(User, request.user))
    except VolunteerError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("You are no longer on this shift."))
    return redirect("volunteers:my_shifts")


@volunteer_required
@require_POST
def cannot_come(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = _own_assignment(request, pk)
    try:
        offers = standins.request_stand_in(assignment=assignment, actor=cast(User, request.user))
    except VolunteerError as exc:
        messages.error(request, exc.message)
    else:
        if offers:
            messages.success(
                request,
                _(
                    "We have asked %(count)s people to stand in. Until one of them accepts, "
                    "the place stays yours."
                )
                % {"count": len(offers)},
            )
        else:
            messages.warning(
                request,
                _(
                    "Nobody suitable is free right now; the coordination has been told. "
                    "Until someone takes over, the place stays yours."
                ),
            )
    return redirect("volunteers:my_shifts")


@volunteer_required
@require_http_methods(["GET", "POST"])
def hours_view(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer  # type: ignore[attr-defined]
    form = HoursForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            hours.record_manual_hours(
                profile=volunteer,
                day=form.cleaned_data["day"],
                minutes=form.minutes(),
                description=form.cleaned_data["description"],
                actor=cast(User, request.user),
            )
        except VolunteerError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Thank you. The coordination will confirm the hours."))
            return redirect("volunteers:hours")
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    return render(
        request,
        "volunteers/hours.html",
        {
            "form": form,
            "certificate_form": CertificateForm(),
            "entries": volunteer.hours.all()[:50],
            "months": hours.months_summary(profile=volunteer),
            "year_minutes": hours.total_minutes(profile=volunteer, start=year_start, end=today),
            "tenure": hours.compute_tenure(profile=volunteer, on=today),
            "cards": hours.volunteer_card_precheck(profile=volunteer, on=today),
            "allowance": hours.allowance_status(profile=volunteer, year=today.year),
            "certificates": volunteer.certificates.all(),
        },
    )


@volunteer_required
@require_POST
def issue_certificate(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer  # type: ignore[attr-defined]
    form = CertificateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter a valid period."))
        return redirect("volunteers:hours")
    try:
        certificate = hours.issue_certificate(
            profile=volunteer,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            actor=cast(User, request.user),
        )
    except VolunteerError as exc:
        messages.error(request, exc.message)
        return redirect("volunteers:hours")
    return redirect("volunteers:certificate", code=certificate.code)


@login_required
@require_GET
def certificate(request: HttpRequest, code: str) -> HttpResponse:
    certificate = Certificate.objects.filter(code=code).select_related("profile").first()
    if certificate is None or not request.user.has_perm(
        "volunteers.view_volunteerprofile", certificate.profile
    ):
        raise Http404
    verify_url = (
        request.build_absolute_uri(reverse("volunteers:verify")) + f"?code={certificate.code}"
    )
    response = HttpResponse(
        certificate_pdf(certificate, verify_url=verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="ehrenamtsnachweis-{certificate.code}.pdf"'
    return response
