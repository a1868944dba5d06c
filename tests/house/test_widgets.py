"""The portal's select writes the same markup as Django's, without a template per option."""

from __future__ import annotations

import pytest
from django import forms
from django.test.html import parse_html

from house.widgets import ListSelect

CHOICES = [
    ("", "Alle"),
    ("kultur", "Kultur & Begegnung"),
    ("Beratung", [("schulden", "Schulden"), ("familie", 'Familie "und" Kinder')]),
    (3, "Drei"),
]


@pytest.mark.parametrize("value", [None, "", "kultur", "familie", 3, "3", "unbekannt"])
def test_markup_equals_djangos_select(value):
    attrs = {"id": "id_x", "class": "form-select", "aria-describedby": "x_help"}
    expected = forms.Select(choices=CHOICES).render("x", value, attrs=attrs)
    written = ListSelect(choices=CHOICES).render("x", value, attrs=attrs)
    assert parse_html(written) == parse_html(expected)


def test_the_chosen_option_is_selected_and_text_escaped():
    html = ListSelect(choices=CHOICES).render("x", "familie")
    assert '<option value="familie" selected>Familie &quot;und&quot; Kinder</option>' in html
    assert html.count("selected") == 1
    assert '<optgroup label="Beratung">' in html


def test_a_bound_filter_form_keeps_the_visitors_choice():
    class Filter(forms.Form):
        category = forms.ChoiceField(choices=CHOICES, required=False, widget=ListSelect)

    form = Filter({"category": "kultur"})
    assert form.is_valid()
    assert '<option value="kultur" selected>' in str(form["category"])
