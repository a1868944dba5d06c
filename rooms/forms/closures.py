"""Closure days of the house and the reception's decision on the bookings they hit."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import HouseForm, ShortListChoiceField
from house.models import ClosureDay
from rooms import closures
from rooms.forms.booking import DateInput, TimeInput
from rooms.models import Room


class ClosureDayForm(HouseForm):
    """House management closes the house on a day."""

    date = DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=ClosureDay.Kind.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("Shown on the board, in the finder and in the e-mails to the bookers."),
    )
    reason_en = forms.CharField(
        label=_("Reason (English)"),
        max_length=200,
        required=False,
        help_text=_("Empty: the German text is shown."),
    )


class ClosureDecisionForm(HouseForm):
    """What happens to one booking on the day the house closes."""

    action = forms.ChoiceField(
        label=_("What happens to this booking?"),
        choices=[
            (closures.CANCEL, _("Cancel it (the booker gets an e-mail)")),
            (closures.MOVE, _("Move it to another day or room")),
            (closures.KEEP, _("Keep it as an exception")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Note or reason"),
        max_length=200,
        required=False,
        help_text=_("Needed to keep the booking; added to the e-mail when it is cancelled."),
    )
    room = ShortListChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)
    date = DateField(label=_("New date"), widget=DateInput(), required=False)
    start_time = forms.TimeField(label=_("From"), widget=TimeInput(), required=False)
    end_time = forms.TimeField(label=_("Until"), widget=TimeInput(), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ShortListChoiceField, self.fields["room"]).queryset = Room.objects.for_board()

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        action = data.get("action")
        if action == closures.KEEP and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Please give the reason for keeping the booking."))
        if action == closures.MOVE:
            day, start, end = data.get("date"), data.get("start_time"), data.get("end_time")
            for name in ("date", "start_time", "end_time"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed to move the booking."))
            if day and start and end:
                if end <= start:
                    self.add_error("end_time", _("The end must be after the start."))
                else:
                    tz = timezone.get_current_timezone()
                    data["start"] = timezone.make_aware(dt.datetime.combine(day, start), tz)
                    data["end"] = timezone.make_aware(dt.datetime.combine(day, end), tz)
        return data

    def decision(self) -> closures.Decision:
        data = self.cleaned_data
        return closures.Decision(
            action=data["action"],
            reason=data.get("reason") or "",
            room=data.get("room"),
            start=data.get("start"),
            end=data.get("end"),
        )
