"""Payment reminders for overdue invoices, and the list of open items.

The first reminder goes out a set number of days after the due date, the second
a further period after the first (both in the accounting settings). A reminder
costs nothing unless house management set a fee for the second one. Sending is
idempotent: one reminder per invoice and level (a unique constraint, and the
invoice's lock while deciding), so the daily task and the button may run at the
same time. The e-mails go through the outbox: they land even when the worker or
the broker is down, and leave when it is back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from house.activity import log_activity
from house.locks import lock
from house.services import queue_templated_email
from rooms.billing.models import Invoice
from rooms.billing.operations.models import AccountingSettings, Reminder
from rooms.billing.services import BOOKING_LOCK

if TYPE_CHECKING:
    from house.models import User


@dataclass(frozen=True)
class OpenItem:
    invoice: Invoice
    days_overdue: int
    reminders: list[Reminder]
    next_level: int | None
    next_on: dt.date | None


def open_items(*, today: dt.date | None = None) -> list[OpenItem]:
    """Every invoice with money still open, oldest due first, with its reminders."""
    today = today or timezone.localdate()
    config = AccountingSettings.current()
    invoices = (
        Invoice.objects.active()
        .with_status()
        .select_related("booking__room", "organisation")
        .prefetch_related("reminders")
        .order_by("due_on", "year", "sequence")
    )
    items = []
    for invoice in invoices:
        if invoice.outstanding <= 0:
            continue
        sent = list(invoice.reminders.all())
        level, when = _next_reminder(invoice, sent, config)
        items.append(OpenItem(invoice, max(0, (today - invoice.due_on).days), sent, level, when))
    return items


def _next_reminder(
    invoice: Invoice, sent: list[Reminder], config: AccountingSettings
) -> tuple[int | None, dt.date | None]:
    levels = {reminder.level: reminder for reminder in sent}
    if 1 not in levels:
        return 1, invoice.due_on + dt.timedelta(days=config.first_reminder_days)
    if 2 not in levels:
        return 2, levels[1].sent_on + dt.timedelta(days=config.second_reminder_days)
    return None, None


def due_reminders(*, today: dt.date | None = None) -> list[OpenItem]:
    today = today or timezone.localdate()
    return [
        item
        for item in open_items(today=today)
        if item.next_on is not None and item.next_on <= today
    ]


def _language(invoice: Invoice) -> str:
    from house.models import User

    user = User.objects.filter(email__iexact=invoice.recipient_email).first()
    if user is None and invoice.booking.person_id:
        user = invoice.booking.person
    language = getattr(user, "language", "") or "de"
    return language if language in dict(settings.LANGUAGES) else "de"


def send_reminder(
    *, invoice: Invoice, actor: User | None, today: dt.date | None = None
) -> Reminder | None:
    """Send the invoice's next reminder if it is due; ``None`` if nothing is due."""
    today = today or timezone.localdate()
    with transaction.atomic():
        lock(BOOKING_LOCK, invoice.booking_id)
        current = Invoice.objects.with_status().select_related("booking__person").get(pk=invoice.pk)
        if current.is_cancellation or current.outstanding <= 0:
            return None
        config = AccountingSettings.current()
        sent = list(Reminder.objects.filter(invoice=current))
        level, when = _next_reminder(current, sent, config)
        if level is None or when is None or when > today:
            return None
        fee = config.reminder_fee if level == 2 else Decimal("0.00")
        reminder = Reminder.objects.create(
            invoice=current,
            level=level,
            sent_on=today,
            outstanding=current.outstanding,
            fee=fee,
            sent_by=actor,
        )
        if current.recipient_email:
            queue_templated_email(
                template="billing/email/reminder",
                context={
                    "invoice": current,
                    "reminder": reminder,
                    "total": reminder.outstanding + reminder.fee,
                    "url": settings.SITE_URL + reverse("billing:my_invoices"),
                },
                to=[current.recipient_email],
                language=_language(current),
                kind="billing.reminder",
                ref=f"billing-reminder-{current.pk}-{level}",
                created_by=actor,
            )
        log_activity(
            obj=current,
            action_type="billing.reminder.sent",
            actor=actor,
            data={
                "level": str(level),
                "amount": f"{reminder.outstanding:.2f}",
                "email": current.recipient_email or "–",
            },
        )
    return reminder


def send_due_reminders(*, actor: User | None, today: dt.date | None = None) -> int:
    """Send every reminder that is due; running it twice sends nothing twice."""
    sent = 0
    for item in due_reminders(today=today):
        if send_reminder(invoice=item.invoice, actor=actor, today=today) is not None:
            sent += 1
    return sent
