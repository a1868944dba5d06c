"""Forms of the house-wide domain."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.forms.widgets import Input
from django.http import QueryDict
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.http import HttpRequest

    from house.models import User


#: Characters that end a line: CR, LF, vertical tab, form feed, NEL, line and paragraph separator.
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*")

if TYPE_CHECKING:
    _FormBase = forms.BaseForm
else:
    _FormBase = object


def single_line(value: str) -> str:
    """``value`` with every line break (and the blanks around it) turned into one space."""
    return _LINE_BREAKS.sub(" ", value)


def is_single_line(field: forms.Field) -> bool:
    """A text field shown as a one-line input (text, e-mail, URL, search, hidden…), not a
    text area: a browser cannot put a line break into it, only a crafted request can."""
    return isinstance(field, forms.CharField) and isinstance(field.widget, Input)


class SingleLineFieldsMixin(_FormBase):
    """Line breaks in a single-line field become spaces before the form is cleaned.

    Titles, names and addresses end up in e-mail subjects, calendar lines and CSV
    cells, where a line break breaks the e-mail or forges a header; a browser's
    one-line input drops them, so only a crafted POST sends one. Every form of the
    portal derives from ``HouseForm`` or ``HouseModelForm`` (a test holds every
    app to it), so the rule lives here once instead of in each form.
    """

    def full_clean(self) -> None:
        if self.is_bound:
            names = [
                self.add_prefix(name)
                for name, field in self.fields.items()
                if is_single_line(field) and not field.disabled
            ]
            if any(
                isinstance(value, str) and _LINE_BREAKS.search(value)
                for name in names
                for value in _values(self.data, name)
            ):
                # A QueryDict copies into a mutable one; a plain dict into a new dict.
                original: Any = self.data
                data = original.copy()
                for name in names:
                    cleaned = [
                        single_line(v) if isinstance(v, str) else v for v in _values(data, name)
                    ]
                    if isinstance(data, QueryDict):
                        data.setlist(name, cleaned)
                    elif name in data:
                        data[name] = cleaned[0] if len(cleaned) == 1 else cleaned
                self.data = data
        super().full_clean()


def _values(data: Any, name: str) -> list[Any]:
    if isinstance(data, QueryDict):
        return data.getlist(name)
    if name not in data:
        return []
    value = data[name]
    return list(value) if isinstance(value, list | tuple) else [value]


class HouseForm(SingleLineFieldsMixin, forms.Form):
    """The base of every plain form of the portal (see ``SingleLineFieldsMixin``)."""


class HouseModelForm(SingleLineFieldsMixin, forms.ModelForm):
    """The base of every model form of the portal (see ``SingleLineFieldsMixin``)."""


def _privacy_label() -> str:
    return format_html(
        str(_('I have read the <a href="{url}">privacy notice</a> and agree to it.')),
        url=reverse_lazy("house:legal", kwargs={"page": "privacy"}),
    )


class SignupForm(HouseForm):
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


class DeleteAccountForm(HouseForm):
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


class _ListedChoiceIterator(forms.models.ModelChoiceIterator):
    field: ShortListChoiceField

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.objects():
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(self.field.objects()) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.field.objects())


class ShortListChoiceField(forms.ModelChoiceField):
    """A choice among a short list of objects (the rooms, the organisations of the house).

    Django asks the database once to render the choices and once more to check
    the submitted value. Here the list is read once per form and serves both;
    prefetches on the queryset are kept, so the chosen object arrives with them.
    A new queryset (each form gets its own copy) is read anew.
    """

    iterator = _ListedChoiceIterator
    _listed: list[Any] = []
    _listed_from: object = None

    def objects(self) -> list[Any]:
        if self._listed_from is not self.queryset:
            self._listed = list(self.queryset) if self.queryset is not None else []
            self._listed_from = self.queryset
        return self._listed

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key = self.to_field_name or "pk"
        if self.queryset is not None and isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for obj in self.objects():
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class AssignRoleForm(HouseForm):
    """House management gives a role to a person found by e-mail, or invites a person
    without an account (with a name): they receive a one-time link by e-mail."""

    role = forms.ChoiceField(label=_("Role"))
    email = forms.EmailField(label=_("E-mail address of the person"), max_length=254)
    name = forms.CharField(
        label=_("Name (only to invite a person without an account)"),
        max_length=150,
        required=False,
        help_text=_(
            "A person without an account receives an e-mail with a one-time link to choose "
            "a password and set up the second factor."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from house.roles import Role

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = Role.choices

    def clean(self) -> dict[str, Any]:
        from house.models import User

        data = super().clean() or {}
        email = data.get("email")
        if email:
            data["person"] = User.objects.filter(email__iexact=email, is_active=True).first()
            if data["person"] is None:
                if User.objects.filter(email__iexact=email).exists():
                    self.add_error("email", _("The account with this address is deactivated."))
                elif not data.get("name"):
                    self.add_error(
                        "name",
                        _(
                            "Nobody with this address has an account. Give the person's name "
                            "to invite them."
                        ),
                    )
        return data


class RemoveRoleForm(HouseForm):
    """The remove button beside a person on the roles page."""

    role = forms.ChoiceField()
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(queryset=None)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from house.models import User
        from house.roles import Role

        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["role"]).choices = Role.choices
        cast("forms.ModelChoiceField[Any]", self.fields["user"]).queryset = User.objects.all()
