"""The former German addresses lead to the English ones for good, parameters and all."""

import pytest
from django.http import QueryDict

from house.models import Role
from house.redirects import english_query
from tests.factories import UserFactory, staff_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/mein-bereich/", "/my-area/"),
        ("/mein-bereich/daten.json", "/my-area/data.json"),
        ("/mein-bereich/konto-loeschen/", "/my-area/delete-account/"),
    ],
)
def test_former_personal_area_paths_move_permanently(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_a_signed_in_person_reaches_their_area_through_the_former_path(client):
    client.force_login(UserFactory(name="Ada Muster"))
    response = client.get("/mein-bereich/", follow=True)
    assert response.redirect_chain == [("/my-area/", 301)]
    assert "Ada Muster" in response.content.decode()


def test_former_path_keeps_its_query_string(client):
    response = client.get("/mein-bereich/?next=/events/")
    assert response["Location"] == "/my-area/?next=%2Fevents%2F"


def test_board_with_former_parameters_moves_to_the_english_ones(client):
    client.force_login(staff_user(Role.RECEPTION))
    response = client.get("/reception/?datum=2031-03-04&ansicht=woche")
    assert response.status_code == 301
    assert response["Location"] == "/reception/?date=2031-03-04&view=week"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert page.context["week_view"] is True


def test_former_parameters_redirect_before_the_sign_in(client):
    response = client.get("/reception/book/?raum=raum-eder&datum=2031-03-04&von=10:00")
    assert response.status_code == 301
    assert response["Location"] == "/reception/book/?room=raum-eder&date=2031-03-04&start=10%3A00"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/reception/reports/?monat=2031-02", "/reception/reports/?month=2031-02"),
        (
            "/reception/reports/organisations.csv?jahr=2031",
            "/reception/reports/organisations.csv?year=2031",
        ),
        ("/reception/day-sheet/?datum=2031-02-03", "/reception/day-sheet/?date=2031-02-03"),
    ],
)
def test_staff_pages_move_their_former_parameters(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_room_page_moves_the_former_week_parameter(client):
    from tests.rooms.factories import RoomFactory

    room = RoomFactory(slug="raum-eder")
    response = client.get(f"/rooms/{room.slug}/?woche=2031-03-03")
    assert response.status_code == 301
    assert response["Location"] == f"/rooms/{room.slug}/?week=2031-03-03"


def test_english_parameters_are_served_without_a_redirect(client):
    client.force_login(staff_user(Role.RECEPTION))
    assert client.get("/reception/?date=2031-03-04&view=week").status_code == 200


def test_posted_forms_are_not_redirected(client):
    client.force_login(staff_user(Role.RECEPTION))
    response = client.post("/reception/book/?datum=2031-03-04", {})
    assert response.status_code == 200


def test_english_name_wins_over_a_former_one_given_beside_it():
    query = english_query(QueryDict("datum=2031-01-01&date=2031-02-02&page=2"))
    assert query is not None
    assert query.dict() == {"date": "2031-02-02", "page": "2"}


def test_only_the_view_parameter_has_its_values_translated():
    query = english_query(QueryDict("ansicht=tag&raum=woche"))
    assert query is not None
    assert query.dict() == {"view": "day", "room": "woche"}
    assert english_query(QueryDict("date=2031-01-01&view=week")) is None
