"""The forms of the equipment loans: lending an item, adding one to a room booking."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm, ShortListChoiceField
from rooms.forms.booking import DateInput, TimeInput
from rooms.loans.models import LendableItem
from tenants.models import Organisation


class LoanForm(HouseForm):
    """Lend one item from a day and time until a day and time."""

    item = ShortListChoiceField(label=_("Item"), queryset=LendableItem.objects.none())
    organisation = ShortListChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    from_date = DateField(label=_("From (date)"), widget=DateInput())
    from_time = forms.TimeField(label=_("From (time)"), widget=TimeInput())
    until_date = DateField(label=_("Due back (date)"), widget=DateInput())
    until_time = forms.TimeField(label=_("Due back (time)"), widget=TimeInput())
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        organisations: Any = None,
        organisation: Organisation | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(ShortListChoiceField, self.fields["item"]).queryset = LendableItem.objects.lendable()
        if organisation is not None:
            del self.fields["organisation"]
        else:
            cast(ShortListChoiceField, self.fields["organisation"]).queryset = (
                organisations
                if organisations is not None
                else Organisation.objects.order_by("name")
            )

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        starts = timezone.make_aware(dt.datetime.combine(data["from_date"], data["from_time"]))
        ends = timezone.make_aware(dt.datetime.combine(data["until_date"], data["until_time"]))
        return starts, ends


class BookingLoanForm(HouseForm):
    """Add a free item to a room booking, for the booking's time."""

    item = ShortListChoiceField(label=_("Item"), queryset=LendableItem.objects.none())

    def __init__(self, *args: Any, free: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ShortListChoiceField, self.fields["item"]).queryset = free
