"""Public programme pages, registration by personal link, feeds and the organisers' area.

Thin: parse, authorise, call :mod:`events.services`, render or redirect.
Anonymous visitors get the expensive parts of the public pages from the cache
(rendered fragments keyed on the programme's version, which every change bumps);
messages and CSRF tokens are never inside a cached fragment.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import ical, reports, services
from events.activity import PROMOTED
from events.forms import (
    CancelEventForm,
    EmailParticipantsForm,
    EventFilterForm,
    EventForm,
    ProgrammeItemForm,
    RegistrationForm,
    ReportForm,
    SeriesForm,
)
from events.jsonld import event_json_ld
from events.models import Category, Event, Registration
from house.abuse import limit_anonymous_posts
from house.caching import cached
from house.context_processors import current_house
from house.ical import cached_feed_response, conditional_feed_response
from house.models import ActivityLog
from house.spreadsheet import csv_response
from tenants.models import Organisation, TargetGroup

if TYPE_CHECKING:
    from django.http import HttpRequest

PAGE_SIZE = 20
#: Registrations one address may send per hour (a family registers once; bots many times).
REGISTRATIONS_PER_HOUR = 10
FRAGMENT_SECONDS = 600


#: Listing pages kept per filter combination; later pages are rendered fresh.
PAGES_KEPT = 50


def _cached_fragment(
    request: HttpRequest, key: str | None, render_fragment: Any, *, depends_on: list[str]
) -> str:
    """Render a fragment, from the cache for anonymous visitors.

    ``key`` holds only validated values (``None``: not kept, e.g. a free-text search),
    so requests cannot fill the cache with entries of their own making.
    """
    if request.user.is_authenticated or key is None:
        return mark_safe(render_fragment())  # noqa: S308 - our own template output
    full_key = f"events:fragment:{translation.get_language()}:{key}"
    html = cached(
        full_key, lambda: str(render_fragment()), depends_on=depends_on, timeout=FRAGMENT_SECONDS
    )
    # Our own template output, rendered a moment ago or from the cache.
    return mark_safe(html)  # noqa: S308


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(Event.objects.visible_to(request.user).for_detail(), slug=slug)


def _managed_event(request: HttpRequest, slug: str) -> Event:
    event = _event(request, slug)
    if not request.user.has_perm("events.manage_event", event):
        raise PermissionDenied
    return event


# --- public pages ------------------------------------------------------------------


def _filtered(form: EventFilterForm) -> tuple[Any, bool]:
    """The published events the filters ask for, by start.

    Each filter on a many-to-many relation names one value, so no event appears twice
    and no ``DISTINCT`` is needed (which would compare every column, and count slowly).
    """
    events = Event.objects.published().for_listing()
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        filtered = any(data.values())
        if data["q"]:
            events = events.search(data["q"])
        if data["category"]:
            events = events.filter(category=data["category"])
        if data["target_group"]:
            events = events.filter(target_groups=data["target_group"])
        if data["organiser"]:
            events = events.filter(organisation=data["organiser"])
        if data["language"]:
            events = events.filter(languages=data["language"])
        if data["date_from"]:
            start = timezone.make_aware(dt.datetime.combine(data["date_from"], dt.time.min))
            events = events.filter(end__gte=max(start, timezone.now()))
        else:
            events = events.upcoming()
        if data["date_to"]:
            end = timezone.make_aware(dt.datetime.combine(data["date_to"], dt.time.max))
            events = events.filter(start__lte=end)
    else:
        events = events.upcoming()
    return events.order_by("start", "pk"), filtered


def _filter_query(form: EventFilterForm) -> str:
    """The filters as the visitor gave them, for the page links (nothing else of the URL)."""
    return urlencode(
        [(name, form.data[name]) for name in form.fields if form.data.get(name)], doseq=False
    )


def _listing_key(request: HttpRequest, form: EventFilterForm) -> str | None:
    """The cache key of a listing page: only for valid choice filters and a page number
    in range; searches and periods are rendered fresh."""
    page = request.GET.get("page", "1")
    if not page.isdigit() or not 1 <= int(page) <= PAGES_KEPT:
        return None
    if not form.is_bound:
        return f"list:page={int(page)}"
    if not form.is_valid():
        return None
    data = form.cleaned_data
    if data["q"] or data["date_from"] or data["date_to"]:
        return None
    terms = ("target_group", "organiser", "language")
    choices = [data["category"] or "", *(data[n].slug if data[n] else "" for n in terms)]
    return "list:" + ":".join(choices) + f":page={int(page)}"


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events, paged, with filters; the feeds to subscribe to."""
    form = EventFilterForm(request.GET or None)

    def fragment() -> str:
        events, filtered = _filtered(form)
        page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
        return render_to_string(
            "events/_event_list_results.html",
            {
                "page": page,
                "filtered": filtered,
                "query": _filter_query(form),
                "form": form,
                "categories": Category.choices,
                "target_groups": TargetGroup.objects.order_by("position"),
            },
        )

    return render(
        request,
        "events/event_list.html",
        {
            "results": _cached_fragment(
                request,
                _listing_key(request, form),
                fragment,
                depends_on=[services.LISTINGS_VERSION],
            ),
        },
    )


