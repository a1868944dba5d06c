"""The curatorium member's journey and what outsiders never see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from house.governance import services
from house.governance.models import Attendance, CircularResponse
from house.models import Role
from tests.factories import UserFactory
from tests.governance.factories import meeting, member_with_deputy, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(curatorium, manager):
    seat = member_with_deputy(curatorium)
    others = members(curatorium, 2)
    planned = meeting(
        curatorium,
        manager,
        agenda=[
            {"title": "Jahresplanung", "public": True},
            {"title": "Mietrückstand Verein X", "public": False},
        ],
    )
    closed_item = planned.agenda_items.get(public=False)
    paper = services.add_paper(
        committee=curatorium,
        title="Vertraulicher Bericht",
        actor=manager,
        upload=SimpleUploadedFile("bericht.pdf", b"%PDF-1.4 secret"),
        agenda_item=closed_item,
    )
    return {"seat": seat, "others": others, "meeting": planned, "paper": paper}


def test_a_member_sees_the_next_meeting_on_the_committee_page(client, curatorium, setting):
    client.force_login(setting["seat"].person)

    response = client.get(reverse("governance:committee", args=[curatorium.slug]))

    assert response.status_code == 200
    assert setting["meeting"].title in response.content.decode()


def test_a_member_reads_closed_items_and_downloads_their_papers(client, curatorium, setting):
    client.force_login(setting["seat"].person)
    url = reverse("governance:meeting", args=[curatorium.slug, setting["meeting"].pk])

    page = client.get(url).content.decode()
    download = client.get(
        reverse("governance:paper_file", args=[curatorium.slug, setting["paper"].pk, 1])
    )

    assert "Mietrückstand Verein X" in page
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 secret"


def test_a_member_sends_apologies_and_the_deputy_is_invited(client, curatorium, manager, setting):
    services.send_invitations(meeting=setting["meeting"], actor=manager)
    client.force_login(setting["seat"].person)

    response = client.post(
        reverse("governance:apologies", args=[curatorium.slug, setting["meeting"].pk]),
        {"note": "Dienstreise"},
    )

    assert response.status_code == 302
    seat = Attendance.objects.get(meeting=setting["meeting"], membership=setting["seat"])
    assert seat.status == "apologised"
    assert seat.deputy_invited


@pytest.mark.parametrize("who", ["anonymous", "other_user", "tenant"])
def test_outsiders_never_see_the_committee_meeting_or_closed_papers(
    client, curatorium, setting, who
):
    if who != "anonymous":
        client.force_login(UserFactory())
    urls = [
        reverse("governance:committee", args=[curatorium.slug]),
        reverse("governance:meeting", args=[curatorium.slug, setting["meeting"].pk]),
        reverse("governance:paper_file", args=[curatorium.slug, setting["paper"].pk, 1]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 404), url
        assert b"Mietr" not in response.content


def test_a_member_cannot_run_the_meeting(client, curatorium, setting):
    client.force_login(setting["seat"].person)

    response = client.post(
        reverse("governance:invite", args=[curatorium.slug, setting["meeting"].pk])
    )

    assert response.status_code == 403


def test_a_member_answers_a_decision_without_a_meeting_in_text_form(
    client, curatorium, manager, setting
):
    decision = services.open_circular(
        committee=curatorium,
        title="Zuschuss Sommerfest",
        text="Das Kuratorium gibt 500 Euro.",
        deadline=timezone.now() + dt.timedelta(days=7),
        actor=manager,
    )
    person = setting["seat"].person
    client.force_login(person)

    page = client.get(reverse("governance:circular", args=[curatorium.slug, decision.pk]))
    without_confirmation = client.post(
        reverse("governance:circular_step", args=[curatorium.slug, decision.pk, "answer"]),
        {"choice": "yes"},
    )
    answered = client.post(
        reverse("governance:circular_step", args=[curatorium.slug, decision.pk, "answer"]),
        {"choice": "yes", "confirm": "on"},
    )

    assert "Zuschuss Sommerfest" in page.content.decode()
    assert without_confirmation.status_code == 302
    assert answered.status_code == 302
    response = CircularResponse.objects.get(decision=decision, membership=setting["seat"])
    assert response.choice == "yes"
    assert person.name in response.statement


def test_the_public_page_shows_only_members_who_agreed(client, curatorium):
    shown = services.add_membership(
        committee=curatorium, person=UserFactory(name="Erika Zeigbar"), public_consent=True
    )
    services.add_membership(committee=curatorium, person=UserFactory(name="Otto Verborgen"))

    page = client.get(reverse("governance:public")).content.decode()

    assert shown.person.name in page
    assert "Otto Verborgen" not in page


def test_the_committees_link_appears_for_curatorium_members(client, curatorium):
    person = UserFactory(roles=[Role.CURATORIUM_MEMBER])
    client.force_login(person)

    page = client.get(reverse("house:dashboard")).content.decode()

    assert reverse("governance:my_committees") in page
