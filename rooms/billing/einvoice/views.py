"""Pages of the electronic invoice: the XML download, the billing profiles of organisations."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from house.models import ActivityLog
from rooms.billing.einvoice import services
from rooms.billing.einvoice.documents import Document, pdf_document, xml_document
from rooms.billing.einvoice.forms import BillingProfileForm
from rooms.billing.views import _visible_invoice
from tenants.models import Organisation

if TYPE_CHECKING:
    from rooms.billing.views import SignedInRequest

PER_PAGE = 50


def _download(document: Document, *, inline: bool) -> HttpResponse:
    response = HttpResponse(document.content, content_type=document.mimetype)
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{document.filename}"'
    return response


@require_GET
@login_required
def invoice_pdf_download(request: SignedInRequest, pk: int) -> HttpResponse:
    """The readable invoice (ZUGFeRD, unless the booker gets an XRechnung); ``?language=en``."""
    invoice = _visible_invoice(request, pk)
    language = "en" if request.GET.get("language") == "en" else "de"
    return _download(pdf_document(invoice, language=language), inline=True)


@require_GET
@login_required
def invoice_xml_download(request: SignedInRequest, pk: int) -> HttpResponse:
    """The EN 16931 XML: the XRechnung of a public-sector booker, else the ZUGFeRD data."""
    invoice = _visible_invoice(request, pk)
    return _download(xml_document(invoice), inline=False)


@require_GET
@login_required
@permission_required("billing.change_billingprofile", raise_exception=True)
def profile_list(request: SignedInRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    organisations = Organisation.objects.select_related("billing_profile").order_by("name")
    if query:
        organisations = organisations.filter(
            Q(name__icontains=query) | Q(billing_profile__leitweg_id__icontains=query)
        )
    elif request.GET.get("show") != "all":
        organisations = organisations.filter(billing_profile__public_sector=True)
    show_all = request.GET.get("show") == "all"
    page = Paginator(organisations, PER_PAGE).get_page(request.GET.get("page"))
    page_query = urlencode({"q": query} if query else {"show": "all"} if show_all else {})
    return render(
        request,
        "billing/billingprofile_list.html",
        {"page": page, "query": query, "show_all": show_all, "page_query": page_query},
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("billing.change_billingprofile", raise_exception=True)
def profile_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    profile = services.profile_of(organisation)
    initial = {
        "public_sector": profile.public_sector if profile else False,
        "leitweg_id": profile.leitweg_id if profile else "",
    }
    form = BillingProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                organisation=organisation,
                actor=request.user,
                public_sector=form.cleaned_data["public_sector"],
                leitweg_id=form.cleaned_data["leitweg_id"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The e-invoice settings of %(name)s are saved.") % {"name": organisation.name},
            )
            return redirect("billing:profiles")
    history = ActivityLog.objects.for_object(profile) if profile is not None else []
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "billing/billingprofile_form.html",
        {"organisation": organisation, "form": form, "history": history},
        status=status,
    )
