"""A visitor finds an event for seniors, registers two places and cancels; a family moves up.

Selectors use field names and addresses, not labels, so they hold in German and English.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail

from events import services
from events.models import Event, Registration
from house.demo import seed_house
from house.models import ActivityLog
from tenants.models import TargetGroup
from tests.e2e.conftest import axe_violations
from tests.events.factories import EventFactory, OrganisationFactory, calendar_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def programme(vocabularies):
    seed_house()
    organiser = OrganisationFactory(name="Der PARITÄTISCHE", slug="paritaet")
    talk = EventFactory(
        title="Gesund älter werden",
        slug="gesund-aelter-werden",
        organisation=organiser,
        capacity=20,
        max_seats_per_registration=2,
        accessibility="Stufenloser Zugang.",
    )
    talk.target_groups.add(TargetGroup.objects.get(slug="senioren"))
    youth = EventFactory(title="Jugendtreff", slug="jugendtreff", organisation=organiser)
    youth.target_groups.add(TargetGroup.objects.get(slug="kinder-jugendliche"))
    return talk


def test_visitor_filters_for_seniors_registers_two_places_and_cancels(page, programme):
    page.goto("/events/")
    assert axe_violations(page) == []
    page.select_option("select[name=target_group]", "senioren")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**/events/?*target_group=senioren*")
    results = page.locator("main").inner_text()
    assert "Gesund älter werden" in results
    assert "Jugendtreff" not in results

    page.locator("a[href='/events/gesund-aelter-werden/']").first.click()
    page.wait_for_url("**/events/gesund-aelter-werden/")
    assert axe_violations(page) == []
    assert page.locator("script[type='application/ld+json']").count() == 1

    page.locator("a[href='/events/gesund-aelter-werden/register/']").click()
    page.wait_for_url("**/register/")
    assert axe_violations(page) == []
    page.fill("input[name=name]", "Erika Mustermann")
    page.fill("input[name=email]", "erika@example.org")
    page.fill("input[name=seats]", "2")
    page.check("input[name=consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/events/registration/**")

    registration = Registration.objects.get(email="erika@example.org")
    assert registration.seats == 2
    assert registration.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.attachments[0][0].endswith(".ics")
    mimetype, content = calendar_of(message)
    assert mimetype.startswith("text/calendar")
    assert "BEGIN:VEVENT" in content
    assert "Gesund älter werden" in content
    link = re.search(r"https?://\S+/events/registration/\S+/", message.body).group(0)
    assert link.endswith(registration.get_absolute_url())
    assert axe_violations(page) == []

    page.goto(registration.get_absolute_url())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{registration.get_absolute_url()}")

    registration.refresh_from_db()
    programme.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert programme.seats_taken == 0


def test_family_joins_waiting_list_and_is_promoted_when_places_free_up(page, programme):
    Event.objects.filter(pk=programme.pk).update(capacity=4, max_seats_per_registration=4)
    programme.refresh_from_db()
    first = services.register_for_event(
        event=programme, name="Herr Weber", email="weber@example.org", seats=3, consent=True
    )
    mail.outbox.clear()

    page.goto("/events/gesund-aelter-werden/register/")
    page.fill("input[name=name]", "Familie Yilmaz")
    page.fill("input[name=email]", "yilmaz@example.org")
    page.fill("input[name=seats]", "3")
    page.check("input[name=consent]")
    page.locator("main form button[type=submit]").click()
    page.locator("button[name=join_waiting_list]").wait_for()
    assert axe_violations(page) == []
    assert not Registration.objects.filter(email="yilmaz@example.org").exists()
    page.locator("button[name=join_waiting_list]").click()
    page.wait_for_url("**/events/registration/**")

    family = Registration.objects.get(email="yilmaz@example.org")
    assert family.status == Registration.Status.WAITING
    assert family.seats == 3

    page.goto(first.get_absolute_url())
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{first.get_absolute_url()}")

    family.refresh_from_db()
    assert family.status == Registration.Status.CONFIRMED
    promoted = ActivityLog.objects.for_object(programme).of_type("events.registration.promoted")
    assert promoted.get().data["registration"] == family.pk
    promoted = [m for m in mail.outbox if m.to == ["yilmaz@example.org"]]
    assert len(promoted) == 2  # waiting-list confirmation, then the promotion with the .ics
    assert "METHOD:REQUEST" in calendar_of(promoted[-1])[1]


@pytest.mark.parametrize("path", ["/events/calendar/"])
def test_month_view_has_no_serious_accessibility_violations(page, programme, path):
    page.goto(path)
    assert axe_violations(page) == []


def _sign_in(page, live_server, user):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_organiser_pages_have_no_serious_accessibility_violations(page, live_server, programme):
    from tenants.models import Membership
    from tests.factories import UserFactory

    member = UserFactory()
    Membership.objects.create(user=member, organisation=programme.organisation, role="member")
    services.register_for_event(
        event=programme, name="Herr Weber", email="weber@example.org", seats=2, consent=True
    )
    _sign_in(page, live_server, member)

    for path in (
        "/events/manage/",
        f"/events/manage/{programme.slug}/",
        f"/events/manage/{programme.slug}/checkin/",
        f"/events/manage/{programme.slug}/register/",
        "/events/manage/new/",
    ):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path


def test_visitor_confirms_a_held_registration_on_the_personal_page(page, programme):
    Event.objects.filter(pk=programme.pk).update(confirmation_required=True)

    page.goto("/events/gesund-aelter-werden/register/")
    page.fill("input[name=name]", "Erika Mustermann")
    page.fill("input[name=email]", "erika@example.org")
    page.check("input[name=consent]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/events/registration/**")

    registration = Registration.objects.get(email="erika@example.org")
    assert registration.status == Registration.Status.PENDING
    assert axe_violations(page) == []
    confirm = page.locator(
        f"form[action='/events/registration/{registration.token}/confirm/'] button"
    )
    assert confirm.is_visible()
    assert not mail.outbox[0].attachments  # the calendar file comes with the confirmation

    confirm.click()
    page.wait_for_load_state()

    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert confirm.count() == 0
    assert axe_violations(page) == []
