"""The organisers' view of registrations: attendance, lists, mail and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import reports, services
from events.forms import EmailParticipantsForm, RegistrationForm, ReportForm
from events.models import Registration
from events.views.common import _managed_event
from house.spreadsheet import csv_response

if TYPE_CHECKING:
    from django.http import HttpRequest


def _managed_registration(request: HttpRequest, slug: str, pk: int) -> Registration:
    event = _managed_event(request, slug)
    registration = get_object_or_404(event.registrations, pk=pk)
    registration.event = event
    return registration


@login_required
@require_POST
def registration_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    registration = _managed_registration(request, slug, pk)
    services.set_attendance(registration=registration, attended=request.POST.get("attended") == "1")
    target = "events:checkin" if request.POST.get("next") == "checkin" else "events:manage_event"
    return redirect(target, slug=slug)


@login_required
@require_POST
def registration_cancel_by_organiser(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    registration = _managed_registration(request, slug, pk)
    services.cancel_registration(registration=registration, actor=request.user)  # type: ignore[arg-type]
    messages.success(
        request, _("The registration of %(name)s is cancelled.") % {"name": registration.name}
    )
    return redirect("events:manage_event", slug=slug)


@login_required
@require_GET
def registrations_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    questions = event.question_list()
    header = [
        _("Name"),
        _("E-mail address"),
        _("Places"),
        _("Status"),
        _("Registered"),
        _("Registered by staff"),
        _("Attended"),
        *questions,
    ]
    rows = [
        [
            registration.name,
            registration.email,
            registration.seats,
            registration.get_status_display(),
            timezone.localtime(registration.created_at).strftime("%d.%m.%Y %H:%M"),
            _("yes") if registration.assisted else _("no"),
            _("yes") if registration.attended else _("no"),
            *[registration.answers.get(q, "") for q in questions],
        ]
        for registration in event.registrations.order_by("status", "created_at", "pk")
    ]
    return csv_response(f"anmeldungen-{slug}.csv", [header, *rows])


@login_required
@require_GET
def checkin_list(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    registrations = event.registrations.confirmed().order_by("name", "pk")
    return render(
        request,
        "events/registration_checkin.html",
        {"event": event, "registrations": registrations},
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_participants(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = EmailParticipantsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.email_participants(
            actor=request.user,  # type: ignore[arg-type]
            event=event,
            subject=form.cleaned_data["subject"],
            message=form.cleaned_data["message"],
            include_waiting=form.cleaned_data["include_waiting"],
        )
        messages.success(request, _("%(n)s e-mails are on their way.") % {"n": count})
        return redirect("events:manage_event", slug=slug)
    return render(request, "events/event_email.html", {"event": event, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def assisted_registration(request: HttpRequest, slug: str) -> HttpResponse:
    """Staff or the organiser register someone who calls or comes to the desk."""
    event = _managed_event(request, slug)
    form = RegistrationForm(request.POST or None, event=event, assisted=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register_for_event(
                event=event,
                name=data["name"],
                email=data["email"],
                seats=data["seats"],
                consent=False,
                answers=form.answers(),
                join_waiting_list=data["join_waiting_list"],
                assisted_by=request.user,  # type: ignore[arg-type]
            )
        except services.RegistrationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request,
                _("%(name)s is registered (%(status)s).")
                % {"name": registration.name, "status": registration.get_status_display()},
            )
            return redirect("events:manage_event", slug=slug)
    return render(request, "events/registration_assisted.html", {"event": event, "form": form})


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    """Events and participants per month by category and target group, for the funders."""
    if not request.user.has_perm("events.view_report"):
        raise PermissionDenied
    form = ReportForm(request.GET or None, initial={"year": timezone.localdate().year})
    year = form.cleaned_data["year"] if form.is_valid() else timezone.localdate().year
    data = reports.monthly_figures(year=year)
    if request.GET.get("format") == "csv":
        return csv_response(f"programm-{year}.csv", reports.csv_rows(data))
    return render(
        request,
        "events/report.html",
        {
            "form": form,
            "year": year,
            "data": data,
            "csv_url": reverse("events:report") + f"?year={year}&format=csv",
        },
    )
