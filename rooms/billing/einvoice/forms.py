"""The form of a booking organisation's billing profile (e-invoice format, Leitweg-ID)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from house.forms import HouseForm
from rooms.billing.einvoice.leitweg import MAX_LENGTH, normalise, validate_leitweg_id


class BillingProfileForm(HouseForm):
    public_sector = forms.BooleanField(
        label=_("Public-sector body: send invoices as XRechnung"),
        required=False,
        help_text=_("For the city, the district, the job centre and other public bodies."),
    )
    leitweg_id = forms.CharField(
        label=_("Leitweg-ID"),
        max_length=MAX_LENGTH,
        required=False,
        help_text=_("As the authority states it with its order, e.g. 04011000-1234512345-06."),
    )

    def clean_leitweg_id(self) -> str:
        value = normalise(self.cleaned_data["leitweg_id"])
        if value:
            validate_leitweg_id(value)
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("public_sector")
            and not data.get("leitweg_id")
            and "leitweg_id" not in self.errors
        ):
            self.add_error(
                "leitweg_id", _("Public-sector bodies need a Leitweg-ID for their XRechnung.")
            )
        return data
