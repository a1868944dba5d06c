"""Forms of the conference centre: booking at the reception, tenant and public requests, finder."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.abuse import HoneypotMixin
from house.dates import DateField
from house.forms import HouseForm, ShortListChoiceField
from house.models import ClosureDay
from rooms import closures
from rooms.fees import BookerCategory, Extra, Purpose, is_eligible_for_private_celebration
from rooms.models import Equipment, Layout, Room
from rooms.services import BookingDraft, Recurrence

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
            "title": data["title"],
            "extras": list(data.get("extras") or []),
            "show_title_publicly": data.get("show_title_publicly", False),
        }
        values.update(extra)
        return BookingDraft(**values)


class ReceptionBookingForm(BookingForm):
    """The reception books for a known organisation, or for a contact without an account."""

    organisation: forms.ModelChoiceField = ShortListChoiceField(
        label=_("Organisation"),
        queryset=None,
        required=False,
        empty_label=_("– no organisation: contact below –"),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=50, required=False)
    contact_organisation = forms.CharField(
        label=_("Organisation (as stated)"), max_length=200, required=False
    )
    stated_category = forms.ChoiceField(
        label=_("Booker category (without organisation)"),
        choices=[("", _("Private person")), *list(BookerCategory.choices)[1:-1]],
        required=False,
    )
    person_email = forms.EmailField(
        label=_("Private booker (e-mail of their account)"),
        required=False,
        help_text=_("For a private celebration: the volunteer who celebrates."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    past_reason = forms.CharField(
        label=_("Reason for a booking in the past"),
        max_length=200,
        required=False,
        help_text=_("Only needed to enter a booking afterwards."),
    )
    repeat = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            ("", _("Does not repeat")),
            ("weekly", _("Weekly")),
            ("monthly", _("Monthly on the n-th weekday")),
        ],
        required=False,
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Weekly: one or more days; monthly: one day."),
    )
    interval = forms.IntegerField(
        label=_("Every n weeks"), min_value=1, max_value=12, initial=1, required=False
    )
    nth = forms.TypedChoiceField(
        label=_("Which weekday of the month"),
        choices=[
            (1, _("first")),
            (2, _("second")),
            (3, _("third")),
            (4, _("fourth")),
            (5, _("last")),
        ],
        coerce=int,
        required=False,
    )
    until = DateField(label=_("Until"), widget=DateInput(), required=False)
    count = forms.IntegerField(
        label=_("Number of dates"), min_value=1, max_value=200, required=False
    )

    field_order = [
        "organisation",
        "room",
        "date",
        "start_time",
        "end_time",
        "title",
        "purpose",
        "attendees",
        "layout",
        "extras",
        "show_title_publicly",
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_organisation",
        "stated_category",
        "person_email",
        "internal_note",
        "past_reason",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from tenants.models import Organisation

        cast(
            ShortListChoiceField, self.fields["organisation"]
        ).queryset = Organisation.objects.order_by("name")

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("person_email"):
            from house.models import User

            data["person"] = User.objects.filter(
                email__iexact=data["person_email"], is_active=True
            ).first()
            if data["person"] is None:
                self.add_error("person_email", _("Nobody with this e-mail address has an account."))
        if not data.get("organisation") and not data.get("contact_name") and not data.get("person"):
            self.add_error("contact_name", _("Choose an organisation or enter a contact person."))
        if data.get("repeat"):
            if not data.get("weekdays"):
                data["weekdays"] = [data["date"].weekday()] if data.get("date") else []
            if data["repeat"] == "monthly" and len(data["weekdays"]) != 1:
                self.add_error("weekdays", _("A monthly series needs exactly one weekday."))
            if not data.get("until") and not data.get("count"):
                self.add_error("count", _("Give an end date or a number of dates."))
        return data

    def recurrence(self) -> Recurrence | None:
        data = self.cleaned_data
        if not data.get("repeat"):
            return None
        return Recurrence(
            freq=data["repeat"],
            weekdays=tuple(sorted(data["weekdays"])),
            interval=data.get("interval") or 1,
            nth=data.get("nth") or 1,
            until=data.get("until"),
            count=data.get("count"),
        )

    def draft(self, **extra: Any) -> BookingDraft:
        data = self.cleaned_data
        return super().draft(
            organisation=data.get("organisation"),
            person=data.get("person"),
            stated_category=data.get("stated_category") or None,
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_organisation=data.get("contact_organisation", ""),
            internal_note=data.get("internal_note", ""),
            **extra,
        )


class PublicRequestForm(HoneypotMixin, BookingForm):
    """An external asks for a room without an account. ``website`` is a honeypot for bots."""

    stated_category = forms.ChoiceField(
        label=_("You book as"),
        choices=[
            (BookerCategory.LOCAL_NONPROFIT, BookerCategory.LOCAL_NONPROFIT.label),
            (BookerCategory.EXTERNAL_NONPROFIT, BookerCategory.EXTERNAL_NONPROFIT.label),
            (BookerCategory.PUBLIC_SECTOR, BookerCategory.PUBLIC_SECTOR.label),
            (BookerCategory.COMMERCIAL, _("Company or other organisation")),
            (BookerCategory.PRIVATE_PERSON, BookerCategory.PRIVATE_PERSON.label),
        ],
        help_text=_("Non-profit rates apply once we have seen your exemption notice."),
    )
    contact_name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    contact_organisation = forms.CharField(
        label=_("Organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    message = forms.CharField(
        label=_("Message to the reception (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Anybody can send a request: its title is unchecked, so only the reception
        # decides (when confirming) whether it appears in public calendars.
        del self.fields["show_title_publicly"]
        purposes = [
            (Purpose.NONPROFIT, Purpose.NONPROFIT.label),
            (Purpose.COMMERCIAL, Purpose.COMMERCIAL.label),
        ]
        # Volunteers of more than a year see the private celebration (rooms.fees).
        self.person = (
            user if is_eligible_for_private_celebration(user, timezone.localdate()) else None
        )
        if self.person is not None:
            purposes.append((Purpose.PRIVATE_CELEBRATION, Purpose.PRIVATE_CELEBRATION.label))
        cast(forms.ChoiceField, self.fields["purpose"]).choices = purposes

    def draft(self, **extra: Any) -> BookingDraft:
        data = self.cleaned_data
        private = data["purpose"] == Purpose.PRIVATE_CELEBRATION
        return super().draft(
            person=self.person,
            stated_category=BookerCategory.PRIVATE_PERSON if private else data["stated_category"],
            contact_name=data["contact_name"],
            contact_email=data["contact_email"],
            contact_phone=data.get("contact_phone", ""),
            contact_organisation=data.get("contact_organisation", ""),
            internal_note=data.get("message", ""),
            **extra,
        )


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


class ClosureDayForm(HouseForm):
    """House management closes the house on a day."""

    date = DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Kind"), choices=ClosureDay.Kind.choices)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        help_text=_("Shown on the board, in the finder and in the e-mails to the bookers."),
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


class BookingDetailsForm(HouseForm):
    """Title, size and layout of one booking (one date of a series)."""

    title = forms.CharField(label=_("Title of the event"), max_length=200)
    attendees = forms.IntegerField(label=_("Attendees"), min_value=1, max_value=2000)
    layout = forms.ChoiceField(label=_("Seating layout"), choices=Layout.choices)
