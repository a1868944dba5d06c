"""Kept directory and organisation pages: the same for every visitor, fresh after a change."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tenants.services import save_service
from tests.tenants.factories import (
    ConsultationHoursFactory,
    OrganisationFactory,
    ServiceFactory,
    org_member,
)

pytestmark = pytest.mark.django_db

DIRECTORY = "/directory/"


def _services(count: int) -> None:
    for _ in range(count):
        service = ServiceFactory(organisation=OrganisationFactory())
        ConsultationHoursFactory(service=service)


@pytest.mark.parametrize("count", [3, 12])
def test_the_directory_asks_the_same_queries_however_many_services(
    client, house, count, django_assert_num_queries
):
    _services(count)
    client.get("/")  # the house profile is kept by the page frame
    # closure days, count, services, their target groups, languages and hours, and the
    # three vocabularies of the filter form
    with django_assert_num_queries(9):
        assert client.get(DIRECTORY).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(DIRECTORY).status_code == 200
    # Another filter: the options of the form are kept, only the services are read.
    with django_assert_num_queries(6):
        assert client.get(DIRECTORY, {"page": "2"}).status_code == 200


def test_a_changed_entry_shows_at_once_and_other_organisations_stay_kept(
    client, house, django_assert_num_queries, django_capture_on_commit_callbacks
):
    service = ServiceFactory(name="Schuldnerberatung")
    other = OrganisationFactory(name="Nachbarschaftshilfe")
    other_page = reverse("tenants:organisation_detail", args=[other.slug])
    for address in (DIRECTORY, other_page):
        client.get(address)

    with django_capture_on_commit_callbacks(execute=True):
        save_service(
            organisation=service.organisation,
            actor=None,
            service=service,
            fields={"name": "Schuldner- und Insolvenzberatung"},
        )

    assert "Schuldner- und Insolvenzberatung" in client.get(DIRECTORY).text
    with django_assert_num_queries(0):
        assert "Nachbarschaftshilfe" in client.get(other_page).text


def test_searches_are_rendered_fresh(client, house, django_assert_num_queries):
    ServiceFactory(name="Schuldnerberatung")
    client.get(DIRECTORY, {"q": "schuldner"})
    response = client.get(DIRECTORY, {"q": "schuldner"})
    assert "Schuldnerberatung" in response.text
    assert 'value="schuldner"' in response.text


def test_an_organisation_page_of_a_member_is_never_served_to_others(
    client, house, django_assert_num_queries
):
    organisation = OrganisationFactory(name="Mieterverein")
    address = reverse("tenants:organisation_detail", args=[organisation.slug])
    member_client = type(client)()
    member_client.force_login(org_member(organisation))
    area = "Bereich Ihrer Organisation"

    assert area in member_client.get(address, HTTP_ACCEPT_LANGUAGE="de").text
    public = client.get(address, HTTP_ACCEPT_LANGUAGE="de")
    assert area not in public.text
    with django_assert_num_queries(0):
        assert area not in client.get(address, HTTP_ACCEPT_LANGUAGE="de").text
    assert area in member_client.get(address, HTTP_ACCEPT_LANGUAGE="de").text


def test_only_pages_written_as_the_form_writes_them_are_kept(client, house):
    ServiceFactory(name="Schuldnerberatung")
    client.get("/")
    for query in ({"page": "01"}, {"q": " "}, {"open_now": "1"}, {"page": "51"}):
        client.get(DIRECTORY, query)
        with CaptureQueriesContext(connection) as again:
            client.get(DIRECTORY, query)
        assert again.captured_queries, query  # rendered fresh each time
