"""Public directory pages and the organisations' own area. Thin: parse, authorise, call services."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.abuse import limit_anonymous_posts
from house.models import ActivityLog, ClosureDay, User
from tenants import services
from tenants.directory_json import directory_document
from tenants.forms import (
    ConsultationHoursForm,
    ContactForm,
    DirectoryFilterForm,
    InvitationForm,
    MembershipRoleForm,
    OrganisationProfileForm,
    OutdatedReportForm,
    ServiceForm,
)
from tenants.models import (
    LOOKAHEAD_DAYS,
    ConsultationHours,
    Contact,
    Invitation,
    Membership,
    Organisation,
    Service,
)

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

#: Reports of outdated information one visitor (IP address) may send per hour.
REPORTS_PER_HOUR = 5


def _me(request: HttpRequest) -> User:
    """The signed-in user (the views using it are behind ``login_required``)."""
    return cast(User, request.user)


# --- lookups: not visible → 404, visible but not allowed → 403 ---------------------


def _organisation(request: HttpRequest, slug: str) -> Organisation:
    return get_object_or_404(Organisation.objects.visible_to(request.user), slug=slug)


def _member_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = _organisation(request, slug)
    if not request.user.has_perm("tenants.enter_organisation", organisation):
        raise PermissionDenied
    return organisation


def _admin_organisation(request: HttpRequest, slug: str) -> Organisation:
    organisation = _organisation(request, slug)
    if not request.user.has_perm("tenants.change_organisation", organisation):
        raise PermissionDenied
    return organisation


def _service(request: HttpRequest, slug: str, service_slug: str) -> Service:
    return get_object_or_404(
        Service.objects.visible_to(request.user).select_related("organisation"),
        organisation__slug=slug,
        slug=service_slug,
    )


def _closure_days(today: dt.date) -> set[dt.date]:
    """The house's closure days in the window the next consultation hours are looked for in."""
    return set(
        ClosureDay.objects.between(today, today + dt.timedelta(days=LOOKAHEAD_DAYS)).values_list(
            "date", flat=True
        )
    )


# --- public pages ------------------------------------------------------------------


