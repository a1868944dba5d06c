"""Forms of the public programme: filters, registration, the organisers' event editor."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Category, Event, ProgrammeItem
from house.abuse import HoneypotMixin
from house.dates import DateField, validate_datetime_in_range
from house.forms import HouseForm, HouseModelForm
from house.widgets import ListSelect
from tenants.models import Language, Organisation, TargetGroup


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventFilterForm(HouseForm):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    date_from = DateField(label=_("From"), required=False, widget=DateInput())
    date_to = DateField(label=_("Until"), required=False, widget=DateInput())
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
        widget=ListSelect,
    )
    target_group = forms.ModelChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        required=False,
        # Not "Everyone": the house's target groups include one named so.
        empty_label=_("All target groups"),
        to_field_name="slug",
        widget=ListSelect,
    )
    organiser = forms.ModelChoiceField(
        label=_("Organiser"),
        queryset=Organisation.objects.filter(
            pk__in=Event.objects.published().values("organisation_id")
        ).order_by("name"),
        required=False,
        empty_label=_("All organisers"),
        to_field_name="slug",
        widget=ListSelect,
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.all(),
        required=False,
        empty_label=_("All languages"),
        to_field_name="slug",
        widget=ListSelect,
    )

    # Bootstrap's classes, as crispy-forms would set them: the list renders its filters
    # with a lean template of its own (events/_event_filter_form.html), several times
    # faster than crispy-forms' field templates on every cold listing page.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs["class"] = "listselect form-select"
            else:
                kind = "dateinput" if isinstance(field.widget, forms.DateInput) else "textinput"
                field.widget.attrs["class"] = f"{kind} form-control"

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the period lies before its start."))
        return data


class RegistrationForm(HoneypotMixin, HouseForm):
    """A visitor registers; the organiser's questions become extra fields."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,  # what the database column holds (RFC 5321)
        help_text=_("We send the confirmation and a link to cancel to this address."),
    )
    seats = forms.IntegerField(
        label=_("Number of places"),
        min_value=1,
        initial=1,
        help_text=_("A family or group registers together."),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are stored to run this event and deleted afterwards "
            "(see the privacy notice)."
        ),
    )

    def __init__(self, *args: Any, event: Event, assisted: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if assisted:
            del self.fields["website"]  # the reception is no bot
        self.fields["seats"].widget.attrs["max"] = event.max_seats_per_registration
        self.fields["seats"].validators.append(MaxValueValidator(event.max_seats_per_registration))
        for index, question in enumerate(event.question_list()):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, required=False, max_length=500
            )
        if assisted:
            self.fields["name"].label = _("Name")
            self.fields["email"].label = _("E-mail address")
            self.fields["email"].required = False
            self.fields["email"].help_text = _("Optional: without it, no confirmation is sent.")
            del self.fields["consent"]
            # The public form offers the waiting list with a second button instead.
            self.fields["join_waiting_list"] = forms.BooleanField(
                label=_("Put on the waiting list if the event is full"), required=False
            )

    def answers(self) -> dict[str, str]:
        return {
            question: self.cleaned_data.get(f"answer_{index}", "")
            for index, question in enumerate(self.event.question_list())
        }


