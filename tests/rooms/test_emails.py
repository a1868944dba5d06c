"""Booking e-mails: who gets what, in which language, with which calendar invitation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from house.models import OutboxEmail
from rooms import emails
from rooms.emails import rendering
from rooms.models import Booking
from rooms.services import (
    Recurrence,
    book_room,
    book_series,
    cancel_booking,
    confirm_booking,
    move_booking,
    reject_booking,
    request_booking,
)
from tests.factories import UserFactory
from tests.rooms.factories import RoomFactory, draft, next_weekday_at

pytestmark = pytest.mark.usefixtures("default_fee_rules", "house")


def _event(message) -> tuple[str, object]:
    """(METHOD, first VEVENT) of the invitation attached to ``message``."""
    content = _invitation_of(message)
    calendar = Calendar.from_ical(content)
    event = next(c for c in calendar.walk("VEVENT"))
    return str(calendar["METHOD"]), event


def _invitation_of(message) -> bytes:
    """The iTIP part: the last alternative (as Outlook needs it) and the same as invite.ics."""
    [(content, mimetype)] = [a for a in message.alternatives if a[1].startswith("text/calendar")]
    assert message.alternatives[-1][1] == mimetype
    assert "method=" in mimetype
    [(_filename, attached, _type)] = message.attachments
    assert attached == content.encode()
    return content.encode()


def _to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_book_room_queues_confirmation_with_request_invitation(
    reception, django_capture_on_commit_callbacks
):
    room = RoomFactory(name="Saal Fulda", floor="2. OG", induction_loop=True)
    start = next_weekday_at(10)

    with django_capture_on_commit_callbacks(execute=True):
        booking = book_room(actor=reception, draft=draft(room, start, title="Vorstand"))

    rows = OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}")
    assert {r.kind for r in rows} == {emails.Kind.CONFIRMATION}
    assert {r.status for r in rows} == {OutboxEmail.Status.SENT}
    [message] = _to("erika@example.org")
    assert "Vorstand" in message.subject
    assert "Saal Fulda" in message.body
    assert "2. OG" in message.body  # access notes
    assert "Treppe 4" in message.body or "Kassel" in message.body  # the house's contact details
    html = message.alternatives[0][0]
    assert "<html" in html
    assert "Saal Fulda" in html
    method, event = _event(message)
    assert method == "REQUEST"
    assert str(event["UID"]) == f"booking-{booking.pk}@{emails.uid_domain()}"
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == start
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert "erika@example.org" in str(event["ATTENDEE"])
    assert "ORGANIZER" in event


def test_staff_copy_goes_to_the_acting_reception_without_invitation(
    reception, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(RoomFactory()))

    [copy] = _to(reception.email)
    assert copy.attachments == []
    assert "reception" in copy.body.lower() or "empfang" in copy.body.lower()


def test_email_is_written_in_the_recipients_language(reception, django_capture_on_commit_callbacks):
    UserFactory(email="anna@example.org", language="en")
    reception.language = "de"
    reception.save()

    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(RoomFactory(), contact_email="anna@example.org"))

    [english] = _to("anna@example.org")
    [german] = _to(reception.email)
    # Rendered under the recipient's language (the German catalogue is merged by the lead).
    assert 'lang="en"' in english.alternatives[0][0]
    assert 'lang="de"' in german.alternatives[0][0]
    assert OutboxEmail.objects.get(to=["anna@example.org"]).language == "en"


def test_contact_without_account_gets_german(reception, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        book_room(actor=reception, draft=draft(RoomFactory()))

    assert OutboxEmail.objects.get(to=["erika@example.org"]).language == "de"


def test_move_sends_change_with_same_uid_and_higher_sequence(
    reception, django_capture_on_commit_callbacks
):
    start = next_weekday_at(10)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book_room(actor=reception, draft=draft(RoomFactory(), start))
    with django_capture_on_commit_callbacks(execute=True):
        move_booking(
            actor=reception,
            booking=booking,
            start=start + dt.timedelta(hours=3),
            end=start + dt.timedelta(hours=5),
        )
    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(actor=reception, booking=Booking.objects.get(pk=booking.pk), reason="Krank")

    first, change, cancel = _to("erika@example.org")
    _m1, confirmed = _event(first)
    method2, changed = _event(change)
    method3, cancelled = _event(cancel)
    assert method2 == "REQUEST"
    assert method3 == "CANCEL"
    assert confirmed["UID"] == changed["UID"] == cancelled["UID"]
    assert int(confirmed["SEQUENCE"]) < int(changed["SEQUENCE"]) < int(cancelled["SEQUENCE"])
    assert changed.decoded("DTSTART") == start + dt.timedelta(hours=3)
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert "Krank" in cancel.body
    assert OutboxEmail.objects.filter(kind=emails.Kind.CHANGE).exists()


def test_request_then_reject_sends_received_and_reason(
    reception, django_capture_on_commit_callbacks
):
    external = UserFactory(email="extern@example.org", language="de")
    with django_capture_on_commit_callbacks(execute=True):
        booking = request_booking(
            actor=external, draft=draft(RoomFactory(), contact_email="extern@example.org")
        )
    with django_capture_on_commit_callbacks(execute=True):
        reject_booking(actor=reception, booking=booking, reason="Raum wird renoviert")

    received, rejected = _to("extern@example.org")
    assert received.attachments == []
    assert rejected.attachments == []
    assert "Raum wird renoviert" in rejected.body
    kinds = list(
        OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}")
        .order_by("pk")
        .values_list("kind", flat=True)
    )
    assert kinds[0] == emails.Kind.REQUEST_RECEIVED
    assert emails.Kind.REJECTION in kinds


def test_confirming_a_request_sends_the_invitation(reception, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking = request_booking(actor=None, draft=draft(RoomFactory()))
    with django_capture_on_commit_callbacks(execute=True):
        confirm_booking(actor=reception, booking=booking)

    _received, confirmed = _to("erika@example.org")
    method, _vevent = _event(confirmed)
    assert method == "REQUEST"


def test_rolled_back_booking_leaves_no_email(reception):
    from django.db import transaction

    def book_and_fail() -> None:
        with transaction.atomic():
            book_room(actor=reception, draft=draft(RoomFactory()))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        book_and_fail()

    assert not OutboxEmail.objects.exists()


def test_series_sends_one_summary_with_one_recurring_event(
    reception, django_capture_on_commit_callbacks
):
    from house.models import ClosureDay

    start = next_weekday_at(18, days_ahead=14)
    closed = (start + dt.timedelta(days=14)).date()
    ClosureDay.objects.create(date=closed, reason="Betriebsausflug")

    with django_capture_on_commit_callbacks(execute=True):
        _series, bookings = book_series(
            actor=reception,
            draft=draft(RoomFactory(), start, title="Chorprobe"),
            recurrence=Recurrence(freq="weekly", weekdays=(start.weekday(),), count=4),
        )

    assert len(bookings) == 3
    [summary] = _to("erika@example.org")
    assert "Betriebsausflug" in summary.body
    method, event = _event(summary)
    assert method == "REQUEST"
    assert "RRULE" in event
    assert "EXDATE" in event
    assert event.decoded("DTSTART") == start
    assert OutboxEmail.objects.filter(kind=emails.Kind.SERIES_SUMMARY).count() == 2  # + staff
    assert not OutboxEmail.objects.filter(kind=emails.Kind.CONFIRMATION).exists()


def test_cancelling_one_occurrence_cancels_it_in_the_series(
    reception, django_capture_on_commit_callbacks
):
    start = next_weekday_at(18, days_ahead=14)
    series, bookings = book_series(
        actor=reception,
        draft=draft(RoomFactory(), start),
        recurrence=Recurrence(freq="weekly", weekdays=(start.weekday(),), count=3),
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        cancel_booking(actor=reception, booking=bookings[1])

    [message] = _to("erika@example.org")
    method, event = _event(message)
    assert method == "CANCEL"
    assert str(event["UID"]) == f"series-{series.pk}@{emails.uid_domain()}"
    assert event.decoded("RECURRENCE-ID") == bookings[1].start


def test_reminders_go_out_once_for_tomorrows_bookings(reception):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10)))
    room = RoomFactory()
    booking = Booking.objects.create(
        room=room,
        start=start,
        end=start + dt.timedelta(hours=2),
        title="Workshop",
        purpose="nonprofit",
        booker_category="commercial",
        attendees=5,
        layout="boardroom",
        contact_email="erika@example.org",
        state=Booking.State.CONFIRMED,
    )

    assert emails.queue_reminders() == 1
    assert emails.queue_reminders() == 0
    row = OutboxEmail.objects.get(kind=emails.Kind.REMINDER)
    assert row.ref == f"rooms.booking:{booking.pk}"
    assert "Workshop" in row.subject


def test_reception_sees_what_was_sent_and_what_failed(client, reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory(), title="Klausur"))
    OutboxEmail.objects.filter(to=["erika@example.org"]).update(
        status=OutboxEmail.Status.FAILED, last_error="SMTPRecipientsRefused: 550 unknown user"
    )
    client.force_login(reception)

    page = client.get(f"/reception/emails/booking/{booking.pk}/").content.decode()

    assert "Klausur" in page
    assert "550 unknown user" in page
    assert "erika@example.org" in page


def test_reception_resends_a_failed_email(client, reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory()))
    failed = OutboxEmail.objects.get(to=["erika@example.org"])
    OutboxEmail.objects.filter(pk=failed.pk).update(status=OutboxEmail.Status.FAILED)
    client.force_login(reception)

    response = client.post(f"/reception/emails/booking/{booking.pk}/{failed.pk}/resend/")

    assert response.status_code == 302
    copies = OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}", to=["erika@example.org"])
    assert copies.count() == 2
    assert copies.exclude(pk=failed.pk).get().created_by == reception


def test_email_of_another_booking_cannot_be_resent_through_this_one(client, reception):
    one = book_room(actor=reception, draft=draft(RoomFactory()))
    other = book_room(actor=reception, draft=draft(RoomFactory()))
    foreign = OutboxEmail.objects.filter(ref=f"rooms.booking:{other.pk}").first()
    client.force_login(reception)

    response = client.post(f"/reception/emails/booking/{one.pk}/{foreign.pk}/resend/")

    assert response.status_code == 404
    assert OutboxEmail.objects.count() == 4


def test_outsider_sees_no_booking_emails(client, reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory(), title="Vertraulich"))
    client.force_login(UserFactory())

    response = client.get(f"/reception/emails/booking/{booking.pk}/")
    resend = client.post(f"/reception/emails/booking/{booking.pk}/1/resend/")

    assert response.status_code == 403
    assert resend.status_code == 403
    assert b"Vertraulich" not in response.content
    assert OutboxEmail.objects.count() == 2


# One of them counts the waiting requests for the reception's menu (then cached).
@pytest.mark.parametrize(("count", "queries"), [(1, 5), (3, 5)])
def test_booking_emails_page_query_count(
    client, reception, django_assert_num_queries, count, queries
):
    booking = book_room(actor=reception, draft=draft(RoomFactory()))
    for _i in range(count - 1):
        move_booking(
            actor=reception,
            booking=booking,
            start=booking.start + dt.timedelta(minutes=30),
            end=booking.end + dt.timedelta(minutes=30),
        )
    client.force_login(reception)

    with django_assert_num_queries(queries):
        client.get(f"/reception/emails/booking/{booking.pk}/")


def test_series_invitation_has_the_same_instants_in_icalendar_and_icaljs(
    reception, django_capture_on_commit_callbacks
):
    """A weekly series across the October clock change: 18:00 local on every date, in both
    parsers, skipped dates left out."""
    from house.models import ClosureDay
    from tests.ical.icaljs import parse_with_icaljs, skip_without_icaljs

    skip_without_icaljs()
    year = timezone.localdate().year + 1
    change = dt.date(year, 10, 31)
    while change.weekday() != 6:
        change -= dt.timedelta(days=1)
    first = timezone.make_aware(dt.datetime.combine(change - dt.timedelta(days=13), dt.time(18)))
    ClosureDay.objects.create(date=(first + dt.timedelta(days=7)).date(), reason="Putztag")
    room = RoomFactory(max_advance_days=800)

    with django_capture_on_commit_callbacks(execute=True):
        _series, bookings = book_series(
            actor=reception,
            draft=draft(room, first, title="Chor"),
            recurrence=Recurrence(freq="weekly", weekdays=(first.weekday(),), count=5),
        )

    [summary] = _to("erika@example.org")
    [event] = parse_with_icaljs(_invitation_of(summary))["events"]
    js_starts = [start for start, _end in event["occurrences"]]
    assert js_starts == [int(b.start.timestamp()) for b in bookings]
    assert {timezone.localtime(b.start).hour for b in bookings} == {18}
    assert len(bookings) == 4


def test_outbox_message_id_is_stable_across_attempts_and_unique_per_row(reception):
    import smtplib
    from unittest import mock

    from house.services import outbox_message_id, send_outbox_email

    book_room(actor=reception, draft=draft(RoomFactory()))
    first, second = OutboxEmail.objects.order_by("pk")
    mail.outbox.clear()
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.send_messages",
        side_effect=smtplib.SMTPServerDisconnected("gone"),
    ):
        send_outbox_email(email_id=first.pk)
    OutboxEmail.objects.filter(pk=first.pk).update(next_attempt_at=timezone.now())

    send_outbox_email(email_id=first.pk)

    [message] = mail.outbox
    assert message.extra_headers["Message-ID"] == outbox_message_id(first)
    assert outbox_message_id(first) != outbox_message_id(second)
    first.refresh_from_db()
    assert first.attempts == 2


def test_booking_page_shows_the_emails_at_a_glance(client, reception):
    booking = book_room(actor=reception, draft=draft(RoomFactory(), title="Klausur"))
    OutboxEmail.objects.filter(to=["erika@example.org"]).update(status=OutboxEmail.Status.FAILED)
    client.force_login(reception)

    page = client.get(f"/reception/bookings/{booking.pk}/").content.decode()

    assert "Klausur → erika@example.org" in page
    assert "text-bg-danger" in page
    assert f"/reception/emails/booking/{booking.pk}/" in page


def test_a_broken_email_never_undoes_the_booking(reception, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("template exploded")

    monkeypatch.setattr(rendering, "_render", broken)

    booking = book_room(actor=reception, draft=draft(RoomFactory()))

    assert Booking.objects.filter(pk=booking.pk, state=Booking.State.CONFIRMED).exists()
    rows = OutboxEmail.objects.filter(ref=f"rooms.booking:{booking.pk}")
    assert {r.status for r in rows} == {OutboxEmail.Status.FAILED}
    assert "template exploded" in rows.first().last_error


def test_send_again_composes_an_email_that_could_not_be_written(client, reception, monkeypatch):
    real_render = rendering._render
    monkeypatch.setattr(
        rendering, "_render", lambda *a, **k: (_ for _ in ()).throw(ValueError("x"))
    )
    booking = book_room(actor=reception, draft=draft(RoomFactory(), title="Klausur"))
    failed = OutboxEmail.objects.get(to=["erika@example.org"])
    monkeypatch.setattr(rendering, "_render", real_render)
    client.force_login(reception)

    client.post(f"/reception/emails/booking/{booking.pk}/{failed.pk}/resend/")

    fresh = OutboxEmail.objects.exclude(pk=failed.pk).get(to=["erika@example.org"])
    assert "Klausur" in fresh.body_text
    assert fresh.kind == emails.Kind.CONFIRMATION
    assert fresh.attachments  # the invitation, composed anew


def test_moving_one_occurrence_updates_it_in_the_series(
    reception, django_capture_on_commit_callbacks
):
    from tests.ical.icaljs import parse_with_icaljs, skip_without_icaljs

    skip_without_icaljs()
    start = next_weekday_at(18, days_ahead=14)
    series, bookings = book_series(
        actor=reception,
        draft=draft(RoomFactory(), start),
        recurrence=Recurrence(freq="weekly", weekdays=(start.weekday(),), count=3),
    )
    original = bookings[1].start
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move_booking(
            actor=reception,
            booking=bookings[1],
            start=original + dt.timedelta(hours=1),
            end=original + dt.timedelta(hours=3),
        )

    [message] = _to("erika@example.org")
    method, event = _event(message)
    assert method == "REQUEST"
    assert str(event["UID"]) == f"series-{series.pk}@{emails.uid_domain()}"
    assert event.decoded("RECURRENCE-ID") == original
    assert event.decoded("DTSTART") == original + dt.timedelta(hours=1)
    [js] = parse_with_icaljs(_invitation_of(message))["events"]
    assert js["recurrenceId"] == int(original.timestamp())
    assert js["start"] == int((original + dt.timedelta(hours=1)).timestamp())


def test_cancelling_the_rest_of_a_series_sends_one_email_with_every_date(
    reception, django_capture_on_commit_callbacks
):
    from rooms.services import cancel_series
    from tests.ical.icaljs import parse_with_icaljs, skip_without_icaljs

    skip_without_icaljs()
    start = next_weekday_at(18, days_ahead=14)
    series, bookings = book_series(
        actor=reception,
        draft=draft(RoomFactory(), start, title="Chor"),
        recurrence=Recurrence(freq="weekly", weekdays=(start.weekday(),), count=4),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        cancel_series(
            actor=reception, series=series, from_date=bookings[1].start.date(), reason="Umzug"
        )

    [message] = _to("erika@example.org")
    [_copy] = _to(reception.email)
    content = _invitation_of(message)
    calendar = Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == "CANCEL"
    events = list(calendar.walk("VEVENT"))
    assert {str(e["UID"]) for e in events} == {f"series-{series.pk}@{emails.uid_domain()}"}
    assert sorted(e.decoded("RECURRENCE-ID") for e in events) == [b.start for b in bookings[1:]]
    assert {str(e["STATUS"]) for e in events} == {"CANCELLED"}
    assert "Umzug" in message.body
    js = parse_with_icaljs(content)["events"]
    assert sorted(e["recurrenceId"] for e in js) == [int(b.start.timestamp()) for b in bookings[1:]]
    assert OutboxEmail.objects.filter(kind=emails.Kind.CANCELLATION).count() == 2


def test_moving_the_rest_of_a_series_sends_one_update_with_every_date(
    reception, django_capture_on_commit_callbacks
):
    from rooms.services import move_series

    start = next_weekday_at(18, days_ahead=14)
    series, bookings = book_series(
        actor=reception,
        draft=draft(RoomFactory(), start, title="Chor"),
        recurrence=Recurrence(freq="weekly", weekdays=(start.weekday(),), count=3),
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        move_series(
            actor=reception,
            series=series,
            from_date=bookings[0].start.date(),
            start_time=dt.time(19),
            end_time=dt.time(21),
        )

    [message] = _to("erika@example.org")
    calendar = Calendar.from_ical(_invitation_of(message))
    assert str(calendar["METHOD"]) == "REQUEST"
    events = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("RECURRENCE-ID"))
    assert [e.decoded("RECURRENCE-ID") for e in events] == [b.start for b in bookings]
    assert [e.decoded("DTSTART") for e in events] == [
        b.start + dt.timedelta(hours=1) for b in bookings
    ]
    assert all(int(e["SEQUENCE"]) == 1 for e in events)


def test_a_series_move_that_fails_leaves_no_email_and_no_stale_merge(
    reception, django_capture_on_commit_callbacks
):
    from rooms.services import BookingError, move_series

    start = next_weekday_at(18, days_ahead=14)
    room = RoomFactory()
    series, bookings = book_series(
        actor=reception,
        draft=draft(room, start),
        recurrence=Recurrence(freq="weekly", weekdays=(start.weekday(),), count=3),
    )
    blocker = bookings[2].start + dt.timedelta(hours=3)
    book_room(actor=reception, draft=draft(room, blocker, hours=1))
    before = OutboxEmail.objects.count()

    with pytest.raises(BookingError):
        move_series(
            actor=reception,
            series=series,
            from_date=bookings[0].start.date(),
            start_time=dt.time(20),
            end_time=dt.time(21),
        )
    assert OutboxEmail.objects.count() == before
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        move_booking(
            actor=reception,
            booking=Booking.objects.get(pk=bookings[0].pk),
            start=bookings[0].start + dt.timedelta(hours=1),
            end=bookings[0].end + dt.timedelta(hours=1),
        )

    [message] = _to("erika@example.org")
    assert len(list(Calendar.from_ical(_invitation_of(message)).walk("VEVENT"))) == 1
