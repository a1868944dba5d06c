"""Forms of the tenant area and the public directory. They validate; services write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from house.abuse import HoneypotMixin
from house.caching import cached
from house.forms import HouseForm, HouseModelForm
from house.widgets import ListSelect
from tenants import freshness
from tenants.models import (
    ConsultationHours,
    Contact,
    Language,
    Membership,
    Organisation,
    OutdatedReport,
    Service,
    TargetGroup,
    Topic,
    Vocabulary,
)


def website_field() -> forms.URLField:
    return forms.URLField(
        label=Organisation._meta.get_field("website").verbose_name,
        required=False,
        assume_scheme="https",
    )


class OrganisationProfileForm(HouseModelForm):
    """What an organisation's admins maintain themselves (house management sets the rest).

    Not the city: room fees depend on it (local non-profits use rooms free of
    charge), so house management keeps it in the admin, like the non-profit notice.
    """

    website = website_field()

    class Meta:
        model = Organisation
        fields = [
            "name",
            "description",
            "logo",
            "logo_alt",
            "website",
            "email",
            "phone",
            "street",
            "postcode",
            "languages",
            "internal_notes",
        ]
        widgets = {
            "languages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("logo") and not cleaned.get("logo_alt"):
            self.add_error("logo_alt", _("Please describe the logo for people who cannot see it."))
        return cleaned

    def service_fields(self) -> dict[str, Any]:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "languages"}
        if fields["logo"] is False:  # "clear" was ticked
            fields["logo"] = ""
        return fields


class ContactForm(HouseModelForm):
    class Meta:
        model = Contact
        fields = ["name", "function", "email", "phone", "is_public"]

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ConsultationHoursForm(HouseModelForm):
    class Meta:
        model = ConsultationHours
        fields = ["service", "weekday", "week_of_month", "opens_at", "closes_at", "note"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = organisation.services.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The consultation hours must end after they start."))
        return cleaned

    def validate_constraints(self, exclude: Any = None) -> None:
        # The form says it in words above; the database constraint stays as the backstop.
        return

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ServiceForm(HouseModelForm):
    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "target_groups",
            "topics",
            "languages",
            "eligibility",
            "is_free",
            "cost_description",
            "access_walk_in",
            "access_appointment",
            "access_phone",
            "access_online",
            "location_floor",
            "location_room",
            "contact_name",
            "email",
            "phone",
            "accessibility",
            "status",
        ]
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
            "eligibility": forms.Textarea(attrs={"rows": 2}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }

    M2M = ("target_groups", "topics", "languages")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("is_free") is False and not cleaned.get("cost_description"):
            self.add_error("cost_description", _("Please describe the costs."))
        return cleaned

    def validate_constraints(self, exclude: Any = None) -> None:
        return  # checked in clean(); the slug is chosen by the service

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name not in self.M2M}


class InvitationForm(HouseForm):
    email = forms.EmailField(label=_("E-mail address of your colleague"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class MembershipRoleForm(HouseForm):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class OutdatedReportForm(HoneypotMixin, HouseModelForm):
    """Public form; ``homepage`` is a honeypot that people never see and bots fill in."""

    honeypot_name = "homepage"

    class Meta:
        model = OutdatedReport
        fields = ["message", "email"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000})}


class DirectoryFilterForm(HouseForm):
    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. debts, family")}),
    )
    target_group = forms.ModelChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All target groups"),
        widget=ListSelect,
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All topics"),
        widget=ListSelect,
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        queryset=Language.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All languages"),
        widget=ListSelect,
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("target_group", "topic", "language"):
            field = self.fields[name]
            field.label_from_instance = lambda term: term.label  # type: ignore[attr-defined]
            # The options as plain pairs, kept until the vocabulary changes; choosing one
            # is still checked against the database.
            field.choices = [("", field.empty_label), *_options(field.queryset.model)]  # type: ignore[attr-defined]


def _options(model: type[Vocabulary]) -> list[tuple[str, str]]:
    """(slug, name in the active language) of every term of ``model``'s vocabulary."""
    return cached(
        f"tenants:options:{model._meta.model_name}:{get_language()}",
        lambda: [(term.slug, term.label) for term in model._default_manager.all()],
        depends_on=[freshness.DIRECTORY],
        timeout=3600,
    )
