"""Forms of house management's business pages: statements, matching, deposits, reminders,
collective invoices, accounts and the export."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm, HouseModelForm
from rooms.billing.operations.models import AccountingSettings, OrganisationBilling
from rooms.billing.operations.statements import MAX_BYTES
from rooms.billing.services import BillingError, parse_amount

ACCOUNT = RegexValidator(r"^\d{1,9}$", _("An account is a number of up to nine digits."))
TAX_KEY = RegexValidator(r"^\d{0,4}$", _("A tax key is a number of up to four digits."))


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _amount(value: str, *, allow_zero: bool = False) -> Decimal:
    try:
        amount = parse_amount(value)
    except BillingError as exc:
        raise forms.ValidationError(str(exc)) from exc
    if amount < 0 or (amount == 0 and not allow_zero):
        raise forms.ValidationError(_("The amount must be more than zero."))
    if amount >= Decimal("100000000"):
        raise forms.ValidationError(_("This amount is too large."))
    return amount


class StatementForm(HouseForm):
    file = forms.FileField(
        label=_("Account statement"),
        help_text=_(
            "CAMT.053 (XML) or the CSV export of your bank (Sparkasse, Volksbank, GLS Bank: "
            "semicolon separated), at most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.csv,.txt"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; please export a shorter period.")
            )
        return upload


class MatchForm(HouseForm):
    number = forms.CharField(
        label=_("Invoice number"), max_length=30, help_text=_("For example RE-2026-00012.")
    )
    amount = forms.CharField(
        label=_("Amount (€)"),
        max_length=20,
        required=False,
        help_text=_("Empty: the whole credit."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def clean_amount(self) -> Decimal | None:
        value = self.cleaned_data["amount"].strip()
        return _amount(value) if value else None


class SetAsideForm(HouseForm):
    note = forms.CharField(
        label=_("What the money is for"),
        max_length=300,
        help_text=_("For example: rent, donation."),
    )


class DepositHoldForm(HouseForm):
    received_on = DateField(
        label=_("Received on"), initial=timezone.localdate, widget=_date_widget()
    )


class DepositSettleForm(HouseForm):
    settled_on = DateField(
        label=_("Returned on"), initial=timezone.localdate, widget=_date_widget()
    )
    kept = forms.CharField(
        label=_("Kept (€)"),
        max_length=20,
        required=False,
        help_text=_("Empty or 0: the whole deposit is returned."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Reason for keeping part of it"), max_length=300, required=False
    )

    def clean_kept(self) -> Decimal:
        value = self.cleaned_data["kept"].strip()
        return _amount(value, allow_zero=True) if value else Decimal("0.00")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kept") and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give the reason for keeping part of the deposit."))
        return data


class AccountingSettingsForm(HouseModelForm):
    class Meta:
        model = AccountingSettings
        fields = [
            "first_reminder_days",
            "second_reminder_days",
            "reminder_fee",
            "collective_by_default",
            "consultant_number",
            "client_number",
            "fiscal_year_start_month",
            "account_length",
            "chart_of_accounts",
            "debtor_account",
            "bank_account",
            "revenue_account",
            "tax_key",
            "exempt_revenue_account",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("debtor_account", "bank_account", "revenue_account", "exempt_revenue_account"):
            self.fields[name].validators.append(ACCOUNT)
        self.fields["tax_key"].validators.append(TAX_KEY)
        self.fields["fiscal_year_start_month"].validators.append(
            RegexValidator(r"^(?:[1-9]|1[0-2])$", _("A month is a number from 1 to 12."))
        )
        self.fields["chart_of_accounts"].validators.append(
            RegexValidator(r"^\d{2}$", _("The chart of accounts is two digits, e.g. 03 or 04."))
        )


class RevenueAccountForm(HouseForm):
    account = forms.CharField(
        label=_("Revenue account"), max_length=9, required=False, validators=[ACCOUNT]
    )
    tax_key = forms.CharField(
        label=_("Tax key"), max_length=4, required=False, validators=[TAX_KEY]
    )


class PeriodForm(HouseForm):
    FORMATS = (("datev", _("DATEV booking batch (EXTF)")), ("csv", _("Plain CSV")))

    start = DateField(label=_("From"), widget=_date_widget())
    end = DateField(label=_("Until"), widget=_date_widget())
    file_format = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, initial="datev", widget=forms.RadioSelect
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end lies before the start."))
            elif (end - start).days > 366:
                self.add_error("end", _("Please export at most one year at a time."))
        return data


class MonthForm(HouseForm):
    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        help_text=_("As year and month, e.g. 2026-11."),
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def clean_month(self) -> dt.date:
        value = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", value)
        if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 2000:
            raise forms.ValidationError(
                _("Please enter the month as year and month, e.g. 2026-11.")
            )
        return dt.date(int(match[1]), int(match[2]), 1)


class OrganisationBillingForm(HouseForm):
    collective = forms.ChoiceField(
        label=_("Invoicing"), choices=OrganisationBilling.Collective.choices
    )
