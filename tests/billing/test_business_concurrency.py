"""The statement import and the reminders under concurrency (PostgreSQL, real threads):
the same statement uploaded twice at once books once; the task and the button sending
reminders at once send one reminder per invoice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from house.models import OutboxEmail
from rooms.billing.models import Payment
from rooms.billing.operations.models import BankEntry, Reminder
from rooms.billing.operations.payments import import_statement
from rooms.billing.operations.reminders import send_due_reminders
from rooms.billing.services import issue_invoice
from tests.billing.statements import volksbank_csv
from tests.billing.test_concurrency import _run_at_once

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_one_statement_uploaded_twice_at_once_books_once(issuer, make_booking, manager):
    invoices = [issue_invoice(booking=make_booking(days=d), actor=manager) for d in (3, 4)]
    content = volksbank_csv(
        [(timezone.localdate(), i.gross, i.number, "Firma") for i in invoices]
        + [(timezone.localdate(), 12, "Spende", "Erika")]
    )

    outcomes = _run_at_once(
        [
            lambda: str(import_statement(content=content, filename="x.csv", actor=manager).new)
            for _ in range(4)
        ]
    )

    assert [o for o in outcomes if o.startswith("error") or o == "refused"] == []
    assert sorted(outcomes) == ["0", "0", "0", "3"]
    assert BankEntry.objects.count() == 3
    assert Payment.objects.count() == 2


def test_reminders_sent_at_once_go_out_once(issuer, make_booking, manager):
    invoices = [issue_invoice(booking=make_booking(days=d), actor=manager) for d in (3, 4, 5)]
    late = invoices[0].due_on + dt.timedelta(days=60)

    outcomes = _run_at_once(
        [lambda: str(send_due_reminders(actor=None, today=late)) for _ in range(4)]
    )

    assert [o for o in outcomes if o.startswith("error")] == []
    assert sum(int(o) for o in outcomes) == 3
    assert Reminder.objects.count() == 3
    assert OutboxEmail.objects.filter(kind="billing.reminder").count() == 3
