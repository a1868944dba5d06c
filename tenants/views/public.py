"""The public directory: search, services, organisations and the tenants of the house."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from house.abuse import limit_anonymous_posts
from tenants import services
from tenants.directory_json import directory_document
from tenants.forms import DirectoryFilterForm, OutdatedReportForm
from tenants.models import Organisation, Service
from tenants.views.common import _closure_days, _organisation, _service

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


#: Reports of outdated information one visitor (IP address) may send per hour.
REPORTS_PER_HOUR = 5


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