class EventForm(HouseModelForm):
    """The organisers' editor of one event (dates of a series are edited one by one)."""

    class Meta:
        model = Event
        fields = [
            "organisation",
            "title",
            "summary",
            "description",
            "category",
            "target_groups",
            "languages",
            "start",
            "end",
            "room",
            "venue_name",
            "address",
            "online_url",
            "status",
            "accessibility",
            "price",
            "price_note",
            "registration_mode",
            "capacity",
            "max_seats_per_registration",
            "confirmation_required",
            "registration_opens",
            "registration_closes",
            "questions",
            "contact_name",
            "contact_email",
            "contact_phone",
            "image",
            "image_alt",
        ]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "registration_opens": DateTimeInput(),
            "registration_closes": DateTimeInput(),
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "questions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, organisations: Any, house_allowed: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from rooms.models import Room

        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]
        self.fields["organisation"].required = not house_allowed
        self.fields["organisation"].empty_label = (  # type: ignore[attr-defined]
            _("The house itself") if house_allowed else None
        )
        if not house_allowed:
            self.fields["organisation"].help_text = ""
        self.fields["confirmation_required"].help_text = _(
            "A registration then holds its places for %(hours)s hours (at most until the "
            "start) until the registrant confirms it through the link in the e-mail; "
            "unconfirmed places then go to the waiting list. Registrations you enter "
            "yourself need no confirmation."
        ) % {"hours": settings.EVENT_REGISTRATION_HOLD_HOURS}
        self.fields["room"].queryset = Room.objects.bookable()  # type: ignore[attr-defined]
        self.fields["room"].empty_label = _("Not in the house")  # type: ignore[attr-defined]
        self.fields["room"].help_text = _(
            "An event in the house books its room; if the room is taken, the event is refused."
        )
        for name in ("start", "end", "registration_opens", "registration_closes"):
            self.fields[name].input_formats = [  # type: ignore[attr-defined]
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
            ]
            self.fields[name].validators.append(validate_datetime_in_range)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(n) for n in ("room", "venue_name", "address", "online_url")):
            self.add_error("room", _("Please choose a room in the house or give an address."))
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt", _("Please describe the image for people who cannot see it.")
            )
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes", _("Registration must close after it opens."))
        return data


class SeriesForm(EventForm):
    """A regular offer: the first date plus a repetition."""

    REPEAT_CHOICES = [
        ("weekly", _("Every week")),
        ("biweekly", _("Every two weeks")),
        ("monthly", _("Every month on the same weekday (e.g. every 2nd Tuesday)")),
    ]
    repeat = forms.ChoiceField(label=_("Repeat"), choices=REPEAT_CHOICES)
    count = forms.IntegerField(label=_("Number of dates"), min_value=2, max_value=104, initial=12)
    exceptions = forms.CharField(
        label=_("Dates left out"),
        required=False,
        help_text=_("Dates without the offer, e.g. holidays: 24.12.2026, 31.12.2026"),
    )

    def clean_exceptions(self) -> list[dt.date]:
        result = []
        for raw in self.cleaned_data["exceptions"].replace(";", ",").split(","):
            part = raw.strip()
            if not part:
                continue
            try:
                day, month, year = (int(x) for x in part.split("."))
                result.append(dt.date(year, month, day))
            except ValueError as exc:
                raise forms.ValidationError(
                    _("%(value)s is not a date like 24.12.2026.") % {"value": part}
                ) from exc
        return result

    def rrule(self) -> str:
        start = timezone.localtime(self.cleaned_data["start"])
        count = self.cleaned_data["count"]
        weekday = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.weekday()]
        repeat = self.cleaned_data["repeat"]
        if repeat == "biweekly":
            return f"FREQ=WEEKLY;INTERVAL=2;COUNT={count}"
        if repeat == "monthly":
            nth = (start.day - 1) // 7 + 1
            nth_text = "-1" if nth == 5 else str(nth)
            return f"FREQ=MONTHLY;BYDAY={nth_text}{weekday};COUNT={count}"
        return f"FREQ=WEEKLY;COUNT={count}"


class ProgrammeItemForm(HouseModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["start", "end", "title", "speakers", "room_label", "description"]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("start", "end"):
            self.fields[name].input_formats = [  # type: ignore[attr-defined]
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
            ]
            self.fields[name].validators.append(validate_datetime_in_range)


class EmailParticipantsForm(HouseForm):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 8}))
    include_waiting = forms.BooleanField(
        label=_("Also write to people on the waiting list"), required=False
    )


class CancelEventForm(HouseForm):
    reason = forms.CharField(
        label=_("Reason (sent to the registrants)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportForm(HouseForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
