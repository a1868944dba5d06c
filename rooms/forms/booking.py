"""The booking form every booker fills in, and its date and time inputs."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm, ShortListChoiceField
from rooms.fees import Extra, Purpose
from rooms.models import Layout, Room
from rooms.services import BookingDraft

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


class BookingForm(HouseForm):
    """What every booking form asks: room, day and time, use, size and layout."""

    room = ShortListChoiceField(label=_("Room"), queryset=Room.objects.none())
    date = DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("From"), widget=TimeInput())
    end_time = forms.TimeField(label=_("Until"), widget=TimeInput())
    title = forms.CharField(label=_("Title of the event"), max_length=200)
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=Purpose.choices, initial=Purpose.NONPROFIT
    )
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, max_value=2000, initial=10)
    layout = forms.ChoiceField(label=_("Seating layout"), choices=Layout.choices)
    extras = forms.MultipleChoiceField(
        label=_("Extras"),
        choices=Extra.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    show_title_publicly = forms.BooleanField(
        label=_("Show the title in the public room calendar"), required=False
    )

    def __init__(self, *args: Any, room: Room | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_room = room
        if room is not None:
            del self.fields["room"]
        else:
            # With their parts: a booking of a combined room occupies each of them.
            cast(ShortListChoiceField, self.fields["room"]).queryset = Room.objects.for_board()
        self.fields["layout"].initial = Layout.BOARDROOM

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            if end <= start:
                self.add_error("end_time", _("The end must be after the start."))
            else:
                tz = timezone.get_current_timezone()
                data["start"] = timezone.make_aware(dt.datetime.combine(day, start), tz)
                data["end"] = timezone.make_aware(dt.datetime.combine(day, end), tz)
        return data

    def draft(self, **extra: Any) -> BookingDraft:
        data = self.cleaned_data
        room_field = cast("ShortListChoiceField | None", self.fields.get("room"))
        values: dict[str, Any] = {
            "room": self.fixed_room or data["room"],
            "bookable_rooms": room_field.objects() if room_field is not None else None,
            "start": data["start"],
            "end": data["end"],
            "purpose": data["purpose"],
            "attendees": data["attendees"],
            "layout": data["layout"],
            "title": data.get("title", ""),
            "extras": list(data.get("extras") or []),
            "show_title_publicly": data.get("show_title_publicly", False),
        }
        values.update(extra)
        return BookingDraft(**values)
