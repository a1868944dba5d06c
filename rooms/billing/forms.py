"""Forms of the invoice pages: record a payment, cancel or correct an invoice."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm
from rooms.billing.services import BillingError, parse_amount


class PaymentForm(HouseForm):
    amount = forms.CharField(
        label=_("Amount (€)"),
        max_length=20,
        help_text=_("For example 80,00."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    paid_on = DateField(
        label=_("Paid on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reference = forms.CharField(
        label=_("Reference"),
        max_length=140,
        required=False,
        help_text=_("The reference of the bank transfer, or “cash”."),
    )

    def clean_amount(self) -> Decimal:
        try:
            amount = parse_amount(self.cleaned_data["amount"])
        except BillingError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if amount <= 0:
            raise forms.ValidationError(_("The amount must be more than zero."))
        if amount >= Decimal("100000000"):
            raise forms.ValidationError(_("This amount is too large."))
        return amount


class CancelForm(HouseForm):
    ACTIONS = (
        ("correct", _("Cancel and issue a corrected invoice")),
        ("cancel", _("Cancel only")),
    )

    action = forms.ChoiceField(
        label=_("What to do"), choices=ACTIONS, initial="correct", widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Stated on the cancellation invoice."),
    )
