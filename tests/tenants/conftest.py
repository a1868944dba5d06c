"""Fixtures of the tenants tests: the vocabularies come from the data migration."""

from __future__ import annotations

import pytest

from tenants.models import Language, TargetGroup, Topic


@pytest.fixture
def vocab(vocabularies):
    return {
        "refugees": TargetGroup.objects.get(slug="gefluechtete-migranten"),
        "families": TargetGroup.objects.get(slug="familien"),
        "debts": Topic.objects.get(slug="schuldnerberatung"),
        "migration": Topic.objects.get(slug="migrationsberatung"),
        "de": Language.objects.get(slug="de"),
        "tr": Language.objects.get(slug="tr"),
        "ar": Language.objects.get(slug="ar"),
    }
