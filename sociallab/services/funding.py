"""Funding applications of ventures, the reports funders expect, and their reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.services import queue_templated_email
from sociallab.models import FundingApplication, FundingReport, FundingSource, Venture
from sociallab.services import SocialLabError

if TYPE_CHECKING:
    from house.models import User

#: Days ahead of a deadline or a report's due date on which founders are reminded.
REMIND_DAYS_BEFORE = 7


def _amount(raw: object, field: str) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise SocialLabError(_("Please enter an amount in euros."), field=field) from exc
    if value <= 0 or value >= Decimal("100000000"):
        raise SocialLabError(_("Please enter an amount in euros."), field=field)
    return value.quantize(Decimal("0.01"))


def add_funding_application(
    *,
    venture: Venture,
    actor: User,
    source: FundingSource,
    amount: object,
    deadline: dt.date | None = None,
) -> FundingApplication:
    with transaction.atomic():
        funding = FundingApplication.objects.create(
            venture=venture,
            source=source,
            amount=_amount(amount, "amount"),
            deadline=deadline or source.next_deadline,
        )
        log_activity(
            obj=venture,
            action_type="sociallab.venture.funding",
            actor=actor,
            data={"source": source.name, "status": funding.status},
        )
    return funding


def update_funding_status(
    *,
    funding: FundingApplication,
    actor: User,
    status: str,
    granted: object = None,
    on: dt.date | None = None,
) -> FundingApplication:
    if status not in FundingApplication.Status.values:
        raise SocialLabError(_("Please choose a status."), field="status")
    on = on or timezone.localdate()
    with transaction.atomic():
        funding.status = status
        funding.granted = None
        if status == FundingApplication.Status.SUBMITTED:
            funding.submitted_on = funding.submitted_on or on
        if status in (FundingApplication.Status.GRANTED, FundingApplication.Status.REFUSED):
            funding.decided_on = on
        if status == FundingApplication.Status.GRANTED:
            funding.granted = _amount(
                granted if granted not in (None, "") else funding.amount, "granted"
            )
        funding.save()
        log_activity(
            obj=funding.venture,
            action_type="sociallab.venture.funding",
            actor=actor,
            data={"source": funding.source.name, "status": funding.status},
        )
    return funding


def add_report(
    *, funding: FundingApplication, actor: User, title: str, due_on: dt.date
) -> FundingReport:
    title = title.strip()
    if not title:
        raise SocialLabError(_("Please name the report."), field="title")
    return FundingReport.objects.create(funding=funding, title=title[:200], due_on=due_on)


def mark_report(
    *, report: FundingReport, actor: User, submitted: bool = False, approved: bool = False
) -> FundingReport:
    today = timezone.localdate()
    if submitted and report.submitted_on is None:
        report.submitted_on = today
    if approved:
        report.submitted_on = report.submitted_on or today
        report.approved_on = today
    report.save(update_fields=["submitted_on", "approved_on"])
    return report


def _founder_emails(venture: Venture) -> list[str]:
    return [e for e in venture.founders.values_list("email", flat=True) if e]


def send_funding_reminders(*, today: dt.date | None = None) -> int:
    """Remind founders once of a planned application's deadline and of a report due soon."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    sent = 0
    for funding in FundingApplication.objects.filter(
        status=FundingApplication.Status.PLANNED,
        reminder_sent_at__isnull=True,
        deadline__gte=today,
        deadline__lte=horizon,
    ).select_related("venture", "source"):
        with transaction.atomic():
            if not FundingApplication.objects.filter(
                pk=funding.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now()):
                continue
            emails = _founder_emails(funding.venture)
            if emails:
                queue_templated_email(
                    template="sociallab/email/funding_deadline",
                    context={
                        "funding": funding,
                        "url": f"{settings.SITE_URL}{funding.venture.get_absolute_url()}",
                    },
                    to=emails,
                    ref=f"sociallab.funding:{funding.pk}",
                    kind="sociallab.funding_reminder",
                )
                sent += 1
    for report in FundingReport.objects.filter(
        submitted_on__isnull=True,
        reminder_sent_at__isnull=True,
        due_on__gte=today,
        due_on__lte=horizon,
    ).select_related("funding__venture", "funding__source"):
        with transaction.atomic():
            if not FundingReport.objects.filter(pk=report.pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=timezone.now()
            ):
                continue
            emails = _founder_emails(report.funding.venture)
            if emails:
                queue_templated_email(
                    template="sociallab/email/report_due",
                    context={
                        "report": report,
                        "url": f"{settings.SITE_URL}{report.funding.venture.get_absolute_url()}",
                    },
                    to=emails,
                    ref=f"sociallab.report:{report.pk}",
                    kind="sociallab.report_reminder",
                )
                sent += 1
    return sent
