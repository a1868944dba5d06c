"""Booking for others at the reception desk: room, booker, series and price."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from house.dates import DateField
from house.forms import ShortListChoiceField
from rooms.fees import MAX_EVENT_DAYS, BookerCategory
from rooms.forms.booking import WEEKDAY_CHOICES, BookingForm, DateInput
from rooms.services import BookingDraft, Recurrence


class ReceptionBookingForm(BookingForm):
    """The reception books for a known organisation, or for a contact without an account.

    The booker is found by a few letters (``booker_search``, see ``rooms.bookers``); a
    booking without a title is named after its booker.
    """

    booker_search = forms.CharField(label=_("Find the booker"), max_length=100, required=False)
    title = forms.CharField(
        label=_("Title of the event"),
        max_length=200,
        required=False,
        help_text=_("Empty: the booker's name."),
    )
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
        label=_("Booker category as stated"),
        choices=[("", _("Private person")), *list(BookerCategory.choices)[1:-1]],
        required=False,
        help_text=_(
            "With an organisation chosen, its category decides the price (set by house "
            "management, else from its papers); a different category here shows a warning."
        ),
    )
    event_days = forms.IntegerField(
        label=_("Days (one event, one fee)"),
        min_value=1,
        max_value=MAX_EVENT_DAYS,
        initial=1,
        required=False,
        help_text=_(
            "An event on consecutive days at the same hours, e.g. a two-day conference: "
            "every day is held, the flat usage fee is charged once."
        ),
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

    #: The fields about who books, shown together under the booker search.
    booker_fields = (
        "organisation",
        "contact_name",
        "contact_email",
        "contact_phone",
        "contact_organisation",
        "stated_category",
        "person_email",
    )
    field_order = [
        "booker_search",
        *booker_fields,
        "room",
        "date",
        "start_time",
        "end_time",
        "event_days",
        "title",
        "purpose",
        "attendees",
        "layout",
        "extras",
        "show_title_publicly",
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
        if not (data.get("title") or "").strip():
            data["title"] = self._booker_name(data)
        if data.get("repeat"):
            if not data.get("weekdays"):
                data["weekdays"] = [data["date"].weekday()] if data.get("date") else []
            if data["repeat"] == "monthly" and len(data["weekdays"]) != 1:
                self.add_error("weekdays", _("A monthly series needs exactly one weekday."))
            if not data.get("until") and not data.get("count"):
                self.add_error("count", _("Give an end date or a number of dates."))
            if (data.get("event_days") or 1) > 1:
                self.add_error("event_days", _("An event over several days does not repeat."))
        return data

    @staticmethod
    def _booker_name(data: dict[str, Any]) -> str:
        """What a booking without a title is called: its organisation or contact."""
        organisation, person = data.get("organisation"), data.get("person")
        name = (
            (organisation.name if organisation is not None else "")
            or data.get("contact_organisation")
            or data.get("contact_name")
            or (person.name if person is not None else "")
        )
        return str(name)[:200]

    def number_of_days(self) -> int:
        """How many consecutive days the booking's event takes (1: an ordinary booking)."""
        return self.cleaned_data.get("event_days") or 1

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
