"""A service reached by phone shows a number wherever it is shown."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.tenants.factories import OrganisationFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def phone_service():
    organisation = OrganisationFactory(name="Schuldnerberatung e.V.", phone="0561 123 456")
    return ServiceFactory(organisation=organisation, name="Telefonberatung", access_phone=True)


def test_a_phone_service_without_its_own_number_shows_its_organisations(client, phone_service):
    page = client.get(phone_service.get_absolute_url()).content.decode()
    assert 'href="tel:0561123456"' in page


def test_a_service_with_its_own_number_shows_that_one(client, phone_service):
    phone_service.phone = "0561 999"
    phone_service.save(update_fields=["phone"])
    page = client.get(phone_service.get_absolute_url()).content.decode()
    assert 'href="tel:0561999"' in page
    assert "0561 123 456" not in page


def test_the_directory_card_of_a_phone_service_shows_the_number(client, phone_service):
    page = client.get(reverse("tenants:directory")).content.decode()
    assert "Telefonberatung" in page
    assert 'href="tel:0561123456"' in page
