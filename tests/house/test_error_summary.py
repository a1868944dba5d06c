"""After a failed submit every form starts with a focused summary that links to the fields."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.tenants.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def test_a_failed_submit_shows_a_focused_summary_linking_each_field(client):
    service = ServiceFactory()
    url = reverse("tenants:service_report", args=[service.organisation.slug, service.slug])

    with translation.override("de"):
        response = client.post(
            url, {"message": "", "email": "keine-adresse"}, HTTP_ACCEPT_LANGUAGE="de"
        )

    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index("error-summary") : page.index("</ul>", page.index("error-summary"))]
    assert "autofocus" in page[page.index("error-summary") - 80 : page.index("error-summary") + 120]
    assert "Bitte prüfen Sie Ihre Eingaben" in summary
    assert 'href="#id_message"' in summary
    assert 'href="#id_email"' in summary


def test_a_valid_form_has_no_summary(client):
    service = ServiceFactory()
    url = reverse("tenants:service_report", args=[service.organisation.slug, service.slug])
    assert "error-summary" not in client.get(url).content.decode()


def test_allauth_forms_get_the_same_summary(client, house):
    with translation.override("de"):
        response = client.post(
            reverse("account_login"), {"login": "niemand@example.org", "password": "falsch"}
        )
    page = response.content.decode()
    assert "error-summary" in page
