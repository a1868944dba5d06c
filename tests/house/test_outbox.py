import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from house.models import OutboxEmail
from house.services import queue_email, resend_email, send_outbox_email, sweep_outbox

pytestmark = pytest.mark.django_db


def _queue(**kwargs):
    defaults = {"to": ["gast@example.org"], "subject": "Ihre Buchung", "text": "Hallo"}
    return queue_email(**(defaults | kwargs))


def test_email_is_sent_only_after_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        email = _queue(
            attachments=[
                {"filename": "b.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
            ]
        )
        assert mail.outbox == []
    assert len(callbacks) == 1
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.sent_at is not None
    assert mail.outbox[0].subject == "Ihre Buchung"
    assert mail.outbox[0].attachments[0][0] == "b.ics"


def test_rolled_back_change_leaves_no_email(django_capture_on_commit_callbacks):
    with (  # noqa: PT012 - the failure must happen inside the transaction
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _queue()
        raise RuntimeError("booking failed")
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_sending_twice_sends_once():
    email = _queue()
    assert send_outbox_email(email_id=email.pk) is True
    assert send_outbox_email(email_id=email.pk) is False
    assert len(mail.outbox) == 1


def test_temporary_smtp_error_is_retried_later_with_backoff():
    email = _queue()
    with mock.patch(
        "django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPServerDisconnected("weg")
    ):
        assert send_outbox_email(email_id=email.pk) is False
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at > timezone.now() + timezone.timedelta(seconds=50)
    # Not due yet: a run now does nothing; once due, it is sent.
    assert send_outbox_email(email_id=email.pk) is False
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert send_outbox_email(email_id=email.pk) is True
    assert len(mail.outbox) == 1


def test_permanent_smtp_error_marks_the_email_failed():
    email = _queue()
    refused = smtplib.SMTPRecipientsRefused({"gast@example.org": (550, b"no such user")})
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=refused):
        send_outbox_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert "550" in email.last_error


def test_sweeper_releases_claims_of_dead_workers_and_sends_due_mail():
    email = _queue()
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxEmail.Status.SENDING, claimed_at=timezone.now() - timezone.timedelta(hours=1)
    )
    assert sweep_outbox() == 1
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1


def test_commit_succeeds_when_the_broker_is_down(django_capture_on_commit_callbacks):
    with (
        mock.patch(
            "house.tasks.send_outbox_email_task.apply_async",
            side_effect=ConnectionError("redis down"),
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        email = _queue()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED
    assert sweep_outbox() == 1
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT


def test_resend_queues_a_copy_and_keeps_the_original():
    email = _queue()
    send_outbox_email(email_id=email.pk)
    copy = resend_email(email_id=email.pk, by=None)
    send_outbox_email(email_id=copy.pk)
    assert copy.pk != email.pk
    assert len(mail.outbox) == 2
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count() == 2
