"""Events whose places are held only until the registrant confirms by the e-mail link."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events import services
from events.activity import HOLD_EXPIRED
from events.models import Event, Registration
from house.models import ActivityLog, OutboxEmail, Role
from tests.events.factories import EventFactory
from tests.factories import staff_user

pytestmark = pytest.mark.django_db


def register(event, email, seats=1, **kwargs):
    return services.register_for_event(
        event=event,
        name=kwargs.pop("name", "Erika Muster"),
        email=email,
        seats=seats,
        consent=True,
        **kwargs,
    )


def held_event(**kwargs):
    kwargs.setdefault("capacity", 2)
    return EventFactory(confirmation_required=True, **kwargs)


def overdue(*registrations):
    """Move the deadline of these holds into the past (as if a day went by)."""
    past = timezone.now() - dt.timedelta(minutes=1)
    Registration.objects.filter(pk__in=[r.pk for r in registrations]).update(confirm_by=past)


def test_registration_holds_places_until_confirmed(settings, django_capture_on_commit_callbacks):
    settings.EVENT_REGISTRATION_HOLD_HOURS = 24
    event = held_event()
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, "erika@example.org", seats=2)

    event.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert event.seats_taken == 2  # held: nobody else gets them meanwhile
    assert before + dt.timedelta(hours=24) <= registration.confirm_by
    assert registration.confirm_by <= timezone.now() + dt.timedelta(hours=24)
    message = mail.outbox[-1]
    assert "bestätigen" in message.subject.lower()
    assert registration.token in message.body
    assert not message.attachments  # the calendar invitation comes with the confirmation


def test_hold_never_lasts_beyond_the_start(settings):
    settings.EVENT_REGISTRATION_HOLD_HOURS = 24
    event = held_event(
        start=timezone.now() + dt.timedelta(hours=3), end=timezone.now() + dt.timedelta(hours=5)
    )

    registration = register(event, "erika@example.org")

    assert registration.confirm_by == event.start


def test_confirming_by_the_personal_link_makes_a_normal_registration(
    client, django_capture_on_commit_callbacks
):
    event = held_event()
    registration = register(event, "erika@example.org", seats=2)

    page = client.get(registration.get_absolute_url())
    assert "Anmeldung bestätigen" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:registration_confirm", kwargs={"token": registration.token}),
            follow=True,
        )

    registration.refresh_from_db()
    event.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.confirmed_at is not None
    assert event.seats_taken == 2
    assert "bestätigt" in response.content.decode()
    assert mail.outbox[-1].attachments[0][0].endswith(".ics")
    # Confirming twice changes nothing.
    client.post(reverse("events:registration_confirm", kwargs={"token": registration.token}))
    event.refresh_from_db()
    assert event.seats_taken == 2


def test_confirming_needs_a_post_so_mail_scanners_cannot_confirm(client):
    event = held_event()
    registration = register(event, "erika@example.org")

    response = client.get(
        reverse("events:registration_confirm", kwargs={"token": registration.token})
    )

    assert response.status_code == 405
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING


def test_unconfirmed_hold_goes_to_the_waiting_list_after_the_deadline(
    django_capture_on_commit_callbacks,
):
    event = held_event(capacity=2)
    hold = register(event, "first@example.org", seats=2)
    waiting = register(event, "second@example.org", seats=2, join_waiting_list=True)
    assert waiting.status == Registration.Status.WAITING
    overdue(hold)

    with django_capture_on_commit_callbacks(execute=True):
        released = services.expire_overdue_holds()

    assert released == 1
    hold.refresh_from_db()
    waiting.refresh_from_db()
    event.refresh_from_db()
    assert hold.status == Registration.Status.CANCELLED
    assert hold.hold_expired
    # The waiting entry gets the places, held for it in turn until it confirms.
    assert waiting.status == Registration.Status.PENDING
    assert waiting.confirm_by > timezone.now()
    assert event.seats_taken == 2
    assert ActivityLog.objects.for_object(event).of_type(HOLD_EXPIRED).count() == 1
    promoted_mail = mail.outbox[-1]
    assert promoted_mail.to == ["second@example.org"]
    assert "bestätigen" in promoted_mail.subject.lower()
    # Nothing goes to the address that never confirmed.
    assert not [m for m in mail.outbox if m.to == ["first@example.org"] and m is not mail.outbox[0]]
    assert services.expire_overdue_holds() == 0  # idempotent


def test_registrant_sees_the_released_hold_and_cannot_confirm_late(client):
    event = held_event(capacity=2)
    hold = register(event, "first@example.org", seats=2)
    overdue(hold)

    # No sweep ran yet: reading the personal page releases the hold lazily.
    page = client.get(hold.get_absolute_url()).content.decode()
    assert "Nicht rechtzeitig bestätigt" in page
    event.refresh_from_db()
    assert event.seats_taken == 0

    response = client.post(
        reverse("events:registration_confirm", kwargs={"token": hold.token}), follow=True
    )
    assert "nicht mehr" in response.content.decode() or "vergangen" in response.content.decode()
    hold.refresh_from_db()
    assert hold.status == Registration.Status.CANCELLED
    event.refresh_from_db()
    assert event.seats_taken == 0


def test_a_newcomer_gets_places_freed_by_an_overdue_hold_without_waiting_for_the_sweep():
    event = held_event(capacity=2)
    hold = register(event, "first@example.org", seats=2)
    overdue(hold)

    newcomer = register(event, "second@example.org", seats=2)

    assert newcomer.status == Registration.Status.PENDING
    event.refresh_from_db()
    assert event.seats_taken == 2


def test_the_periodic_task_releases_overdue_holds_and_is_scheduled(settings):
    from events.tasks import expire_unconfirmed_registrations_task

    event = held_event(capacity=2)
    overdue(register(event, "first@example.org", seats=2))

    assert expire_unconfirmed_registrations_task() == 1
    event.refresh_from_db()
    assert event.seats_taken == 0
    scheduled = [entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()]
    assert "events.expire_unconfirmed_registrations" in scheduled


def test_staff_registrations_and_events_without_the_option_need_no_confirmation():
    held = held_event(capacity=5)
    plain = EventFactory(capacity=5)
    reception = staff_user(Role.RECEPTION)

    assert register(plain, "a@example.org").status == Registration.Status.CONFIRMED
    assisted = services.register_for_event(
        event=held, name="Anrufer", email="", seats=1, consent=False, assisted_by=reception
    )
    assert assisted.status == Registration.Status.CONFIRMED


def test_organiser_switches_the_option_on_in_the_event_form(client, settings):
    from events.forms import EventForm
    from tenants.models import Organisation

    settings.EVENT_REGISTRATION_HOLD_HOURS = 48
    form = EventForm(organisations=Organisation.objects.all(), house_allowed=True)

    assert "confirmation_required" in form.fields
    assert "48" in str(form.fields["confirmation_required"].help_text)


def test_organiser_sees_the_holds_awaiting_confirmation(client):
    event = held_event(capacity=5)
    register(event, "pending@example.org", name="Paula Pending")
    manager = staff_user(Role.HOUSE_MANAGEMENT)
    client.force_login(manager)

    page = client.get(reverse("events:manage_event", kwargs={"slug": event.slug}))

    text = page.content.decode()
    assert "Warten auf Bestätigung" in text
    assert "Paula Pending" in text


def test_held_registration_is_exported_with_its_deadline():
    from events.privacy import EventsData
    from house.privacy import DataSubject
    from tests.factories import UserFactory

    event = held_event()
    registration = register(event, "erika@example.org")
    person = UserFactory(email="erika@example.org")

    data = EventsData().export(DataSubject(user=person, emails=frozenset({"erika@example.org"})))

    exported = data["event_registrations"][0]
    assert exported["status"] == "pending"
    assert exported["confirm_by"] == registration.confirm_by.isoformat()
    assert OutboxEmail.objects.filter(ref=f"events.registration:{registration.pk}").exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_expiry_confirmation_and_registration_race_never_overbook():
    """Sweeps, late and timely confirmations and newcomers at once: the places held and
    confirmed never exceed the capacity, an overdue hold is never confirmed, and the freed
    places go to the waiting list in its order before any newcomer."""
    event = held_event(capacity=10, max_seats_per_registration=1)
    holds = [register(event, f"hold{n}@example.org") for n in range(10)]
    late, timely = holds[:6], holds[6:]
    waiting = [register(event, f"wait{n}@example.org", join_waiting_list=True) for n in range(8)]
    overdue(*late)
    barrier = threading.Barrier(30)
    errors: list[BaseException] = []
    guard = threading.Lock()

    def run(action) -> None:
        try:
            barrier.wait()
            with contextlib.suppress(services.RegistrationError):
                action()
        except BaseException as exc:  # noqa: BLE001 - reported below
            with guard:
                errors.append(exc)
        finally:
            connection.close()

    actions = (
        [services.expire_overdue_holds] * 6
        + [lambda r=r: services.confirm_registration(registration=r) for r in late]
        + [lambda r=r: services.confirm_registration(registration=r) for r in timely]
        + [
            lambda n=n: register(event, f"new{n}@example.org", join_waiting_list=True)
            for n in range(14)
        ]
    )
    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    event = Event.objects.get(pk=event.pk)
    holding = Registration.objects.filter(event=event, status__in=["pending", "confirmed"])
    assert event.seats_taken == holding.count() <= 10
    assert event.seats_taken == 10
    for registration in late:
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CANCELLED
        assert registration.hold_expired
    for registration in timely:
        registration.refresh_from_db()
        assert registration.status == Registration.Status.CONFIRMED
    # The six freed places went to the first six of the waiting list, none to a newcomer.
    moved_up = [Registration.objects.get(pk=w.pk).status for w in waiting]
    assert moved_up[:6] == [Registration.Status.PENDING] * 6
    assert moved_up[6:] == [Registration.Status.WAITING] * 2
    assert not holding.filter(email__startswith="new").exists()


def test_the_registration_form_says_that_places_are_held_until_confirmed(client, settings):
    settings.EVENT_REGISTRATION_HOLD_HOURS = 12
    event = held_event()

    page = client.get(reverse("events:register", kwargs={"slug": event.slug})).content.decode()

    assert "12 Stunden lang frei" in page


def test_cancelling_a_held_registration_gives_its_places_to_the_waiting_list():
    event = held_event(capacity=2)
    hold = register(event, "first@example.org", seats=2)
    waiting = register(event, "second@example.org", seats=1, join_waiting_list=True)

    services.cancel_registration(registration=hold)

    waiting.refresh_from_db()
    event.refresh_from_db()
    assert waiting.status == Registration.Status.PENDING
    assert event.seats_taken == 1


def test_a_hold_of_a_cancelled_event_cannot_be_confirmed():
    event = held_event()
    hold = register(event, "first@example.org")
    services.cancel_event(actor=staff_user(Role.HOUSE_MANAGEMENT), event=event)

    with pytest.raises(services.RegistrationError):
        services.confirm_registration(registration=hold)

    hold.refresh_from_db()
    assert hold.status != Registration.Status.CONFIRMED
