"""The neighbourhood network in the browser: the public finds who works on a topic in their
district, an actor admin keeps the entry and votes within the budget, the coordination runs
a round and sends the newsletter. Every page is checked with axe-core.

Selectors use field names and addresses, not labels, so they hold in German and English.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from house.demo import seed_house
from house.models import Role
from tenants.network.demo import ensure_districts
from tenants.network.models import Dot, Newsletter, PriorityRound
from tests.e2e.conftest import axe_violations, login_staff
from tests.factories import PASSWORD, staff_user
from tests.network.factories import (
    ActorFactory,
    BoardPostFactory,
    RoundFactory,
    SubscriberFactory,
    TopicFactory,
)
from tests.tenants.factories import org_admin

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Screenshots to look at the pages as the personas do.
SHOTS = Path(tempfile.gettempdir()) / "network-e2e"


@pytest.fixture
def network(db):
    seed_house()
    districts = ensure_districts()
    lonely = TopicFactory(name="Einsamkeit im Alter", slug="einsamkeit")
    holidays = TopicFactory(name="Ferienangebote", slug="ferien")
    treff = ActorFactory(
        organisation__name="Stadtteiltreff Wesertor",
        district=districts["wesertor"],
        latitude=51.3262,
        longitude=9.5062,
        topics=[lonely],
    )
    ActorFactory(
        organisation__name="Kirchengemeinde Nord-Holland",
        district=districts["nord-holland"],
        show_address=False,
        topics=[lonely, holidays],
    )
    ActorFactory(
        organisation__name="Familienzentrum Südstadt",
        district=districts["suedstadt"],
        topics=[holidays],
    )
    BoardPostFactory(actor=treff, title="Raum für Elterncafé gesucht")
    return {"treff": treff, "lonely": lonely, "holidays": holidays}


def _sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_the_public_finds_who_works_on_a_topic_in_their_district(page, live_server, network):
    page.goto("/network/")
    page.screenshot(path=f"{SHOTS}/index.png", full_page=True)
    assert axe_violations(page) == []
    assert page.locator("svg.network-map polygon").count() == 9

    page.locator("select[name=district]").select_option("wesertor")
    page.locator("select[name=topic]").select_option("einsamkeit")
    page.locator("form[role=search] button[type=submit]").click()
    page.wait_for_url("**district=wesertor**")
    main = page.locator("main").inner_text()
    assert "Stadtteiltreff Wesertor" in main
    assert "Kirchengemeinde Nord-Holland" not in main

    page.locator("main a", has_text="Einsamkeit im Alter").first.click()
    page.wait_for_url("**/network/topics/einsamkeit/")
    assert axe_violations(page) == []
    assert "Kirchengemeinde Nord-Holland" in page.locator("main").inner_text()

    page.goto("/network/board/")
    assert axe_violations(page) == []
    assert "Raum für Elterncafé gesucht" in page.locator("main").inner_text()


def test_an_actor_admin_keeps_the_entry_and_votes_within_the_budget(page, live_server, network):
    treff = network["treff"]
    admin = org_admin(treff.organisation)
    round_ = RoundFactory(
        title="Themen für den Herbst",
        topics=[network["lonely"], network["holidays"]],
        budget=2,
        cap_per_topic=2,
    )
    _sign_in(page, live_server, admin)

    page.goto(f"/network/actors/{treff.slug}/edit/")
    assert axe_violations(page) == []
    page.locator("textarea[name=summary]").fill("Offener Treff mit Mittagstisch.")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/network/actors/{treff.slug}/")
    assert "Offener Treff mit Mittagstisch." in page.locator("main").inner_text()

    page.goto(f"/network/priorities/{round_.pk}/")
    assert axe_violations(page) == []
    for _ in range(3):  # the third dot is refused: the budget is two
        page.locator(
            f"form[action$='/vote/']:has(input[name=topic][value='{network['lonely'].pk}']) button"
        ).click()
        page.wait_for_load_state()
    page.screenshot(path=f"{SHOTS}/ballot.png", full_page=True)
    text = page.locator("main").inner_text()
    assert "0 von 2 Punkten übrig" in text
    assert "alle ihre 2 Punkte" in text
    assert Dot.objects.filter(round=round_, actor=treff).count() == 2


def test_the_coordination_runs_a_round_and_sends_the_newsletter(page, live_server, network):
    coordinator = staff_user(Role.NETWORK_COORDINATION)
    SubscriberFactory.create_batch(3)
    now = timezone.localtime()
    login_staff(page, coordinator.email, PASSWORD)

    page.goto("/network/coordination/")
    page.screenshot(path=f"{SHOTS}/coordination.png", full_page=True)
    assert axe_violations(page) == []

    page.goto("/network/priorities/new/")
    assert axe_violations(page) == []
    page.locator("input[name=title]").fill("Prioritäten im Winter")
    page.locator(f"input[name=topics][value='{network['lonely'].pk}']").check()
    page.locator(f"input[name=topics][value='{network['holidays'].pk}']").check()
    page.locator("input[name=opens_at]").fill(now.strftime("%Y-%m-%dT%H:%M"))
    page.locator("input[name=closes_at]").fill(
        (now + dt.timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/network/priorities/*/")
    assert PriorityRound.objects.get(title="Prioritäten im Winter").budget == 10

    page.goto("/network/coordination/newsletters/new/")
    assert axe_violations(page) == []
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/coordination/newsletters/*/")
    assert axe_violations(page) == []
    assert "Stadtteiltreff Wesertor" in page.locator("textarea[name=body]").input_value()
    page.locator("form[action$='/send/'] button").click()
    page.wait_for_url("**/coordination/newsletters/*/")
    newsletter = Newsletter.objects.get()
    assert newsletter.status == Newsletter.Status.SENT
    assert newsletter.deliveries.filter(queued_at__isnull=False).count() == 3


def test_the_coordination_starts_a_working_group_and_closes_it_with_its_report(
    page, live_server, network
):
    coordinator = staff_user(Role.NETWORK_COORDINATION)
    login_staff(page, coordinator.email, PASSWORD)

    page.goto("/network/coordination/working-groups/new/")
    assert axe_violations(page) == []
    page.locator("input[name=name]").fill("AG Besuchsdienste")
    page.locator("select[name=topic]").select_option(str(network["lonely"].pk))
    page.locator("textarea[name=mandate]").fill("Besuchsdienste im Wesertor verbinden.")
    end = timezone.localdate() + dt.timedelta(days=60)
    page.locator("input[name=planned_end]").fill(end.isoformat())
    page.locator("select[name=actors]").select_option(str(network["treff"].pk))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/network/working-groups/ag-besuchsdienste/")
    assert axe_violations(page) == []

    page.goto("/network/working-groups/ag-besuchsdienste/close/")
    assert axe_violations(page) == []
    page.locator("input[name=attendee_count]").fill("11")
    page.locator("textarea[name=decisions]").fill("Ein gemeinsamer Besuchsplan für das Quartier.")
    page.locator("form[action$='/close/'] button[type=submit]").click()
    page.wait_for_url("**/network/working-groups/ag-besuchsdienste/")

    page.goto("/network/topics/einsamkeit/")
    assert "Ein gemeinsamer Besuchsplan für das Quartier." in page.locator("main").inner_text()
