"""Reminders of overdue invoices: due after the set days, in the booker's language, once per
level, through the outbox even without a worker; a second one after a further period."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings

from house.models import ActivityLog, OutboxEmail
from rooms.billing.operations.accounting import update_accounting_settings
from rooms.billing.operations.models import Reminder
from rooms.billing.operations.reminders import (
    due_reminders,
    open_items,
    send_due_reminders,
)
from rooms.billing.services import cancel_invoice, issue_invoice, record_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(issuer, make_booking, manager):
    return issue_invoice(booking=make_booking(), actor=manager)


def _reminders() -> list[OutboxEmail]:
    return list(OutboxEmail.objects.filter(kind="billing.reminder").order_by("pk"))


def test_the_first_reminder_is_due_the_set_days_after_the_due_date(invoice, manager):
    update_accounting_settings(actor=manager, first_reminder_days=10, second_reminder_days=7)
    due = invoice.due_on

    assert send_due_reminders(actor=None, today=due + dt.timedelta(days=9)) == 0
    assert send_due_reminders(actor=None, today=due + dt.timedelta(days=10)) == 1

    reminder = Reminder.objects.get()
    assert (reminder.level, reminder.outstanding, reminder.fee) == (1, invoice.gross, Decimal(0))
    [email] = _reminders()
    assert email.to == [invoice.recipient_email]
    assert invoice.number in email.subject
    assert "Zahlungserinnerung" in email.subject
    assert ActivityLog.objects.filter(action_type="billing.reminder.sent").count() == 1


def test_sending_twice_sends_nothing_twice_and_the_second_follows_later(invoice, manager):
    update_accounting_settings(actor=manager, first_reminder_days=10, second_reminder_days=7)
    day = invoice.due_on + dt.timedelta(days=10)
    send_due_reminders(actor=None, today=day)
    assert send_due_reminders(actor=None, today=day) == 0
    assert send_due_reminders(actor=None, today=day + dt.timedelta(days=6)) == 0
    assert send_due_reminders(actor=None, today=day + dt.timedelta(days=7)) == 1
    assert send_due_reminders(actor=None, today=day + dt.timedelta(days=30)) == 0

    assert [r.level for r in Reminder.objects.order_by("level")] == [1, 2]
    assert "Zweite Zahlungserinnerung" in _reminders()[1].subject


def test_no_fee_unless_configured_then_only_on_the_second(invoice, manager):
    update_accounting_settings(
        actor=manager, first_reminder_days=0, second_reminder_days=0, reminder_fee=Decimal("5.00")
    )
    day = invoice.due_on + dt.timedelta(days=1)
    send_due_reminders(actor=None, today=day)
    send_due_reminders(actor=None, today=day)
    first, second = Reminder.objects.order_by("level")

    assert (first.fee, second.fee) == (Decimal("0.00"), Decimal("5.00"))
    assert "Mahngebühr: 5,00" in _reminders()[1].body_text
    assert "Mahngebühr" not in _reminders()[0].body_text


def test_the_reminder_is_written_in_the_bookers_language(issuer, make_booking, manager):
    from tests.factories import UserFactory

    UserFactory(email="booker@example.org", language="en")
    invoice = issue_invoice(booking=make_booking(contact_email="booker@example.org"), actor=manager)
    send_due_reminders(actor=None, today=invoice.due_on + dt.timedelta(days=30))

    [email] = _reminders()
    assert email.language == "en"
    assert email.subject.startswith("Payment reminder")


def test_paid_and_cancelled_invoices_get_no_reminder(issuer, make_booking, manager):
    paid = issue_invoice(booking=make_booking(days=3), actor=manager)
    cancelled = issue_invoice(booking=make_booking(days=4), actor=manager)
    record_payment(invoice=paid, actor=manager, amount=paid.gross, paid_on=paid.issued_on)
    cancel_invoice(invoice=cancelled, actor=manager, reason="Doppelt")
    late = paid.due_on + dt.timedelta(days=60)

    assert due_reminders(today=late) == []
    assert send_due_reminders(actor=None, today=late) == 0
    assert open_items(today=late) == []


def test_open_items_list_what_is_open_with_the_next_reminder(invoice, manager):
    update_accounting_settings(actor=manager, first_reminder_days=14)
    record_payment(
        invoice=invoice, actor=manager, amount=Decimal("10.00"), paid_on=invoice.issued_on
    )
    [item] = open_items(today=invoice.due_on + dt.timedelta(days=3))

    assert item.invoice.outstanding == invoice.gross - Decimal("10.00")
    assert (item.days_overdue, item.next_level) == (3, 1)
    assert item.next_on == invoice.due_on + dt.timedelta(days=14)


def test_reminders_land_in_the_outbox_when_the_broker_is_down(
    invoice, django_capture_on_commit_callbacks
):
    from house.tasks import send_outbox_email_task

    with (
        mock.patch.object(send_outbox_email_task, "delay", side_effect=OSError("no broker")),
        mock.patch.object(send_outbox_email_task, "apply_async", side_effect=OSError("no broker")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sent = send_due_reminders(actor=None, today=invoice.due_on + dt.timedelta(days=60))

    assert sent == 1
    [email] = _reminders()
    assert email.status == OutboxEmail.Status.QUEUED


def test_the_daily_task_has_its_name_and_a_beat_entry(invoice):
    from rooms.billing.tasks import send_due_reminders_task

    assert send_due_reminders_task.name == "billing.send_due_reminders"
    assert any(
        entry["task"] == "billing.send_due_reminders"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
