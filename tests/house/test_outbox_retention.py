"""Sent e-mails keep their content only for the retention period; erasure purges them too."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.models import OutboxEmail
from house.privacy import ERASED
from house.services import purge_old_emails, queue_email, recipient_hash

pytestmark = pytest.mark.django_db


def _sent(days_ago: int, to: str = "anna@example.org") -> OutboxEmail:
    email = queue_email(
        to=[to],
        subject="Ihre Buchung",
        text="Guten Tag Anna Beispiel",
        html="<p>Guten Tag Anna Beispiel</p>",
        attachments=[
            {"filename": "a.ics", "content": "ATTENDEE:anna", "mimetype": "text/calendar"}
        ],
        reply_to="empfang@example.org",
    )
    sent_at = timezone.now() - dt.timedelta(days=days_ago)
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENT, sent_at=sent_at, created_at=sent_at
    )
    email.refresh_from_db()
    return email


def test_emails_past_the_retention_period_lose_content_and_readable_recipients(settings):
    settings.OUTBOX_RETENTION_DAYS = 90
    old = _sent(91)
    recent = _sent(89, to="bert@example.org")
    from house.services import outbox_message_id

    message_id = outbox_message_id(old)

    assert purge_old_emails() == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.to == [recipient_hash("ANNA@example.org")]
    assert "anna" not in old.to[0]
    assert (old.body_text, old.body_html, old.attachments, old.reply_to) == (ERASED, "", [], "")
    assert (old.subject, old.status) == ("Ihre Buchung", OutboxEmail.Status.SENT)
    assert old.sent_at is not None
    assert old.purged_at is not None
    assert outbox_message_id(old) == message_id
    assert recent.body_text == "Guten Tag Anna Beispiel"
    assert recent.to == ["bert@example.org"]


def test_purging_twice_changes_nothing_more(settings):
    settings.OUTBOX_RETENTION_DAYS = 30
    _sent(40)
    assert purge_old_emails() == 1
    assert purge_old_emails() == 0


def test_queued_emails_are_never_purged_by_age(settings):
    settings.OUTBOX_RETENTION_DAYS = 1
    email = queue_email(to=["anna@example.org"], subject="Später", text="Noch nicht gesendet")
    OutboxEmail.objects.filter(pk=email.pk).update(
        created_at=timezone.now() - dt.timedelta(days=10)
    )
    assert purge_old_emails() == 0


def test_the_retention_purge_runs_daily_from_beat(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "house.purge_old_emails" in tasks


def test_anonymising_past_registrations_purges_their_emails():
    from events.services import anonymise_past_registrations, register_for_event
    from tests.events.factories import EventFactory, in_days

    event = EventFactory()
    registration = register_for_event(
        event=event, name="Clara Gast", email="clara@example.org", seats=1, consent=True
    )
    other = queue_email(to=["dora@example.org"], subject="Anderes", text="Bleibt")
    later = timezone.now() + dt.timedelta(days=200)
    assert in_days(7) < later

    assert anonymise_past_registrations(now=later, days=90) == 1

    mails = OutboxEmail.objects.filter(ref=f"events.registration:{registration.pk}")
    assert mails.exists()
    assert all(m.purged_at and "clara" not in str(m.to) for m in mails)
    assert all("Clara" not in m.body_text for m in mails)
    other.refresh_from_db()
    assert other.body_text == "Bleibt"
