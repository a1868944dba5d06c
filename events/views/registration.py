"""A visitor's registration: registering, and the personal link to confirm or cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import ical, services
from events.forms import RegistrationForm
from events.models import Registration
from events.views.common import REGISTRATIONS_PER_HOUR, _event
from house.abuse import limit_anonymous_posts
from house.ical import conditional_feed_response

if TYPE_CHECKING:
    from django.http import HttpRequest


@require_http_methods(["GET", "POST"])
@limit_anonymous_posts(group="events:register", rate=f"{REGISTRATIONS_PER_HOUR}/h")
def event_register(request: HttpRequest, slug: str) -> HttpResponse:
    """The registration form; a full event offers the waiting list with the same data."""
    event = _event(request, slug)
    if event.confirmation_required and request.method == "GET":
        services.expire_overdue_holds(event_id=event.pk)
    state = event.registration_state()
    offer_waiting_list = False
    form = RegistrationForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_spam:
        return redirect(event.get_absolute_url())  # bots learn nothing
    if request.method == "POST" and state == "open" and form.is_valid():
        data = form.cleaned_data
        try:
            registration = services.register_for_event(
                event=event,
                name=data["name"],
                email=data["email"],
                seats=data["seats"],
                consent=data["consent"],
                answers=form.answers(),
                join_waiting_list=request.POST.get("join_waiting_list") == "on",
                language=translation.get_language() or "de",
            )
        except services.EventFullError as exc:
            offer_waiting_list = True
            messages.warning(request, exc.message)
        except services.RegistrationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if registration.status == Registration.Status.WAITING:
                messages.success(
                    request,
                    _("You are on the waiting list. We have sent you an e-mail with your link."),
                )
            elif registration.status == Registration.Status.PENDING:
                messages.warning(
                    request,
                    _(
                        "Your places are held for you. Please confirm your registration with "
                        "the link in the e-mail we have just sent you."
                    ),
                )
            else:
                messages.success(
                    request,
                    _("You are registered. We have sent you a confirmation with your link."),
                )
            return redirect(registration.get_absolute_url())
    event.refresh_from_db(fields=["seats_taken"])
    return render(
        request,
        "events/registration_form.html",
        {
            "event": event,
            "form": form,
            "registration_state": state,
            "offer_waiting_list": offer_waiting_list or (event.is_full and state == "open"),
        },
    )


def _registration(token: str) -> Registration:
    if len(token) > 64:
        raise Http404
    return get_object_or_404(
        Registration.objects.select_related("event", "event__organisation", "event__room"),
        token=token,
        anonymised=False,
    )


@require_GET
def registration_detail(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant's own page behind the personal link: no account needed."""
    registration = _registration(token)
    if registration.event.confirmation_required and services.expire_overdue_holds(
        event_id=registration.event_id
    ):
        registration = _registration(token)  # its hold may just have been released
    position = None
    if registration.status == Registration.Status.WAITING:
        position = (
            registration.event.registrations.waiting()
            .filter(Q(created_at__lt=registration.created_at))
            .count()
            + 1
        )
    response = render(
        request,
        "events/registration_detail.html",
        {"registration": registration, "event": registration.event, "position": position},
    )
    # The token must not leak to other sites through links; same-origin keeps the Origin
    # header of the cancel form (with no-referrer it would be "null" and fail the CSRF check).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@require_POST
def registration_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The registrant confirms a registration that holds places (a button, never a GET:
    mail scanners open links, and only a person may confirm)."""
    registration = _registration(token)
    try:
        services.confirm_registration(registration=registration)
    except services.RegistrationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Thank you: your registration is confirmed."))
    return redirect(registration.get_absolute_url())


@require_POST
def registration_cancel(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    was_waiting = registration.status == Registration.Status.WAITING
    services.cancel_registration(registration=registration)
    if was_waiting:
        messages.success(request, _("You have left the waiting list."))
    else:
        messages.success(request, _("Your registration is cancelled. Thank you for telling us."))
    return redirect(registration.get_absolute_url())


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    return conditional_feed_response(
        request, ical.event_file(event), last_modified=event.updated_at, filename=f"{slug}.ics"
    )
