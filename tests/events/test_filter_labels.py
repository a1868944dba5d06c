"""The programme's filters name each choice once."""

from __future__ import annotations

import pytest
from django.utils import translation

from events.forms import EventFilterForm
from tenants.models import TargetGroup

pytestmark = pytest.mark.django_db


def test_the_target_group_filter_does_not_offer_all_twice(vocabularies):
    assert TargetGroup.objects.filter(slug="alle").exists()
    with translation.override("de"):
        labels = [str(label) for _value, label in EventFilterForm().fields["target_group"].choices]
    assert labels.count("Alle") <= 1
    assert labels[0] == "Alle Zielgruppen"
