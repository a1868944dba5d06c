"""The reception desk's smaller forms: finding a free room, deciding, moving, cancelling a series,
editing details.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm, ShortListChoiceField
from rooms.forms.booking import DateInput, TimeInput
from rooms.models import Equipment, Layout, Room


class FinderForm(HouseForm):
    date = DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput(), initial=dt.time(10, 0))
    duration = forms.TypedChoiceField(
        label=_("Duration"),
        coerce=int,
        choices=[
            (60, _("1 hour")),
            (120, _("2 hours")),
            (180, _("3 hours")),
            (240, _("4 hours")),
            (480, _("8 hours")),
        ],
        initial=120,
    )
    attendees = forms.IntegerField(label=_("Persons"), min_value=1, max_value=2000, initial=10)
    layout = forms.ChoiceField(
        label=_("Seating layout"), choices=Layout.choices, initial=Layout.BOARDROOM
    )
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def span(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        start = timezone.make_aware(dt.datetime.combine(data["date"], data["start_time"]))
        return start, start + dt.timedelta(minutes=data["duration"])


class DecisionForm(HouseForm):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
    show_title_publicly = forms.BooleanField(
        label=_("Show the title in the public room calendar"), required=False
    )
    waive_reason = forms.CharField(
        label=_("Waive the cancellation fee, because"), max_length=300, required=False
    )


class MoveForm(HouseForm):
    """Move one booking (or one date of a series) to another time, and another room."""

    room = ShortListChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    date = DateField(label=_("New date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Until"), widget=TimeInput())
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args: Any, with_room: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if with_room:
            cast(ShortListChoiceField, self.fields["room"]).queryset = Room.objects.for_board()
        else:  # a whole series stays in its room
            del self.fields["room"]

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                data["start"] = timezone.make_aware(dt.datetime.combine(day, start))
                data["end"] = timezone.make_aware(dt.datetime.combine(day, end))
        return data


class SeriesCancelForm(HouseForm):
    """Cancel this and all following dates of a series, or the dates in a range (holidays)."""

    from_date = DateField(label=_("From date"), widget=DateInput())
    until_date = DateField(
        label=_("Until date (empty: all following)"), widget=DateInput(), required=False
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if (
            data.get("until_date")
            and data.get("from_date")
            and data["until_date"] < data["from_date"]
        ):
            self.add_error("until_date", _("The end of the range must not lie before its start."))
        return data


class BookingDetailsForm(HouseForm):
    """Title, size and layout of one booking (one date of a series)."""

    title = forms.CharField(label=_("Title of the event"), max_length=200)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, max_value=2000)
    layout = forms.ChoiceField(label=_("Seating layout"), choices=Layout.choices)