#: Services per page of the directory.
DIRECTORY_PAGE_SIZE = 20


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The Wegweiser: search by need, filter by target group, topic, language, open now."""
    form = DirectoryFilterForm(request.GET or None)
    found = Service.objects.public().for_listing().order_by("name")
    now = timezone.now()
    today = timezone.localdate(now)
    closed = _closure_days(today)
    filtered = False
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            found = found.search(data["q"])
        for name in ("target_group", "topic", "language"):
            if data[name] is not None:
                found = found.filter(**{f"{name}s": data[name]})
        if data["open_now"]:
            # Nothing is open while the house is closed (public holiday, maintenance).
            found = found.none() if today in closed else found.open_at(now)
        filtered = any(data.values())
    # Each filter names one value and the search reads the service's own column, so no
    # service appears twice: no DISTINCT, and a cheap count. A page at a time: the
    # house and its network list hundreds of services.
    page = Paginator(found, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    for service in page.object_list:
        service.next_hours = service.next_opening(now, closed)
    query = urlencode([(name, form.data[name]) for name in form.fields if form.data.get(name)])
    return render(
        request,
        "tenants/directory.html",
        {"form": form, "page": page, "query": query, "filtered": filtered},
    )


@require_GET
def directory_json(request: HttpRequest) -> JsonResponse:
    """Open data: the public directory shaped after HSDS 3.0 (see docs/directory-json.md)."""
    with translation.override("de"):  # open data speaks the house's language, whatever the UI
        document = directory_document(base_url=request.build_absolute_uri("/").rstrip("/"))
    response = JsonResponse(
        document,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def service_detail(request: HttpRequest, slug: str, service_slug: str) -> HttpResponse:
    service = _service(request, slug, service_slug)
    service = Service.objects.for_listing().prefetch_related("topics").get(pk=service.pk)
    return render(
        request,
        "tenants/service_detail.html",
        {
            "service": service,
            "organisation": service.organisation,
            "next_hours": service.next_opening(closed=_closure_days(timezone.localdate())),
        },
    )


@require_http_methods(["GET", "POST"])
@limit_anonymous_posts(group="tenants:report", rate=f"{REPORTS_PER_HOUR}/h")
def service_report(request: HttpRequest, slug: str, service_slug: str) -> HttpResponse:
    """Public "report outdated information" form; honeypot and a per-address rate limit."""
    service = _service(request, slug, service_slug)
    form = OutdatedReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            logger.info("Honeypot caught a report on service %s", service.pk)
        else:
            services.report_outdated(
                service=service,
                message=form.cleaned_data["message"],
                email=form.cleaned_data["email"],
            )
        messages.success(request, _("Thank you! The organisation and the house have been told."))
        return redirect(service.get_absolute_url())
    return render(request, "tenants/service_report.html", {"service": service, "form": form})


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(request, slug)
    member = request.user.has_perm("tenants.enter_organisation", organisation)
    service_qs = organisation.services.prefetch_related("schedules").order_by("name")
    if not member:
        service_qs = service_qs.exclude(status=Service.Status.ENDED)
    contacts = organisation.contacts.all() if member else organisation.contacts.public()
    return render(
        request,
        "tenants/organisation_detail.html",
        {
            "organisation": organisation,
            "services": list(service_qs),
            "office_hours": list(organisation.schedules.filter(service__isnull=True)),
            "contacts": list(contacts),
            "languages": list(organisation.languages.all()),
        },
    )


@require_GET
def house_tenants(request: HttpRequest) -> HttpResponse:
    """ "Our house": the tenants currently in the house, floor by floor."""
    tenants = list(
        Organisation.objects.public().in_house_now().order_by("office_floor", "office_room", "name")
    )
    floors: dict[int | None, list[Organisation]] = {}
    for organisation in tenants:
        floors.setdefault(organisation.office_floor, []).append(organisation)
    return render(request, "tenants/house_tenants.html", {"floors": list(floors.items())})


# --- the organisations' own area ----------------------------------------------------


@login_required
@require_GET
def my_organisations(request: HttpRequest) -> HttpResponse:
    from allauth.account.models import EmailAddress

    memberships = list(
        Membership.objects.filter(user=_me(request))
        .select_related("organisation")
        .order_by("organisation__name")
    )
    emails = list(
        EmailAddress.objects.filter(user=_me(request), verified=True).values_list(
            "email", flat=True
        )
    )
    invitations = list(Invitation.objects.open().for_emails(emails).select_related("organisation"))
    return render(
        request,
        "tenants/organisation_list_mine.html",
        {"memberships": memberships, "invitations": invitations},
    )


@login_required
@require_GET
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's own overview: services, hours, contacts; members see, admins change."""
    organisation = _member_organisation(request, slug)
    return render(
        request,
        "tenants/organisation_manage.html",
        {
            "organisation": organisation,
            "services": list(organisation.services.order_by("name")),
            "hours": list(organisation.schedules.select_related("service")),
            "contacts": list(organisation.contacts.all()),
            "nonprofit_valid": organisation.has_valid_nonprofit_proof(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _admin_organisation(request, slug)
    form = OrganisationProfileForm(
        request.POST or None, request.FILES or None, instance=organisation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organisation(
                organisation=organisation,
                actor=_me(request),
                fields=form.service_fields(),
                languages=form.cleaned_data["languages"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The profile has been saved."))
            return redirect("tenants:manage", slug=organisation.slug)
    return render(
        request, "tenants/organisation_form.html", {"organisation": organisation, "form": form}
    )


#: Entries an organisation keeps in lists: URL kind → model, form, and the titles.
ENTRY_KINDS: dict[str, dict[str, Any]] = {
    "contacts": {"model": Contact, "form": ContactForm},
    "hours": {"model": ConsultationHours, "form": ConsultationHoursForm},
    "services": {"model": Service, "form": ServiceForm},
}


def _entry_form(kind: str, organisation: Organisation, *args: Any, **kwargs: Any) -> Any:
    form_class = ENTRY_KINDS[kind]["form"]
    if form_class is ConsultationHoursForm:
        kwargs["organisation"] = organisation
    return form_class(*args, **kwargs)


def _save_entry(kind: str, organisation: Organisation, actor: Any, entry: Any, form: Any) -> Any:
    if kind == "contacts":
        return services.save_contact(
            organisation=organisation, actor=actor, contact=entry, fields=form.service_fields()
        )
    if kind == "hours":
        return services.save_consultation_hours(
            organisation=organisation, actor=actor, hours=entry, fields=form.service_fields()
        )
    return services.save_service(
        organisation=organisation,
        actor=actor,
        service=entry,
        fields=form.service_fields(),
        target_groups=form.cleaned_data["target_groups"],
        topics=form.cleaned_data["topics"],
        languages=form.cleaned_data["languages"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, slug: str, kind: str, pk: int | None = None) -> HttpResponse:
    """Add or change a contact, consultation hours or a service of one's organisation."""
    if kind not in ENTRY_KINDS:
        raise Http404
    organisation = _admin_organisation(request, slug)
    model = ENTRY_KINDS[kind]["model"]
    entry = None if pk is None else get_object_or_404(model, pk=pk, organisation=organisation)
    form = _entry_form(kind, organisation, request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        try:
            _save_entry(kind, organisation, _me(request), entry, form)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("tenants:manage", slug=organisation.slug)
    return render(
        request,
        "tenants/entry_form.html",
        {
            "organisation": organisation,
            "form": form,
            "entry": entry,
            "kind": kind,
            "model_name": model._meta.verbose_name,
        },
    )


@login_required
@require_POST
def entry_delete(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    if kind not in ENTRY_KINDS:
        raise Http404
    organisation = _admin_organisation(request, slug)
    entry = get_object_or_404(ENTRY_KINDS[kind]["model"], pk=pk, organisation=organisation)
    services.delete_entry(organisation=organisation, actor=_me(request), obj=entry)
    messages.success(request, _("Deleted."))
    return redirect("tenants:manage", slug=organisation.slug)


@login_required
@require_POST
def service_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The admin confirms that a directory entry is still correct."""
    organisation = _admin_organisation(request, slug)
    service = get_object_or_404(Service, pk=pk, organisation=organisation)
    services.confirm_service(service=service, actor=_me(request))
    messages.success(request, _("Thank you for confirming “%(name)s”.") % {"name": service.name})
    return redirect("tenants:manage", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, slug: str) -> HttpResponse:
    """Members and open invitations; admins invite colleagues here."""
    organisation = _member_organisation(request, slug)
    is_admin = request.user.has_perm("tenants.change_organisation", organisation)
    form = InvitationForm(request.POST or None)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.invite_member(
                    organisation=organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    invited_by=_me(request),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The invitation to %(email)s is on its way.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect("tenants:members", slug=organisation.slug)
    memberships = list(organisation.memberships.select_related("user").order_by("user__name"))
    invitations = list(organisation.invitations.open()) if is_admin else []
    return render(
        request,
        "tenants/membership_list.html",
        {
            "organisation": organisation,
            "memberships": memberships,
            "invitations": invitations,
            "form": form,
            "roles": Membership.Role.choices,
        },
    )


def _membership(request: HttpRequest, slug: str, pk: int) -> Membership:
    organisation = _admin_organisation(request, slug)
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation"),
        pk=pk,
        organisation=organisation,
    )


@login_required
@require_POST
def member_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a role."))
    else:
        try:
            services.change_member_role(
                membership=membership, role=form.cleaned_data["role"], actor=_me(request)
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The role has been changed."))
    return redirect("tenants:members", slug=slug)


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = _membership(request, slug, pk)
    try:
        services.remove_member(membership=membership, actor=_me(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("tenants:members", slug=slug)
    messages.success(
        request, _("%(name)s has been removed.") % {"name": membership.user.get_full_name()}
    )
    if membership.user_id == request.user.pk and not request.user.has_perm(
        "tenants.enter_organisation", membership.organisation
    ):
        return redirect("tenants:my_organisations")
    return redirect("tenants:members", slug=slug)


@login_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organisation = _admin_organisation(request, slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.revoke_invitation(invitation=invitation, actor=_me(request))
    messages.success(request, _("The invitation has been withdrawn."))
    return redirect("tenants:members", slug=slug)


@login_required
@require_GET
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _member_organisation(request, slug)
    entries = list(ActivityLog.objects.for_object(organisation)[:200])
    return render(
        request,
        "tenants/organisation_history.html",
        {"organisation": organisation, "entries": entries},
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the invitation e-mail. Anonymous visitors sign in or register first."""
    invitation = get_object_or_404(
        Invitation.objects.select_related("organisation", "invited_by"), token=token
    )
    if not request.user.is_authenticated:
        return render(
            request,
            "tenants/invitation_accept.html",
            {
                "invitation": invitation,
                "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
                # The address the invitation went to is filled in; after confirming it
                # in this browser, the new account comes back here.
                "signup_url": reverse("account_signup")
                + "?"
                + urlencode({"next": request.path, "email": invitation.email}),
            },
        )
    if request.method == "POST":
        try:
            services.accept_invitation(invitation=invitation, user=_me(request))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("Welcome to %(organisation)s!") % {"organisation": invitation.organisation.name},
            )
            return redirect("tenants:manage", slug=invitation.organisation.slug)
    return render(request, "tenants/invitation_accept.html", {"invitation": invitation})
