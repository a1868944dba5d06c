"""Invoices in the Django admin: read only (issued invoices never change); the invoice
settings are edited here by house management."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from rules.contrib.admin import ObjectPermissionsModelAdminMixin

from rooms.billing.models import BillingSettings, Invoice, InvoiceLine, Payment
from rooms.billing.services import update_settings


class _ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class InvoiceLineInline(_ReadOnly, admin.TabularInline):
    model = InvoiceLine
    fields = ("position", "description", "quantity", "unit_price", "vat_rate", "net")
    readonly_fields = fields
    extra = 0


class PaymentInline(_ReadOnly, admin.TabularInline):
    model = Payment
    fields = ("amount", "paid_on", "reference", "recorded_by", "created_at")
    readonly_fields = fields
    extra = 0


@admin.register(Invoice)
class InvoiceAdmin(_ReadOnly, ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    """Issued invoices are records kept unchanged; corrections are made on the invoice's page."""

    list_display = ("number", "kind", "issued_on", "recipient_name", "gross")
    list_filter = ("kind", "year")
    search_fields = ("number", "recipient_name")
    date_hierarchy = "issued_on"
    readonly_fields = [f.name for f in Invoice._meta.fields]
    inlines = [InvoiceLineInline, PaymentInline]


@admin.register(BillingSettings)
class BillingSettingsAdmin(ObjectPermissionsModelAdminMixin, admin.ModelAdmin):
    fields = (
        "legal_name",
        "tax_number",
        "vat_id",
        "exemption_note",
        "iban",
        "bic",
        "bank_name",
        "payment_days",
        "number_prefix",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not BillingSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: BillingSettings, form: Any, change: bool
    ) -> None:
        update_settings(
            actor=request.user,  # type: ignore[arg-type]
            **{name: form.cleaned_data[name] for name in self.fields},
        )
