"""Forms of the house-wide domain."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.http import HttpRequest

    from house.models import User


def _privacy_label() -> str:
    return format_html(
        str(_('I have read the <a href="{url}">privacy notice</a> and agree to it.')),
        url=reverse_lazy("house:legal", kwargs={"slug": "datenschutz"}),
    )


class SignupForm(forms.Form):
    """Extra fields of allauth's sign-up: the full name and recorded consent."""

    name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    privacy_consent = forms.BooleanField(label=lazy(_privacy_label, str)(), required=True)

    field_order = ["name", "email", "password1", "password2", "privacy_consent"]

    def signup(self, request: HttpRequest, user: User) -> None:
        from house.services import record_signup

        record_signup(user=user, name=self.cleaned_data["name"], language=request.LANGUAGE_CODE)


class DeleteAccountForm(forms.Form):
    confirm_email = forms.EmailField(
        label=_("Type your e-mail address to confirm"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: object, user: User, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.user = user

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"]
        if value.strip().lower() != self.user.email.lower():
            raise forms.ValidationError(_("This is not the e-mail address of your account."))
        return value
