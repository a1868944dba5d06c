"""House management's pages of the accounts: settings, revenue accounts per fee rule, the
DATEV and CSV export, and collective invoices."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rooms.billing.operations import accounting, collective, datev
from rooms.billing.operations.forms import (
    AccountingSettingsForm,
    MonthForm,
    OrganisationBillingForm,
    PeriodForm,
    RevenueAccountForm,
)
from rooms.billing.operations.models import AccountingSettings, OrganisationBilling, RevenueAccount
from rooms.billing.operations.views import _managed, errors_as_messages
from rooms.billing.services import BillingError
from rooms.models import FeeRule
from tenants.models import Organisation

if TYPE_CHECKING:
    from rooms.billing.views import SignedInRequest


def _last_month() -> tuple[dt.date, dt.date]:
    first_of_this = timezone.localdate().replace(day=1)
    return collective.month_bounds(first_of_this - dt.timedelta(days=1))


def _accounting_page(
    request: SignedInRequest, *, settings_form: Any = None, status: int = 200
) -> HttpResponse:
    mappings = {m.fee_rule_id: m for m in RevenueAccount.objects.all()}
    rules = [
        {
            "rule": rule,
            "form": RevenueAccountForm(
                prefix=f"r{rule.pk}",
                initial={
                    "account": getattr(mappings.get(rule.pk), "account", ""),
                    "tax_key": getattr(mappings.get(rule.pk), "tax_key", ""),
                },
            ),
        }
        for rule in FeeRule.objects.select_related("room").order_by("name", "pk")
    ]
    start, end = _last_month()
    return render(
        request,
        "billing/accounting.html",
        {
            "settings_form": settings_form
            or AccountingSettingsForm(instance=AccountingSettings.current()),
            "rules": rules,
            "period_form": PeriodForm(initial={"start": start, "end": end, "file_format": "datev"}),
        },
        status=status,
    )


@require_GET
@_managed
def accounting_page(request: SignedInRequest) -> HttpResponse:
    return _accounting_page(request)


@require_POST
@_managed
def accounting_settings(request: SignedInRequest) -> HttpResponse:
    form = AccountingSettingsForm(request.POST, instance=AccountingSettings.current())
    if not form.is_valid():
        return _accounting_page(request, settings_form=form, status=400)
    accounting.update_accounting_settings(actor=request.user, **form.cleaned_data)
    messages.success(request, _("The accounting settings are saved."))
    return redirect("billing:accounting")


@require_POST
@_managed
def revenue_account(request: SignedInRequest, pk: int) -> HttpResponse:
    rule = get_object_or_404(FeeRule, pk=pk)
    form = RevenueAccountForm(request.POST, prefix=f"r{rule.pk}")
    if not form.is_valid():
        errors_as_messages(request, form, prefix=f"{rule.name}: ")
        return redirect("billing:accounting")
    accounting.set_revenue_account(
        fee_rule=rule,
        account=form.cleaned_data["account"],
        tax_key=form.cleaned_data["tax_key"],
        actor=request.user,
    )
    messages.success(request, _("The accounts of “%(rule)s” are saved.") % {"rule": rule.name})
    return redirect("billing:accounting")


@require_GET
@_managed
def export(request: SignedInRequest) -> HttpResponse:
    form = PeriodForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Please give a valid period (from, until) for the export."))
        return redirect("billing:accounting")
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    if form.cleaned_data["file_format"] == "datev":
        body = datev.datev_csv(start=start, end=end)
        response = HttpResponse(body, content_type="text/csv; charset=windows-1252")
        name = f"EXTF_Buchungsstapel_{start:%Y%m%d}_{end:%Y%m%d}.csv"
    else:
        body = datev.plain_csv(start=start, end=end)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        name = f"buchungen_{start:%Y%m%d}_{end:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@_managed
def collective_page(request: SignedInRequest) -> HttpResponse:
    form = MonthForm(request.GET or None)
    month = form.cleaned_data["month"] if form.is_valid() else _last_month()[0]
    if not form.is_bound:
        form = MonthForm(initial={"month": f"{month:%Y-%m}"})
    preferences = {
        p.organisation_id: p for p in OrganisationBilling.objects.select_related("organisation")
    }
    organisations = [
        {
            "organisation": organisation,
            "form": OrganisationBillingForm(
                prefix=f"o{organisation.pk}",
                initial={
                    "collective": getattr(
                        preferences.get(organisation.pk),
                        "collective",
                        OrganisationBilling.Collective.DEFAULT,
                    )
                },
            ),
        }
        for organisation in Organisation.objects.filter(room_bookings__gross__gt=0)
        .distinct()
        .order_by("name")
    ]
    return render(
        request,
        "billing/invoice_collective.html",
        {
            "form": form,
            "month": month,
            "candidates": sorted(collective.candidates(month).items(), key=lambda i: i[0].name),
            "organisations": organisations,
            "default": AccountingSettings.current().collective_by_default,
        },
    )


@require_POST
@_managed
def issue_collective(request: SignedInRequest) -> HttpResponse:
    form = MonthForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please enter the month as year and month, e.g. 2026-11."))
        return redirect("billing:collective")
    month = form.cleaned_data["month"]
    try:
        invoices = collective.issue_due_collective_invoices(month=month, actor=request.user)
    except BillingError as exc:
        messages.error(request, str(exc))
        return redirect(f"{_collective_url()}?month={month:%Y-%m}")
    if invoices:
        messages.success(
            request,
            _("Collective invoices issued: %(numbers)s.")
            % {"numbers": ", ".join(invoice.number for invoice in invoices)},
        )
    else:
        messages.info(request, _("No collective invoice was due for this month."))
    return redirect(f"{_collective_url()}?month={month:%Y-%m}")


def _collective_url() -> str:
    from django.urls import reverse

    return reverse("billing:collective")


@require_POST
@_managed
def organisation_preference(request: SignedInRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = OrganisationBillingForm(request.POST, prefix=f"o{organisation.pk}")
    if form.is_valid():
        collective.set_preference(
            organisation=organisation,
            collective=form.cleaned_data["collective"],
            actor=request.user,
        )
        messages.success(
            request, _("The invoicing of %(name)s is saved.") % {"name": organisation.name}
        )
    else:
        messages.error(request, _("Please choose how the organisation is invoiced."))
    return redirect("billing:collective")
