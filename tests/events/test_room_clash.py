"""An event whose room is taken at its time is refused with the free times nearby, as the
reception's booking form offers them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from events import services
from events.models import Event
from house.models import Role
from rooms.models import Room
from rooms.services import book_room
from tests.events.factories import EventFactory, in_days
from tests.events.test_views_organiser import _form_data
from tests.factories import staff_user
from tests.rooms.factories import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken_room(default_fee_rules):
    """Saal Kassel is booked on the event's evening; Raum Eder is free."""
    room = Room.objects.create(
        name="Saal Kassel", slug="saal-test", area_m2=90, capacities={"theatre": 80}
    )
    Room.objects.create(name="Raum Eder", slug="eder-test", area_m2=40, capacities={"theatre": 30})
    start = in_days(10, 18)
    book_room(
        actor=staff_user(Role.RECEPTION),
        draft=draft(room, start, title="Geschlossene Sitzung", layout="theatre"),
    )
    return room


def test_the_refusal_names_free_alternatives(taken_room):
    start = in_days(10, 18)
    event = EventFactory.build(
        slug="", room=taken_room, start=start, end=start + dt.timedelta(hours=2), organisation=None
    )

    with pytest.raises(services.EventError) as info:
        services.save_event(actor=staff_user(Role.HOUSE_MANAGEMENT), event=event)

    assert info.value.field == "room"
    assert info.value.alternatives
    assert all(slot.start != start or slot.room != taken_room for slot in info.value.alternatives)


def test_the_event_form_shows_the_alternatives_and_keeps_what_was_typed(
    client, member, organisation, taken_room
):
    client.force_login(member)

    response = client.post(reverse("events:create"), _form_data(organisation, room=taken_room.pk))

    assert response.status_code == 200
    assert 'id="alternatives-title"' in response.text
    assert "Raum Eder" in response.text.split('id="alternatives-title"')[1]
    assert "Geschlossene Sitzung" not in response.text
    assert 'value="Infoabend Selbsthilfe"' in response.text
    assert Event.objects.count() == 0
