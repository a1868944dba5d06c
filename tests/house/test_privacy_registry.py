"""The privacy registry: every app's provider is asked for export and erasure."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress

from house import privacy
from house.models import User
from tests.factories import UserFactory


@pytest.fixture
def probe():
    """A provider registered for one test, which records what it was asked."""
    calls: list[tuple[str, frozenset[str]]] = []

    class Probe(privacy.PersonalDataProvider):
        key = "zz_probe"
        blocked = False

        def export(self, subject):
            return {"emails": sorted(subject.emails)}

        def erase(self, subject):
            calls.append(("erase", subject.emails))

        def blockers(self, subject):
            return ["still needed"] if Probe.blocked else []

    privacy.register(Probe)
    yield Probe, calls
    privacy._REGISTRY.pop("zz_probe")


def test_export_asks_every_provider_with_all_addresses_of_the_person(probe, db):
    user = UserFactory(email="Anna@Example.org")
    EmailAddress.objects.create(user=user, email="anna.privat@example.net", verified=True)

    data = privacy.export_person(user=user)

    assert data["zz_probe"] == {"emails": ["anna.privat@example.net", "anna@example.org"]}


def test_erasure_runs_every_provider_once(probe, db):
    _, calls = probe
    user = UserFactory()

    privacy.erase_person(user=user)

    assert calls == [("erase", frozenset({user.email.lower()}))]


def test_a_blocker_refuses_erasure_before_anything_changes(probe, db):
    probe_class, calls = probe
    probe_class.blocked = True
    user = UserFactory()

    with pytest.raises(privacy.ErasureRefusedError) as info:
        privacy.erase_person(user=user)

    assert info.value.reasons == ["still needed"]
    assert calls == []
    assert User.objects.filter(pk=user.pk).exists()


def test_scrub_replaces_every_address_case_insensitively(db):
    subject = privacy.DataSubject(user=UserFactory(), emails=frozenset({"anna@example.org"}))
    assert subject.scrub("An: ANNA@example.org, Kopie anna@example.org") == (
        f"An: {privacy.ERASED}, Kopie {privacy.ERASED}"
    )
