"""Externals follow their booking on a personal page reached by a secret link, and the
public never sees the notes meant for the reception."""

from __future__ import annotations

import pytest
from django.urls import reverse

from house.models import ActivityLog, OutboxEmail
from house.privacy import DataSubject
from rooms.models import Booking
from rooms.services import book_room, request_booking
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, next_weekday_at
from tests.rooms.test_views_public import _request_data

pytestmark = pytest.mark.usefixtures("default_fee_rules")

STAFF_NOTE = "Bitte prüfen Sie die Nachweise"


def test_the_thank_you_page_shows_the_price_but_never_the_note_for_the_reception(client, house):
    room = RoomFactory()
    start = next_weekday_at(10)

    response = client.post(
        reverse("rooms:request", args=[room.slug]), _request_data(start), follow=True
    )

    booking = Booking.objects.get()
    assert booking.frozen_quote().warnings  # the reception sees the note …
    text = response.content.decode()
    assert "Vielen Dank" in text
    assert "quote-gross" in text  # … the public the price,
    assert STAFF_NOTE not in text  # … but not the note
    assert booking.get_requester_url() in text  # and its own page


def test_the_request_e_mail_links_to_the_personal_page_and_the_staff_copy_does_not(
    client, reception
):
    room = RoomFactory()
    booking = request_booking(actor=None, draft=draft(room, contact_email="gast@example.org"))
    assert len(booking.requester_token or "") >= 32

    mail = OutboxEmail.objects.get(to=["gast@example.org"])
    link = booking.get_requester_url()
    assert link in mail.body_text
    assert link in mail.body_html
    own = book_room(actor=reception, draft=draft(room, next_weekday_at(15)))
    copy = OutboxEmail.objects.get(ref=f"rooms.booking:{own.pk}", to=[reception.email])
    assert own.get_requester_url() not in copy.body_text


def test_the_personal_page_shows_the_state_and_withdraws_after_asking(client, house):
    room = RoomFactory()
    booking = request_booking(
        actor=None, draft=draft(room, stated_category="local_nonprofit", title="Chorprobe")
    )
    page = client.get(booking.get_requester_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert "Chorprobe" in text
    assert "Angefragt" in text
    assert STAFF_NOTE not in text
    assert page["Cache-Control"].startswith("max-age=0")

    cancel_url = reverse("rooms:requester_cancel", args=[booking.requester_token])
    ask = client.get(cancel_url)  # without JavaScript: a confirmation page
    assert ask.status_code == 200
    booking.refresh_from_db()
    assert booking.state == Booking.State.REQUESTED  # asking changes nothing

    done = client.post(cancel_url, follow=True)
    booking.refresh_from_db()
    assert booking.state == Booking.State.WITHDRAWN
    assert not booking.occupancies.exists()
    assert "zurückgezogen" in done.content.decode()
    assert (
        ActivityLog.objects.for_object(booking)
        .filter(action_type="rooms.booking.withdrawn")
        .exists()
    )


def test_a_confirmed_booking_is_cancelled_from_the_personal_page_with_a_cancel_invitation(
    client, reception
):
    room = RoomFactory()
    booking = book_room(actor=reception, draft=draft(room, contact_email="gast@example.org"))
    client.post(
        reverse("rooms:requester_cancel", args=[booking.requester_token]), {"reason": "krank"}
    )
    booking.refresh_from_db()
    assert booking.state == Booking.State.CANCELLED
    mail = OutboxEmail.objects.filter(to=["gast@example.org"]).order_by("-pk").first()
    assert any("method=CANCEL" in a["mimetype"] for a in mail.attachments)


def test_a_finished_booking_cannot_be_given_up(client, reception):
    room = RoomFactory()
    booking = book_room(actor=reception, draft=draft(room))
    Booking.objects.filter(pk=booking.pk).update(state=Booking.State.REJECTED)
    client.post(reverse("rooms:requester_cancel", args=[booking.requester_token]))
    booking.refresh_from_db()
    assert booking.state == Booking.State.REJECTED


def test_an_unknown_or_erased_link_answers_404(client):
    room = RoomFactory()
    user = UserFactory(email="gast@example.org")
    booking = request_booking(actor=None, draft=draft(room, contact_email="gast@example.org"))
    url = booking.get_requester_url()
    assert client.get(url + "x/").status_code == 404
    assert client.get(reverse("rooms:requester_booking", args=["falsch"])).status_code == 404

    from rooms.privacy import RoomsData

    exported = RoomsData().export(DataSubject.for_user(user))
    assert exported["bookings"][0]["personal_page"] == url
    RoomsData().erase(DataSubject.for_user(user))
    assert client.get(url).status_code == 404


def test_bookings_of_an_organisation_have_no_personal_link(reception):
    from tests.tenants.factories import OrganisationFactory

    room = RoomFactory()
    booking = book_room(
        actor=reception, draft=draft(room, organisation=OrganisationFactory(kind="tenant"))
    )
    assert booking.requester_token is None
