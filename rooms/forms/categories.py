"""House management's forms for an organisation's booker category."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm, ShortListChoiceField
from rooms.fees import BookerCategory
from rooms.forms.booking import DateInput


class OrganisationCategoryForm(HouseForm):
    """House management sets an organisation's booker category, with a reason and a review date."""

    category = forms.ChoiceField(label=_("Booker category"), choices=BookerCategory.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_(
            "Shown on every quote, e.g. “Neighbourhood initiative without an exemption notice”."
        ),
    )
    review_on = DateField(
        label=_("Review by"),
        widget=DateInput(),
        help_text=_("By this date house management looks at the decision again."),
    )

    def clean_review_on(self) -> dt.date:
        day: dt.date = self.cleaned_data["review_on"]
        if day <= timezone.localdate():
            raise forms.ValidationError(_("The review date must lie in the future."))
        return day


class OrganisationChoiceForm(HouseForm):
    organisation = ShortListChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from tenants.models import Organisation

        cast(
            ShortListChoiceField, self.fields["organisation"]
        ).queryset = Organisation.objects.order_by("name")
