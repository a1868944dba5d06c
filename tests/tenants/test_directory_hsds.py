"""/directory.json validates against the official HSDS 3.0 schemas (kept in tests/tenants/hsds/)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

HSDS = Path(__file__).parent / "hsds"


def _validator(name: str) -> Draft202012Validator:
    schema = json.loads((HSDS / f"{name}.json").read_text())
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture
def demo_directory(db, client):
    """The demo house's whole directory: tenants with services, phones, contacts, hours."""
    from house import demo as house_demo
    from tenants import demo as tenants_demo

    users = house_demo.seed()
    tenants_demo.seed(users=users)
    response = client.get("/directory.json")
    assert response.status_code == 200
    return response.json()


def _errors(validator: Draft202012Validator, items: list[dict]) -> list[str]:
    return [
        f"{item.get('name')}: {'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for item in items
        for error in validator.iter_errors(item)
    ]


def test_every_organisation_validates_against_hsds_organization_schema(demo_directory):
    organisations = demo_directory["organizations"]
    assert len(organisations) >= 5
    assert _errors(_validator("organization"), organisations) == []


def test_every_service_validates_against_hsds_service_schema(demo_directory):
    services = demo_directory["services"]
    assert len(services) >= 5
    assert any(service["phones"] for service in services)
    assert any(service["contacts"] for service in services)
    assert _errors(_validator("service"), services) == []


def test_a_wrong_document_is_caught_by_the_schema():
    """The schemas are real constraints: a null e-mail and a phone without id fail."""
    bad = {
        "id": "ac148810-d857-441c-9679-408f346de14b",
        "name": "Beratung",
        "status": "active",
        "email": None,
        "phones": [{"number": "0561 1234"}],
    }
    messages = _errors(_validator("service"), [bad])
    assert any("email" in m for m in messages)
    assert any("phones/0" in m for m in messages)
