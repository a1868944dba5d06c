"""The public booking request of a guest without an account."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.abuse import HoneypotMixin
from rooms.fees import (
    BookerCategory,
    Purpose,
    private_celebration_refusal,
    private_celebration_tenure,
)
from rooms.forms.booking import BookingForm
from rooms.services import BookingDraft


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
        # Volunteers are offered the private celebration when they would have their year
        # on the latest day they can book; whether they have it on the day of the
        # celebration is judged in ``clean`` by the same function as the service's.
        room = self.fixed_room
        latest = timezone.localdate() + dt.timedelta(days=room.max_advance_days if room else 365)
        self.person = (
            user
            if user is not None and private_celebration_tenure(user, latest).qualifies
            else None
        )
        if self.person is not None:
            purposes.append((Purpose.PRIVATE_CELEBRATION, Purpose.PRIVATE_CELEBRATION.label))
        cast(forms.ChoiceField, self.fields["purpose"]).choices = purposes

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("purpose") == Purpose.PRIVATE_CELEBRATION and data.get("start"):
            tenure = private_celebration_tenure(self.person, data["start"])
            if not tenure.qualifies:
                self.add_error("purpose", private_celebration_refusal(tenure))
        return data

    def draft(self, **extra: Any) -> BookingDraft:
        data = self.cleaned_data
        private = data["purpose"] == Purpose.PRIVATE_CELEBRATION
        return super().draft(
            person=self.person,
            stated_category=BookerCategory.PRIVATE_PERSON if private else data["stated_category"],
            # The price is asked before the name and address are checked.
            contact_name=data.get("contact_name", ""),
            contact_email=data.get("contact_email", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_organisation=data.get("contact_organisation", ""),
            internal_note=data.get("message", ""),
            **extra,
        )
