"""Forms escape what people typed, short choice lists are read once, the cache is Django's."""

from __future__ import annotations

import pytest
from django import forms
from django.utils import translation

from house.forms import ShortListChoiceField
from tenants.models import Organisation
from tests.tenants.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_form_widgets_escape_what_people_typed():
    class Form(forms.Form):
        title = forms.CharField()
        kind = forms.ChoiceField(choices=[("a", "<b>fett</b>")])

    html = str(Form({"title": '"><script>alert(1)</script>', "kind": "a"}))
    assert "<script>" not in html
    assert "&lt;b&gt;fett&lt;/b&gt;" in html
    assert 'value="&quot;&gt;&lt;script&gt;' in html


class OrganisationForm(forms.Form):
    organisation = ShortListChoiceField(
        queryset=Organisation.objects.order_by("name"), empty_label="– keine –"
    )


def test_short_list_is_read_once_for_choices_and_check(django_assert_num_queries):
    chosen = OrganisationFactory(name="Lebenshilfe")
    OrganisationFactory(name="Arbeit und Leben")
    form = OrganisationForm({"organisation": str(chosen.pk)})
    with django_assert_num_queries(1):
        assert form.is_valid()
        html = str(form["organisation"])
    assert form.cleaned_data["organisation"] == chosen
    assert html.index("Arbeit und Leben") < html.index("Lebenshilfe")
    assert f'<option value="{chosen.pk}" selected>Lebenshilfe</option>' in html
    assert "– keine –" in html


@pytest.mark.parametrize("value", ["999999", "keine-zahl", "1 OR 1=1"])
def test_short_list_refuses_what_is_not_on_it(value):
    OrganisationFactory()
    form = OrganisationForm({"organisation": value})
    with translation.override("de"):
        assert not form.is_valid()
        assert "Bitte eine gültige Auswahl treffen" in form.errors["organisation"][0]


def test_short_list_is_read_again_for_each_form_and_after_a_new_queryset():
    first = OrganisationFactory(name="Erste")
    assert OrganisationForm({"organisation": str(first.pk)}).is_valid()
    second = OrganisationFactory(name="Zweite")
    form = OrganisationForm({"organisation": str(second.pk)})
    assert form.is_valid()
    form.fields["organisation"].queryset = Organisation.objects.filter(pk=first.pk)
    assert [label for _value, label in form.fields["organisation"].choices] == [
        "– keine –",
        "Erste",
    ]


@pytest.mark.redis
def test_redis_cache_is_djangos_own_and_keeps_values():
    from django.core.cache import cache, caches
    from django.core.cache.backends.redis import RedisCache

    # ``cache`` is a proxy; the configured backend is Django's RedisCache (or builds on it).
    assert isinstance(caches["default"], RedisCache)
    cache.set("hausportal:test:client", "ja", 5)
    assert cache.get("hausportal:test:client") == "ja"
