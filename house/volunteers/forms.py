"""Forms of the volunteer area. Validation that needs the database lives in services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.abuse import HoneypotMixin
from house.forms import HouseForm, HouseModelForm
from house.volunteers.models import (
    Assignment,
    Opportunity,
    QualificationType,
    ShiftSeries,
    VolunteerProfile,
)
from house.volunteers.models.people import ConsentPurpose, ContactChannel, Weekday

OPTIONAL_PURPOSES = [(p.value, p.label) for p in ConsentPurpose if p != ConsentPurpose.REGISTRY]


class ProfileForm(HouseModelForm):
    available_weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays I can usually help"),
        choices=Weekday.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = VolunteerProfile
        fields = [
            "phone",
            "contact_channel",
            "interests",
            "skills",
            "languages",
            "available_weekdays",
            "availability_note",
            "show_name_on_lists",
        ]
        widgets = {
            "interests": forms.Textarea(attrs={"rows": 2}),
            "skills": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }
        help_texts = {
            "languages": _("For example: German, Turkish, Arabic"),
            "availability_note": _("For example: mornings, not in the school holidays"),
        }

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RegisterForm(ProfileForm):
    consent_registry = forms.BooleanField(
        label=ConsentPurpose.REGISTRY.label,
        help_text=_(
            "Required. The volunteer coordination keeps your profile, shifts and hours as "
            "described in the privacy notice; you can withdraw at any time."
        ),
    )
    consent_contact = forms.BooleanField(label=ConsentPurpose.CONTACT.label, required=False)
    consent_photos = forms.BooleanField(label=ConsentPurpose.PHOTOS.label, required=False)

    class Meta(ProfileForm.Meta):
        fields = [f for f in ProfileForm.Meta.fields if f != "show_name_on_lists"]

    def consents(self) -> list[str]:
        chosen = [ConsentPurpose.REGISTRY.value]
        if self.cleaned_data.get("consent_contact"):
            chosen.append(ConsentPurpose.CONTACT.value)
        if self.cleaned_data.get("consent_photos"):
            chosen.append(ConsentPurpose.PHOTOS.value)
        if self.cleaned_data.get("show_name"):
            chosen.append(ConsentPurpose.NAME_ON_LISTS.value)
        return chosen

    show_name = forms.BooleanField(
        label=ConsentPurpose.NAME_ON_LISTS.label,
        required=False,
        help_text=_("Otherwise shift lists show “a volunteer” in your place."),
    )

    def details(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OnBehalfForm(RegisterForm):
    """The coordination registers a person who has only a phone."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address (optional)"), required=False)
    consent_registry = forms.BooleanField(
        label=_("The person signed the paper consent form to keep the profile"),
    )
    field_order = ["name", "phone", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].required = True
        self.fields["contact_channel"].initial = ContactChannel.PHONE


class InterestForm(HoneypotMixin, HouseForm):
    """Interest without an account; ``homepage`` is a honeypot that people never see."""

    honeypot_name = "homepage"

    name = forms.CharField(
        label=_("Your name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent = forms.BooleanField(
        label=_("The volunteer coordination may contact me about this offer."),
        help_text=_("We delete your details if nothing comes of it within six months."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's clean() returns cleaned_data
        if not data.get("email") and not data.get("phone"):
            raise forms.ValidationError(_("Please give an e-mail address or a phone number."))
        return data


class HoursForm(HouseForm):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.25, max_value=24, decimal_places=2, initial=2
    )
    description = forms.CharField(label=_("What did you do?"), max_length=200)

    def minutes(self) -> int:
        return int(self.cleaned_data["hours"] * 60)


class CertificateForm(HouseForm):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start"].initial = today.replace(month=1, day=1)
        self.fields["end"].initial = today


class AttendanceForm(HouseForm):
    attendance = forms.ChoiceField(
        label=_("Attendance"), choices=[c for c in Assignment.Attendance.choices if c[0]]
    )


class QualificationForm(HouseForm):
    kind = forms.ModelChoiceField(
        label=_("Qualification"),
        queryset=QualificationType.objects.filter(kind=QualificationType.Kind.GENERAL),
    )
    valid_from = forms.DateField(
        label=_("Valid from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: from the validity of the kind."),
    )


class ConductCertificateForm(HouseForm):
    issued_on = forms.DateField(
        label=_("Issue date of the certificate"), widget=forms.DateInput(attrs={"type": "date"})
    )
    has_relevant_entry = forms.TypedChoiceField(
        label=_("Relevant entry (§ 72a SGB VIII)"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="no",
    )
    seen = forms.BooleanField(
        label=_("I have seen the original. It is not copied or kept."),
    )


class NotesForm(HouseForm):
    notes = forms.CharField(
        label=_("Notes of the coordination"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the volunteer coordination sees these notes."),
    )


class AllowanceForm(HouseForm):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=_("Amount (€)"), min_value=0.01, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    accept_over_limit = forms.BooleanField(
        label=_("Record it even above the yearly limit"), required=False
    )


class TenureOverrideForm(HouseForm):
    qualifies = forms.TypedChoiceField(
        label=_("Decision"),
        choices=[
            ("yes", _("Counts as a regular volunteer")),
            ("no", _("Does not count as a regular volunteer")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), max_length=300)
    valid_until = forms.DateField(
        label=_("Until (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SignUpOnBehalfForm(HouseForm):
    profile = forms.ModelChoiceField(
        label=_("Volunteer"), queryset=VolunteerProfile.objects.active()
    )


def parse_week(value: str | None) -> dt.date:
    """The Monday of the week containing ``value`` (an ISO date), this week if unreadable."""
    try:
        day = dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        day = timezone.localdate()
    return day - dt.timedelta(days=day.weekday())


class OpportunityForm(HouseModelForm):
    class Meta:
        model = Opportunity
        fields = [
            "title",
            "slug",
            "description",
            "place",
            "for_whom",
            "organiser",
            "skills",
            "languages",
            "required_qualifications",
            "involves_children",
            "is_published",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "required_qualifications": forms.CheckboxSelectMultiple,
        }


class SeriesForm(HouseModelForm):
    """Repeating shifts: weekdays and times in the house's local time."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays"),
        choices=Weekday.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ShiftSeries
        fields = [
            "opportunity",
            "title",
            "first_day",
            "last_day",
            "start_time",
            "end_time",
            "min_staff",
            "max_staff",
            "reserved_places",
            "reserved_for",
            "reserved_open_days",
        ]
        widgets = {
            "first_day": forms.DateInput(attrs={"type": "date"}),
            "last_day": forms.DateInput(attrs={"type": "date"}),
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Django's clean() returns cleaned_data
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day lies before the first."))
        if first and last and (last - first).days > 366:
            self.add_error("last_day", _("Plan at most one year ahead."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The shift must end after it starts."))
        if (data.get("max_staff") or 0) < (data.get("min_staff") or 0):
            self.add_error("max_staff", _("The maximum staff must be at least the minimum staff."))
        return data

    def save(self, commit: bool = True) -> ShiftSeries:
        codes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        days = ",".join(codes[d] for d in sorted(self.cleaned_data["weekdays"]))
        self.instance.rrule = f"FREQ=WEEKLY;BYDAY={days}"
        return super().save(commit=commit)