@require_GET
def event_calendar(request: HttpRequest) -> HttpResponse:
    """A month at a glance: ``?month=2026-11``."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    if not dt.date(2000, 1, 1) <= first <= dt.date(2100, 12, 1):
        raise Http404

    def fragment() -> str:
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
        start = timezone.make_aware(dt.datetime.combine(weeks[0][0], dt.time.min))
        end = timezone.make_aware(dt.datetime.combine(weeks[-1][-1], dt.time.max))
        by_day: dict[dt.date, list[Event]] = {}
        events = Event.objects.published().for_listing().filter(start__range=(start, end))
        for event in events.order_by("start"):
            by_day.setdefault(timezone.localtime(event.start).date(), []).append(event)
        return render_to_string(
            "events/_event_calendar_month.html",
            {
                "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
                "month": first,
                "today": today,
            },
        )

    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "events/event_calendar.html",
        {
            "month": first,
            "previous": previous,
            "following": following,
            "results": _cached_fragment(
                request,
                f"calendar:{first.isoformat()}",
                fragment,
                depends_on=[services.LISTINGS_VERSION],
            ),
        },
    )


def _detail_body(event: Event) -> str:
    return render_to_string(
        "events/_event_detail_body.html",
        {
            "event": event,
            "json_ld": event_json_ld(event, house=current_house()),
            "registration_state": event.registration_state(),
            "programme": list(event.programme.all()),
        },
    )


@require_GET
def event_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The event page. Anonymous visitors get it from one cache entry (no query when warm)."""
    if request.user.is_authenticated:
        event = _event(request, slug)
        context = {
            "event": event,
            "body": mark_safe(_detail_body(event)),  # noqa: S308 - our own template output
        }
        return render(request, "events/event_detail.html", context)

    def build() -> dict[str, Any]:
        # An unknown or unpublished event raises 404 here: nothing is kept for it.
        event = get_object_or_404(Event.objects.published().for_detail(), slug=slug)
        return {
            "event": {"title": event.title, "slug": event.slug, "is_published": True},
            "body": str(_detail_body(event)),
        }

    page = cached(
        f"events:page:{translation.get_language()}:{slug}",
        build,
        depends_on=[services.event_version(slug)],
        timeout=FRAGMENT_SECONDS,
    )
    return render(
        request,
        "events/event_detail.html",
        {"event": page["event"], "body": mark_safe(page["body"])},  # noqa: S308
    )


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


# --- calendar files ----------------------------------------------------------------


@require_GET
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(request, slug)
    return conditional_feed_response(
        request, ical.event_file(event), last_modified=event.updated_at, filename=f"{slug}.ics"
    )


#: The programme feeds show the last two weeks and the coming quarter: what a calendar
#: app needs to show what is on, small enough to render in one go (calendar apps keep
#: what they saw before). Per-category and per-target-group feeds have the same window.
FEED_PAST = dt.timedelta(days=14)
FEED_AHEAD = dt.timedelta(days=92)


def _feed(request: HttpRequest, events: Any, *, key: str, name: str, filename: str) -> HttpResponse:
    """A programme feed, kept until an event changes (registrations do not change it)."""

    def build() -> tuple[bytes, dt.datetime | None]:
        now = timezone.now()
        window = events.filter(end__gte=now - FEED_PAST, start__lte=now + FEED_AHEAD)
        rows = list(window.for_listing().prefetch_related("programme").order_by("start", "pk"))
        last = max((event.updated_at for event in rows), default=None)
        return ical.events_feed(rows, name=name), last

    return cached_feed_response(
        request,
        f"events:feed:{translation.get_language()}:{key}:{timezone.localdate().isoformat()}",
        build,
        depends_on=[services.FEEDS_VERSION],
        timeout=FRAGMENT_SECONDS,
        filename=filename,
    )


@require_GET
def feed_all(request: HttpRequest) -> HttpResponse:
    house = current_house()
    name = _("Programme – %(house)s") % {"house": house.name if house else "Hausportal"}
    return _feed(request, Event.objects.published(), key="all", name=name, filename="programm.ics")


@require_GET
def feed_category(request: HttpRequest, category: str) -> HttpResponse:
    if category not in Category.values:
        raise Http404
    label = Category(category).label
    return _feed(
        request,
        Event.objects.published().filter(category=category),
        key=f"category:{category}",
        name=str(label),
        filename=f"programm-{category}.ics",
    )


@require_GET
def feed_target_group(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(TargetGroup.objects.all(), slug=slug)
    return _feed(
        request,
        Event.objects.published().filter(target_groups=group),
        key=f"target-group:{group.slug}",
        name=_("Programme for %(group)s") % {"group": group.label},
        filename=f"programm-{group.slug}.ics",
    )


@require_GET
def feed_organiser(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    return _feed(
        request,
        Event.objects.published().filter(organisation=organisation),
        key=f"organiser:{organisation.slug}",
        name=organisation.name,
        filename=f"programm-{slug}.ics",
    )


# --- organisers' area --------------------------------------------------------------


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


def _save_form_event(request: HttpRequest, form: EventForm) -> Event | None:
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
        return None
    return event


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("events.use_programme"):
        raise PermissionDenied
    form = EventForm(request.POST or None, request.FILES or None, **_event_form_kwargs(request))
    if request.method == "POST" and form.is_valid():
        event = _save_form_event(request, form)
        if event is not None:
            messages.success(request, _("The event is saved as a draft. Publish it when ready."))
            return redirect("events:manage_event", slug=event.slug)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def series_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("events.use_programme"):
        raise PermissionDenied
    form = SeriesForm(request.POST or None, request.FILES or None, **_event_form_kwargs(request))
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
        else:
            messages.success(
                request,
                _("The series has %(n)s dates, saved as drafts.") % {"n": series.events.count()},
            )
            return redirect("events:manage_list")
    return render(request, "events/event_form.html", {"form": form, "event": None, "series": True})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    form = EventForm(
        request.POST or None, request.FILES or None, instance=event, **_event_form_kwargs(request)
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_form_event(request, form)
        if saved is not None:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage_event", slug=saved.slug)
    return render(request, "events/event_form.html", {"form": form, "event": event})


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


# --- reports -----------------------------------------------------------------------


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
