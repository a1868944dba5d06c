"""Volunteers with their notes, qualifications, hours and allowances; registering on someone's
behalf; interests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.models import User
from house.volunteers.forms import (
    AllowanceForm,
    ConductCertificateForm,
    NotesForm,
    OnBehalfForm,
    QualificationForm,
)
from house.volunteers.models import (
    Assignment,
    HoursEntry,
    Interest,
    QualificationType,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError, hours, people, qualifications
from house.volunteers.services.hours import AllowanceOverLimitError

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.forms import Form

from .access import coordinator_required


@coordinator_required
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    query = (request.GET.get("q") or "").strip()[:100]
    profiles = (
        VolunteerProfile.objects.visible_to(cast(User, request.user))
        .active()
        .annotate(
            upcoming=Count(
                "assignments",
                filter=Q(
                    assignments__status=Assignment.Status.CONFIRMED,
                    assignments__shift__start__gt=timezone.now(),
                ),
            )
        )
        .order_by("name")
    )
    if query:
        profiles = profiles.filter(Q(name__icontains=query) | Q(skills__icontains=query))
    return render(
        request, "volunteers/coordination_volunteers.html", {"profiles": profiles, "q": query}
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def register_on_behalf(request: HttpRequest) -> HttpResponse:
    form = OnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = people.register_on_behalf(
                actor=cast(User, request.user),
                name=form.cleaned_data["name"],
                phone=form.cleaned_data["phone"],
                email=form.cleaned_data["email"],
                details=form.details(),
                consents=form.consents(),
            )
        except VolunteerError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": profile.name})
            return redirect("volunteers:coordination_volunteer", pk=profile.pk)
    return render(request, "volunteers/coordination_register.html", {"form": form})


@coordinator_required
@require_http_methods(["GET", "POST"])
def volunteer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    profile = get_object_or_404(
        VolunteerProfile.objects.visible_to(cast(User, request.user)).select_related("user"), pk=pk
    )
    notes_form = NotesForm(request.POST or None, initial={"notes": profile.coordinator_notes})
    if request.method == "POST" and notes_form.is_valid():
        people.set_coordinator_notes(
            profile=profile, actor=cast(User, request.user), notes=notes_form.cleaned_data["notes"]
        )
        messages.success(request, _("Notes saved."))
        return redirect("volunteers:coordination_volunteer", pk=profile.pk)
    today = timezone.localdate()
    return render(
        request,
        "volunteers/coordination_volunteer.html",
        {
            "profile": profile,
            "notes_form": notes_form,
            "qualification_form": QualificationForm(),
            "conduct_form": ConductCertificateForm(),
            "allowance_form": AllowanceForm(initial={"paid_on": today}),
            "conduct_kinds": QualificationType.objects.filter(
                kind=QualificationType.Kind.CONDUCT_CERTIFICATE
            ),
            "qualifications": profile.qualifications.select_related("kind", "inspected_by"),
            "consents": profile.consents.all(),
            "upcoming": profile.assignments.filter(
                status__in=Assignment.ACTIVE, shift__start__gt=timezone.now()
            ).select_related("shift"),
            "pending": profile.hours.filter(approved_at__isnull=True),
            "tenure": hours.compute_tenure(profile=profile, on=today),
            "allowance": hours.allowance_status(profile=profile, year=today.year),
            "year_minutes": hours.total_minutes(
                profile=profile, start=today.replace(month=1, day=1), end=today
            ),
        },
    )


def _profile(request: HttpRequest, pk: int) -> VolunteerProfile:
    return get_object_or_404(VolunteerProfile.objects.visible_to(cast(User, request.user)), pk=pk)


def _record_for_volunteer(
    request: HttpRequest,
    pk: int,
    *,
    form: Form,
    invalid: str,
    record: Callable[[VolunteerProfile, dict[str, Any]], object],
    done: str,
    ready: bool = True,
) -> HttpResponse:
    """Something the coordination records on a volunteer's page: checked by ``form``
    (and ``ready``), written by the service in ``record``, said in a message, back to
    the page."""
    profile = _profile(request, pk)
    if not (form.is_valid() and ready):
        messages.error(request, invalid)
    else:
        try:
            record(profile, form.cleaned_data)
        except AllowanceOverLimitError as exc:
            messages.warning(request, exc.message)
        except VolunteerError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    return redirect("volunteers:coordination_volunteer", pk=profile.pk)


@coordinator_required
@require_POST
def add_qualification(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    return _record_for_volunteer(
        request,
        pk,
        form=QualificationForm(request.POST),
        invalid=_("Please check the qualification's dates."),
        record=lambda profile, data: qualifications.record_qualification(
            profile=profile,
            kind=data["kind"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            actor=actor,
        ),
        done=_("Qualification recorded."),
    )


@coordinator_required
@require_POST
def add_conduct_certificate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    kind = QualificationType.objects.filter(kind=QualificationType.Kind.CONDUCT_CERTIFICATE).first()
    return _record_for_volunteer(
        request,
        pk,
        form=ConductCertificateForm(request.POST),
        ready=kind is not None,
        invalid=_("Please enter the issue date and confirm that you saw the original."),
        record=lambda profile, data: qualifications.record_conduct_certificate(
            profile=profile,
            kind=cast(QualificationType, kind),
            issued_on=data["issued_on"],
            has_relevant_entry=data["has_relevant_entry"],
            inspected_by=actor,
        ),
        done=_("Inspection of the certificate of conduct recorded."),
    )


@coordinator_required
@require_POST
def approve_hours(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(HoursEntry.objects.visible_to(cast(User, request.user)), pk=pk)
    hours.approve_hours(entry=entry, actor=cast(User, request.user))
    messages.success(request, _("Hours approved."))
    return redirect("volunteers:coordination_volunteer", pk=entry.profile_id)


@coordinator_required
@require_POST
def add_allowance(request: HttpRequest, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    return _record_for_volunteer(
        request,
        pk,
        form=AllowanceForm(request.POST),
        invalid=_("Please enter a date and an amount above zero."),
        record=lambda profile, data: hours.record_allowance(
            profile=profile,
            paid_on=data["paid_on"],
            amount=data["amount"],
            note=data["note"],
            actor=actor,
            accept_over_limit=data["accept_over_limit"],
        ),
        done=_("Allowance recorded."),
    )


@coordinator_required
@require_GET
def interests(request: HttpRequest) -> HttpResponse:
    items = Interest.objects.select_related("opportunity").order_by("-created_at")[:100]
    return render(request, "volunteers/coordination_interests.html", {"interests": items})
