"""The organisers' area: their events, series, publishing, approving and cancelling."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import services
from events.activity import PROMOTED
from events.forms import CancelEventForm, EventForm, ProgrammeItemForm, SeriesForm
from events.models import Event, Registration
from events.views.common import _event, _managed_event
from house.models import ActivityLog
from tenants.models import Organisation

if TYPE_CHECKING:
    from django.http import HttpRequest


@login_required
@require_GET
def manage_list(request: HttpRequest) -> HttpResponse:
    """The events the user runs, with registrations at a glance; reviews for management.

    Someone without an organisation sees how to get one instead of a 403: the
    dashboard links here for everybody.
    """
    if not request.user.has_perm("events.use_programme"):
        return render(request, "events/event_manage_list.html", {"no_organisation": True})
    events = (
        Event.objects.managed_by(request.user)
        .select_related("organisation", "room")
        .filter(end__gte=timezone.now() - dt.timedelta(days=60))
        .order_by("start", "pk")
    )
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    review = []
    if request.user.has_perm("events.review_event"):
        review = list(
            Event.objects.filter(publication=Event.Publication.IN_REVIEW).select_related(
                "organisation"
            )
        )
    return render(
        request,
        "events/event_manage_list.html",
        {"page": page, "review": review},
    )


def _event_form_kwargs(request: HttpRequest) -> dict[str, Any]:
    house_allowed = request.user.has_perm("events.publish_house_event")
    # The front desk publishes for every organisation, members for their own.
    organisations = (
        Organisation.objects.all()
        if house_allowed
        else Organisation.objects.of_member(request.user)
    )
    return {"organisations": organisations.order_by("name"), "house_allowed": house_allowed}


def _save_form_event(request: HttpRequest, form: EventForm) -> tuple[Event | None, list[Any]]:
    """The saved event, or ``None`` and the free alternatives to a taken room."""
    event = form.save(commit=False)
    try:
        services.save_event(
            actor=request.user,  # type: ignore[arg-type]
            event=event,
            target_groups=form.cleaned_data["target_groups"],
            languages=form.cleaned_data["languages"],
        )
    except services.EventError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None, exc.alternatives
    return event, []


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("events.use_programme"):
        raise PermissionDenied
    form = EventForm(request.POST or None, request.FILES or None, **_event_form_kwargs(request))
    alternatives: list[Any] = []
    if request.method == "POST" and form.is_valid():
        event, alternatives = _save_form_event(request, form)
        if event is not None:
            messages.success(request, _("The event is saved as a draft. Publish it when ready."))
            return redirect("events:manage_event", slug=event.slug)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": None, "alternatives": alternatives},
    )


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("events.use_programme"):
        raise PermissionDenied
    form = SeriesForm(request.POST or None, request.FILES or None, **_event_form_kwargs(request))
    alternatives: list[Any] = []
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        try:
            series = services.create_series(
                actor=request.user,  # type: ignore[arg-type]
                template=template,
                rrule=form.rrule(),
                exceptions=form.cleaned_data["exceptions"],
                target_groups=form.cleaned_data["target_groups"],
                languages=form.cleaned_data["languages"],
            )
        except services.EventError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            alternatives = exc.alternatives
        else:
            messages.success(
                request,
                _("The series has %(n)s dates, saved as drafts.") % {"n": series.events.count()},
            )
            return redirect("events:manage_list")
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": None, "series": True, "alternatives": alternatives},
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = EventForm(
        request.POST or None, request.FILES or None, instance=event, **_event_form_kwargs(request)
    )
    alternatives: list[Any] = []
    if request.method == "POST" and form.is_valid():
        saved, alternatives = _save_form_event(request, form)
        if saved is not None:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage_event", slug=saved.slug)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "event": event, "alternatives": alternatives},
    )


@login_required
@require_GET
def manage_event(request: HttpRequest, slug: str) -> HttpResponse:
    """Registrations, waiting list and promotions of one event, with attendance ticks."""
    event = _managed_event(request, slug)
    if event.confirmation_required and services.expire_overdue_holds(event_id=event.pk):
        event.refresh_from_db(fields=["seats_taken"])
    registrations = list(
        event.registrations.select_related("registered_by").order_by("created_at", "pk")
    )
    return render(
        request,
        "events/event_manage.html",
        {
            "event": event,
            "confirmed": [r for r in registrations if r.status == Registration.Status.CONFIRMED],
            "pending": [r for r in registrations if r.status == Registration.Status.PENDING],
            "waiting": [r for r in registrations if r.status == Registration.Status.WAITING],
            "cancelled": [r for r in registrations if r.status == Registration.Status.CANCELLED],
            "promotions": list(ActivityLog.objects.for_object(event).of_type(PROMOTED)),
            "programme_form": ProgrammeItemForm(
                initial={"start": event.start, "end": event.start + dt.timedelta(hours=1)}
            ),
            "cancel_form": CancelEventForm(),
        },
    )


@login_required
@require_POST
def event_publish(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    services.publish_event(actor=request.user, event=event)  # type: ignore[arg-type]
    if event.publication == Event.Publication.IN_REVIEW:
        messages.info(request, _("The event waits for house management's review."))
    else:
        messages.success(request, _("The event is published."))
    return redirect("events:manage_event", slug=slug)


@login_required
@require_POST
def event_approve(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    if not request.user.has_perm("events.review_event"):
        raise PermissionDenied
    services.approve_event(actor=request.user, event=event)  # type: ignore[arg-type]
    messages.success(request, _("The event is published."))
    return redirect("events:manage_list")


@login_required
@require_POST
def event_cancel(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = CancelEventForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.cancel_event(actor=request.user, event=event, reason=reason)  # type: ignore[arg-type]
    messages.success(request, _("The event is cancelled; the registrants are informed."))
    return redirect("events:manage_event", slug=slug)


@login_required
@require_POST
def programme_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = ProgrammeItemForm(request.POST)
    if form.is_valid():
        try:
            services.add_programme_item(event=event, **form.cleaned_data)
        except services.EventError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The programme item is added."))
    else:
        messages.error(request, _("Please check the programme item: start, end and title."))
    return redirect("events:manage_event", slug=slug)
