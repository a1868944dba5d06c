"""An organisation's own area: its profile, directory entries and change history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from house.models import ActivityLog
from tenants import services
from tenants.forms import ConsultationHoursForm, ContactForm, OrganisationProfileForm, ServiceForm
from tenants.models import ConsultationHours, Contact, Invitation, Membership, Organisation, Service
from tenants.views.common import _admin_organisation, _me, _member_organisation

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


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
@require_GET
def changes(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _member_organisation(request, slug)
    entries = list(ActivityLog.objects.for_object(organisation)[:200])
    return render(
        request,
        "tenants/organisation_history.html",
        {"organisation": organisation, "entries": entries},
    )
