"""What an event's JSON-LD offers: nothing in stock once it is cancelled or over."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from events.jsonld import event_data
from events.models import Event
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def _availability(event):
    return event_data(event)["offers"]["availability"].rsplit("/", 1)[1]


def test_an_upcoming_event_with_places_is_in_stock():
    assert _availability(EventFactory()) == "InStock"


def test_a_cancelled_event_is_no_longer_offered():
    event = EventFactory(status=Event.Status.CANCELLED)

    assert _availability(event) == "Discontinued"


def test_a_past_event_is_no_longer_offered():
    start = timezone.now() - dt.timedelta(days=3)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=2))

    assert _availability(event) == "OutOfStock"


def test_an_event_whose_registration_has_not_opened_is_a_preorder():
    event = EventFactory(registration_opens=timezone.now() + dt.timedelta(days=1))

    assert _availability(event) == "PreOrder"
