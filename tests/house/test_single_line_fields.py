"""Single-line fields never store a line break, whatever form a crafted POST reaches.

A browser's one-line input cannot send a line break; a crafted request can, and a
title with one broke the booking's "request received" e-mail for good. The rule
lives once, in ``house.forms.SingleLineFieldsMixin``, which every form derives from.
"""

from __future__ import annotations

import importlib

import pytest
from django import forms
from django.core import mail
from django.http import QueryDict
from django.urls import reverse

from events.models import Event, Registration
from house.forms import HouseForm, SingleLineFieldsMixin
from house.models import OutboxEmail
from house.volunteers.models import Interest
from rooms.models import Booking
from tests.events.factories import EventFactory, OrganisationFactory
from tests.rooms.factories import RoomFactory, next_weekday_at
from tests.rooms.test_views_public import _request_data
from tests.tenants.factories import org_admin
from tests.volunteers.factories import OpportunityFactory

pytestmark = pytest.mark.django_db

CRAFTED = "Chorprobe\r\nBcc: opfer@example.org\u2028X-Spam: ja"
FOLDED = "Chorprobe Bcc: opfer@example.org X-Spam: ja"

FORM_MODULES = [
    "house.forms",
    "house.volunteers.forms",
    "house.governance.forms",
    "tenants.forms",
    "tenants.admin",
    "tenants.network.forms",
    "rooms.forms",
    "rooms.admin",
    "events.forms",
    "sociallab.forms",
]
APPS = ("house", "tenants", "rooms", "events", "sociallab")


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_form_of_the_portal_derives_from_the_house_bases():
    for module in FORM_MODULES:
        importlib.import_module(module)
    ours = {
        cls
        for cls in _all_subclasses(forms.BaseForm)
        if cls.__module__.split(".")[0] in APPS and cls.__module__ != "house.forms"
    }
    assert len(ours) > 50
    strays = sorted(
        f"{c.__module__}.{c.__qualname__}" for c in ours if not issubclass(c, SingleLineFieldsMixin)
    )
    assert strays == []


class _Sample(HouseForm):
    title = forms.CharField()
    email = forms.EmailField(required=False)
    note = forms.CharField(widget=forms.Textarea, required=False)
    choice = forms.CharField(widget=forms.HiddenInput, required=False)


@pytest.mark.parametrize("data_kind", ["querydict", "dict"])
def test_line_breaks_in_single_line_fields_become_one_space_text_areas_keep_theirs(data_kind):
    raw = {
        "x-title": "  Sommer-\r\n\r\n  fest\n",
        "x-note": "Zeile eins\r\nZeile zwei",
        "x-choice": "a\u2029b",
    }
    if data_kind == "querydict":
        data = QueryDict(mutable=True)
        data.update(raw)
    else:
        data = raw

    form = _Sample(data, prefix="x")

    assert form.is_valid(), form.errors
    assert form.cleaned_data["title"] == "Sommer- fest"
    assert form.cleaned_data["note"] == "Zeile eins\r\nZeile zwei"
    assert form.cleaned_data["choice"] == "a b"
    assert raw["x-title"] == "  Sommer-\r\n\r\n  fest\n"  # the caller's data is left alone


@pytest.mark.usefixtures("default_fee_rules")
def test_a_crafted_booking_title_is_folded_and_the_request_received_email_goes_out(
    client, django_capture_on_commit_callbacks
):
    room = RoomFactory()
    start = next_weekday_at(10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("rooms:request", args=[room.slug]),
            _request_data(
                start,
                title=CRAFTED,
                contact_name="Mara\nJansen",
                message="Erste Zeile\nZweite Zeile",
            ),
        )

    assert response.status_code == 302
    booking = Booking.objects.get()
    assert booking.title == FOLDED
    assert booking.contact_name == "Mara Jansen"
    assert booking.internal_note == "Erste Zeile\nZweite Zeile"
    received = OutboxEmail.objects.get(to=["mara@example.org"])
    assert received.status == OutboxEmail.Status.SENT
    assert any(m.to == ["mara@example.org"] for m in mail.outbox)
    assert all("\n" not in m.subject and "\r" not in m.subject for m in mail.outbox)


def test_a_crafted_name_on_the_event_registration_is_folded(client):
    event = EventFactory(capacity=10)

    response = client.post(
        reverse("events:register", args=[event.slug]),
        {"name": CRAFTED, "email": "gast@example.org", "seats": 1, "consent": "on"},
    )

    assert response.status_code == 302
    assert Registration.objects.get().name == FOLDED


def test_a_crafted_event_title_from_the_organisers_editor_is_folded(client):
    from tenants.models import Membership
    from tests.events.test_views_organiser import _form_data
    from tests.factories import UserFactory

    organisation = OrganisationFactory()
    member = UserFactory()
    Membership.objects.create(user=member, organisation=organisation, role=Membership.Role.MEMBER)
    client.force_login(member)

    response = client.post(
        reverse("events:create"),
        _form_data(organisation, title=CRAFTED, registration_mode="none", capacity=""),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Event.objects.get().title == FOLDED


def test_a_crafted_organisation_name_is_folded(client):
    organisation = OrganisationFactory()
    client.force_login(org_admin(organisation))

    response = client.post(
        f"/organisations/{organisation.slug}/manage/profile/",
        {"name": "Verein\r\nfür alle", "email": organisation.email},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Verein für alle"


def test_a_crafted_name_on_the_volunteer_interest_is_folded(client):
    opportunity = OpportunityFactory()

    response = client.post(
        opportunity.get_absolute_url(),
        {"name": "Hanna\nSommer", "email": "hanna@example.org", "consent": "on"},
    )

    assert response.status_code == 302
    assert Interest.objects.get().name == "Hanna Sommer"
