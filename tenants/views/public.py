"""The public directory: search, services, organisations and the tenants of the house."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from house.abuse import limit_anonymous_posts
from house.caching import CLOSURES, cached, kept_body
from tenants import freshness, services
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


#: Pages of one filter combination kept in the cache; later ones are rendered fresh.
PAGES_KEPT = 50
#: Seconds a directory or organisation page lives at most: the next consultation hours
#: and "open now" move on with the clock; changes to the entries replace it at once.
PAGE_SECONDS = 300


def _directory_context(form: DirectoryFilterForm, page_number: str | None) -> dict[str, object]:
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
    page = Paginator(found, DIRECTORY_PAGE_SIZE).get_page(page_number)
    for service in page.object_list:
        service.next_hours = service.next_opening(now, closed)
    query = urlencode([(name, form.data[name]) for name in form.fields if form.data.get(name)])
    return {"form": form, "page": page, "query": query, "filtered": filtered}


def _directory_key(form: DirectoryFilterForm, page_number: str | None) -> str | None:
    """The cache key of a directory page, made of validated values only; ``None`` for a
    search, an unknown filter, a far page or values written otherwise than the form
    writes them (rendered fresh, kept nowhere: the page shows them as given)."""
    number = page_number or "1"
    if not number.isdigit() or number != str(int(number)) or not 1 <= int(number) <= PAGES_KEPT:
        return None
    if not form.is_bound:
        return ":".join(["directory", timezone.localdate().isoformat(), "", "", "", "", number])
    if form.data.get("q") or form.data.get("open_now") not in (None, "", "on"):
        return None
    if not form.is_valid():
        return None
    data = form.cleaned_data
    terms = [
        *(data[name].slug if data[name] else "" for name in ("target_group", "topic", "language")),
        "on" if data["open_now"] else "",
    ]
    return ":".join(["directory", timezone.localdate().isoformat(), *terms, number])


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """The Wegweiser: search by need, filter by target group, topic, language, open now.

    The page is the same for every visitor: each filter combination's pages are kept
    until an entry of the directory or a closure day changes; searches are rendered
    fresh."""
    form = DirectoryFilterForm(request.GET or None)
    page_number = request.GET.get("page")
    key = _directory_key(form, page_number)
    template = "tenants/_directory_body.html"
    if key is None:
        # Our own template output.
        body = mark_safe(render_to_string(template, _directory_context(form, page_number)))  # noqa: S308
    else:
        body = kept_body(
            request,
            key,
            template,
            lambda: _directory_context(form, page_number),
            depends_on=[freshness.DIRECTORY, CLOSURES],
            timeout=PAGE_SECONDS,
        )
    return render(request, "tenants/directory.html", {"body": body})


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


def _organisation_body(request: HttpRequest, slug: str) -> tuple[str, str]:
    """The organisation's name and the body of its page as the visitor may see it."""
    organisation = _organisation(request, slug)
    member = request.user.has_perm("tenants.enter_organisation", organisation)
    service_qs = organisation.services.prefetch_related("schedules").order_by("name")
    if not member:
        service_qs = service_qs.exclude(status=Service.Status.ENDED)
    contacts = organisation.contacts.all() if member else organisation.contacts.public()
    context = {
        "organisation": organisation,
        "is_member": member,
        "services": list(service_qs),
        "office_hours": list(organisation.schedules.filter(service__isnull=True)),
        "contacts": list(contacts),
        "languages": list(organisation.languages.all()),
    }
    return organisation.name, render_to_string("tenants/_organisation_detail_body.html", context)


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's page. Visitors who are not signed in all see the same page: it is
    kept until the organisation's entries change. Signed-in people may see more (their
    own organisation, staff): theirs is rendered fresh."""
    if request.user.is_authenticated:
        name, body = _organisation_body(request, slug)
    else:
        # Kept only for organisations that exist (an unknown one raises 404 first).
        name, body = cached(
            f"organisation:{translation.get_language()}:{request.get_host()}:{slug}",
            lambda: _organisation_body(request, slug),
            depends_on=[freshness.ORGANISATIONS, freshness.organisation(slug)],
            timeout=PAGE_SECONDS,
        )
    return render(
        request,
        "tenants/organisation_detail.html",
        # Our own template output, rendered a moment ago or from the cache.
        {"organisation_name": name, "body": mark_safe(body)},  # noqa: S308
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
