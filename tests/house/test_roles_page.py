"""House management sees who holds which role and assigns or removes one in a step."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from house.models import ActivityLog, Role, User
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db

URL = "/staff/roles/"


@pytest.fixture
def manager(client, house):
    person = staff_user(Role.HOUSE_MANAGEMENT, name="Miriam Adler")
    client.force_login(person)
    return person


def test_the_url_is_the_roles_page():
    assert reverse("house:roles") == URL


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.CURATORIUM_MEMBER, None])
def test_nobody_but_house_management_sees_the_roles(client, house, role):
    UserFactory(name="Geheime Empfangskraft", roles=[Role.RECEPTION])
    if role is not None:
        client.force_login(
            staff_user(role) if role == Role.RECEPTION else UserFactory(roles=[role])
        )
    response = client.get(URL)
    assert response.status_code in {302, 403}
    assert "Geheime Empfangskraft" not in response.content.decode()


def test_roles_are_listed_by_name_in_the_readers_language(client, manager):
    UserFactory(name="Jonas Becker", roles=[Role.RECEPTION])
    with translation.override("de"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Empfang" in page
    assert "Jonas Becker" in page
    assert ">reception<" not in page


def test_assigning_a_role_by_email_gives_it_and_logs_who_did(client, manager):
    person = UserFactory(email="neu@example.org")

    response = client.post(
        URL, {"action": "assign", "role": "reception", "email": "NEU@example.org"}
    )

    assert response.status_code == 302
    assert "reception" in User.objects.get(pk=person.pk).role_names
    entry = ActivityLog.objects.for_object(person).get()
    assert entry.actor == manager
    with translation.override("de"):
        assert entry.message == "Rolle vergeben: Empfang"


def test_an_unknown_address_is_refused_with_a_message(client, manager):
    with translation.override("de"):
        response = client.post(
            URL, {"action": "assign", "role": "reception", "email": "niemand@example.org"}
        )
    assert response.status_code == 200
    assert "kein Konto" in response.content.decode()
    assert not User.objects.filter(email="niemand@example.org").exists()


def test_nobody_changes_their_own_roles(client, manager):
    client.post(URL, {"action": "assign", "role": "reception", "email": manager.email})
    client.post(URL, {"action": "remove", "role": "house_management", "user": manager.pk})
    assert User.objects.get(pk=manager.pk).role_names == frozenset({"house_management"})


def test_removing_a_role_takes_it_away(client, manager):
    person = UserFactory(roles=[Role.CURATORIUM_MEMBER])
    response = client.post(
        URL, {"action": "remove", "role": "curatorium_member", "user": person.pk}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).role_names == frozenset()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "remove", "role": "curatorium_member", "user": "abc"},
        {"action": "remove", "role": "emperor", "user": "1"},
        {"action": "remove"},
        {"action": "assign", "role": "emperor", "email": "x@example.org"},
    ],
)
def test_bad_input_is_answered_without_a_crash(client, manager, data):
    assert client.post(URL, data).status_code in {200, 302}


def test_the_admin_offers_roles_as_named_checkboxes(client, manager):
    person = UserFactory()
    with translation.override("de"):
        page = client.get(
            f"/admin/house/user/{person.pk}/change/", HTTP_ACCEPT_LANGUAGE="de"
        ).content.decode()
    assert 'type="checkbox" name="groups"' in page
    assert "Ehrenamtskoordination" in page
    assert "selectfilter" not in page.lower()
