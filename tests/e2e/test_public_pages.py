"""The public's first pages in a browser: the home page, and a form that failed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.e2e.conftest import axe_violations
from tests.events.factories import EventFactory
from tests.tenants.factories import (
    ConsultationHoursFactory,
    OrganisationFactory,
    ServiceFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_page_shows_next_events_and_open_hours_at_phone_width(page, house):
    organisation = OrganisationFactory()
    EventFactory(
        title="Erzählcafé im Foyer",
        organisation=organisation,
        start=timezone.now() + dt.timedelta(days=1),
    )
    ConsultationHoursFactory(
        service=ServiceFactory(name="Offene Sozialberatung", organisation=organisation),
        weekday=timezone.localdate().weekday(),
    )
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/")

    assert page.get_by_role("heading", name="Demnächst").is_visible()
    assert page.get_by_role("link", name="Erzählcafé im Foyer").is_visible()
    assert page.get_by_role("link", name="Offene Sozialberatung").is_visible()
    assert page.get_by_role("img", name="Zeichnung des Hauses", exact=False).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert axe_violations(page) == []


def test_a_failed_submit_moves_focus_to_the_summary_and_its_links_lead_to_the_fields(page, house):
    service = ServiceFactory(name="Schuldnerberatung")
    page.goto(f"/organisations/{service.organisation.slug}/services/{service.slug}/report/")
    page.get_by_role("button", name="Meldung senden").click()
    page.wait_for_load_state()

    focused = page.evaluate("document.activeElement.className")
    assert "error-summary" in focused
    summary = page.locator(".error-summary")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_message"
    assert axe_violations(page) == []
