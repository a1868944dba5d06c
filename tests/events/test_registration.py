"""Registration: capacity, waiting list with group sizes, bad input, privacy."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone, translation

from events import services
from events.models import Event, Registration
from house.models import ActivityLog, Role
from tests.events.factories import EventFactory, calendar_of, in_days
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def register(event, email, seats=1, **kwargs):
    return services.register_for_event(
        event=event,
        name=kwargs.pop("name", "Erika Muster"),
        email=email,
        seats=seats,
        consent=kwargs.pop("consent", True),
        **kwargs,
    )


def test_register_for_event_confirms_and_sends_calendar_file(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=10, title="Gesund älter werden")

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, "Erika@Example.org", seats=2)

    event.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.email == "erika@example.org"
    assert event.seats_taken == 2
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Gesund älter werden" in message.subject
    assert registration.token in message.body
    assert message.attachments[0][0].endswith(".ics")
    mimetype, content = calendar_of(message)
    assert "method=REQUEST" in mimetype
    assert "METHOD:REQUEST" in content
    assert "TZID=Europe/Berlin" in content


def test_register_for_event_full_refuses_without_waiting_list():
    event = EventFactory(capacity=2)
    register(event, "a@example.org", seats=2)

    with pytest.raises(services.EventFullError):
        register(event, "b@example.org")

    assert Registration.objects.filter(event=event).count() == 1
    event.refresh_from_db()
    assert event.seats_taken == 2


def test_register_for_event_full_joins_waiting_list_with_group_size():
    event = EventFactory(capacity=2)
    register(event, "a@example.org", seats=2)

    waiting = register(event, "family@example.org", seats=3, join_waiting_list=True)

    assert waiting.status == Registration.Status.WAITING
    assert waiting.seats == 3
    event.refresh_from_db()
    assert event.seats_taken == 2


def test_register_for_event_same_email_twice_refused():
    event = EventFactory()
    register(event, "a@example.org")

    with pytest.raises(services.RegistrationError) as info:
        register(event, "A@example.org ")

    assert info.value.field == "email"
    event.refresh_from_db()
    assert event.seats_taken == 1
    assert event.registrations.count() == 1


def test_register_for_event_after_cancelling_may_register_again():
    event = EventFactory()
    first = register(event, "a@example.org")
    services.cancel_registration(registration=first)

    again = register(event, "a@example.org")

    assert again.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"seats": 5}, "seats"),
        ({"seats": 0}, "seats"),
        ({"email": "not-an-address"}, "email"),
        ({"email": ""}, "email"),
        ({"name": "  "}, "name"),
        ({"consent": False}, "consent"),
    ],
)
def test_register_for_event_bad_input_saves_nothing(kwargs, field):
    event = EventFactory(max_seats_per_registration=4)
    data = {"email": "a@example.org", "seats": 1, **kwargs}

    with pytest.raises(services.RegistrationError) as info:
        register(event, data.pop("email"), **data)

    assert info.value.field == field
    event.refresh_from_db()
    assert event.seats_taken == 0
    assert not event.registrations.exists()


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [
        (1, None, "opens"),
        (None, -1, "closed"),
    ],
)
def test_register_for_event_outside_window_refused(opens, closes, message):
    now = timezone.now()
    event = EventFactory(
        registration_opens=now + dt.timedelta(days=opens) if opens else None,
        registration_closes=now + dt.timedelta(days=closes) if closes else None,
    )

    with translation.override("en"), pytest.raises(services.RegistrationError, match=message):
        register(event, "a@example.org")

    assert not event.registrations.exists()


def test_register_for_event_past_event_refused():
    event = EventFactory(start=in_days(-2), end=in_days(-2) + dt.timedelta(hours=1))

    with translation.override("en"), pytest.raises(services.RegistrationError, match="closed"):
        register(event, "a@example.org")


def test_register_for_event_assisted_by_staff_needs_no_email():
    reception = staff_user(Role.RECEPTION)
    event = EventFactory()

    registration = register(event, "", consent=False, assisted_by=reception, name="Herr Weber")

    assert registration.assisted is True
    assert registration.registered_by == reception
    assert registration.consent_at is None


def test_register_for_event_keeps_only_answers_to_asked_questions():
    event = EventFactory(questions="Organisation\nErnährung")

    registration = register(
        event, "a@example.org", answers={"Organisation": "AWO", "Hack": "x" * 10}
    )

    assert registration.answers == {"Organisation": "AWO", "Ernährung": ""}


def test_cancel_registration_promotes_first_waiting_entry_that_fits(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=4)
    single = register(event, "single@example.org", seats=2)
    register(event, "pair@example.org", seats=2)
    family = register(event, "family@example.org", seats=4, join_waiting_list=True)
    couple = register(event, "couple@example.org", seats=2, join_waiting_list=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(registration=single)

    family.refresh_from_db()
    couple.refresh_from_db()
    event.refresh_from_db()
    assert family.status == Registration.Status.WAITING
    assert couple.status == Registration.Status.CONFIRMED
    assert event.seats_taken == 4
    log = ActivityLog.objects.for_object(event).of_type("events.registration.promoted").get()
    assert log.data["registration"] == couple.pk
    assert log.data["skipped"] == [family.pk]
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["couple@example.org", "single@example.org"]


def test_cancel_registration_promotes_family_when_enough_places_free():
    event = EventFactory(capacity=4)
    first = register(event, "one@example.org", seats=2)
    second = register(event, "two@example.org", seats=2)
    family = register(event, "family@example.org", seats=4, join_waiting_list=True)

    services.cancel_registration(registration=first)
    family.refresh_from_db()
    assert family.status == Registration.Status.WAITING
    services.cancel_registration(registration=second)

    family.refresh_from_db()
    event.refresh_from_db()
    assert family.status == Registration.Status.CONFIRMED
    assert event.seats_taken == 4


def test_cancel_registration_leaving_waiting_list_frees_nothing():
    event = EventFactory(capacity=1)
    register(event, "one@example.org")
    waiting = register(event, "two@example.org", join_waiting_list=True)

    services.cancel_registration(registration=waiting)

    event.refresh_from_db()
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CANCELLED
    assert event.seats_taken == 1


def test_cancel_registration_twice_is_harmless():
    event = EventFactory(capacity=3)
    registration = register(event, "one@example.org", seats=2)

    services.cancel_registration(registration=registration)
    services.cancel_registration(registration=registration)

    event.refresh_from_db()
    assert event.seats_taken == 0


def test_save_event_raising_capacity_promotes_waiting_list():
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    event = EventFactory(capacity=1)
    register(event, "one@example.org")
    waiting = register(event, "two@example.org", seats=2, join_waiting_list=True)

    event.capacity = 3
    services.save_event(actor=manager, event=event)

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_save_event_lowering_capacity_below_taken_refused():
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    event = EventFactory(capacity=5)
    register(event, "one@example.org", seats=3)

    event.capacity = 2
    with pytest.raises(services.EventError):
        services.save_event(actor=manager, event=event)

    event.refresh_from_db()
    assert event.capacity == 5


def test_save_event_stale_instance_does_not_overwrite_seat_counter():
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    event = EventFactory(capacity=5)
    stale = Event.objects.get(pk=event.pk)
    register(event, "one@example.org", seats=3)

    stale.title = "Neuer Titel"
    services.save_event(actor=manager, event=stale)

    event.refresh_from_db()
    assert event.seats_taken == 3
    assert event.title == "Neuer Titel"
    assert event.sequence == 1


def test_anonymise_past_registrations_keeps_counts():
    event = EventFactory(capacity=5)
    kept = EventFactory(capacity=5, start=in_days(-10), end=in_days(-10) + dt.timedelta(hours=1))
    register(event, "one@example.org", seats=3)
    Event.objects.filter(pk=event.pk).update(
        start=in_days(-100), end=in_days(-100) + dt.timedelta(hours=1)
    )
    recent = Registration.objects.create(
        event=kept, name="Recent", email="r@example.org", seats=1, status="confirmed"
    )

    erased = services.anonymise_past_registrations(days=90)

    registration = event.registrations.get()
    assert erased == 1
    assert registration.name == ""
    assert registration.email == ""
    assert registration.anonymised
    assert registration.seats == 3
    recent.refresh_from_db()
    assert recent.name == "Recent"
    assert services.anonymise_past_registrations(days=90) == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_register_for_event_concurrent_never_exceeds_capacity():
    event = EventFactory(capacity=10, max_seats_per_registration=1)
    barrier = threading.Barrier(32)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(n: int) -> None:
        try:
            barrier.wait()
            try:
                register(event, f"person{n}@example.org")
                result = "ok"
            except services.EventFullError:
                result = "full"
            with lock:
                outcomes.append(result)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    event.refresh_from_db()
    assert event.seats_taken == 10
    assert outcomes.count("ok") == 10
    assert outcomes.count("full") == 22
    assert Registration.objects.filter(event=event, status="confirmed").count() == 10


def test_anonymise_task_reads_retention_setting(settings):
    from events.tasks import anonymise_past_registrations_task

    settings.EVENT_REGISTRATION_RETENTION_DAYS = 5
    event = EventFactory(capacity=5)
    register(event, "one@example.org")
    Event.objects.filter(pk=event.pk).update(
        start=in_days(-7), end=in_days(-7) + dt.timedelta(hours=1)
    )

    assert anonymise_past_registrations_task() == 1
    assert event.registrations.get().email == ""


def test_registration_refreshes_its_event_and_the_listings_but_not_feeds_or_other_events(
    django_capture_on_commit_callbacks,
):
    from house.caching import current_versions, raise_versions_now

    event = EventFactory()
    other = EventFactory()
    names = [
        services.LISTINGS_VERSION,
        services.event_version(event.slug),
        services.FEEDS_VERSION,
        services.event_version(other.slug),
    ]
    raise_versions_now(names)
    before = current_versions(names)

    with django_capture_on_commit_callbacks(execute=True):
        register(event, "one@example.org")

    after = current_versions(names)
    assert after[0] != before[0]  # the listings show the places left
    assert after[1] != before[1]  # so does the event's page
    assert after[2:] == before[2:]  # feeds and other events' pages stay
