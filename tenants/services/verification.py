"""Keeping the directory current: verification requests and reports of outdated entries."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from house.models import OutboxEmail, Role, User
from house.services import queue_templated_email
from tenants.models import Membership, Organisation, OutdatedReport, Service

logger = logging.getLogger(__name__)


def _admins_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            memberships__organisation=organisation,
            memberships__role=Membership.Role.ADMIN,
            is_active=True,
        )
    )


def _queue_each(
    *, recipients: Iterable[User], template: str, context: dict[str, Any], ref: str, kind: str
) -> int:
    """Queue one outbox e-mail per recipient in their own language; returns how many.

    Call inside the transaction that claims the rows the e-mail is about: a
    rollback queues nothing, and each recipient's e-mail is sent (and retried)
    on its own after commit, so one failing address neither loses nor repeats
    the others.
    """
    queued = 0
    for user in recipients:
        queue_templated_email(
            template=template,
            context={**context, "recipient": user},
            to=[user.email],
            language=user.language or "de",
            ref=ref,
            kind=kind,
        )
        queued += 1
    return queued


def request_verifications(*, today: dt.date | None = None) -> int:
    """Ask admins to confirm entries not confirmed for six months. Returns services asked about.

    Per organisation, one transaction claims its due services with conditional
    UPDATEs (so concurrent runs ask once) and queues one outbox e-mail per admin.
    """
    today = today or timezone.localdate()
    asked = 0
    due = Service.objects.due_for_verification(today).select_related("organisation")
    by_org: dict[Organisation, list[Service]] = {}
    for service in due:
        by_org.setdefault(service.organisation, []).append(service)
    for organisation, candidates in by_org.items():
        with transaction.atomic():
            now = timezone.now()
            claimed = [
                service
                for service in candidates
                if Service.objects.filter(
                    pk=service.pk, verification_requested_at__isnull=True
                ).update(verification_requested_at=now)
            ]
            if not claimed:
                continue
            _queue_each(
                recipients=_admins_of(organisation),
                template="tenants/email/verification_request",
                context={
                    "organisation": organisation,
                    "services": claimed,
                    "manage_url": settings.SITE_URL + organisation_manage_path(organisation),
                },
                ref=f"tenants.organisation:{organisation.pk}",
                kind="tenants_verification_request",
            )
            asked += len(claimed)
    logger.info("Asked for confirmation of %d directory entries", asked)
    return asked


def flag_unverified(*, now: dt.datetime | None = None) -> int:
    """Tell house management about entries still unconfirmed 30 days after asking.

    Flagging and queueing the e-mails (one per manager) share one transaction.
    """
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(Service.objects.overdue_for_verification(now).select_related("organisation"))
        flagged = [
            s
            for s in overdue
            if Service.objects.filter(pk=s.pk, flagged_at__isnull=True).update(flagged_at=now)
        ]
        if flagged:
            _queue_each(
                recipients=User.objects.with_role(Role.HOUSE_MANAGEMENT),
                template="tenants/email/unverified_flag",
                context={"services": flagged, "site_url": settings.SITE_URL},
                ref=f"tenants.service:{flagged[0].pk}",
                kind="tenants_unverified_flag",
            )
    return len(flagged)


def report_outdated(*, service: Service, message: str, email: str = "") -> OutdatedReport:
    """Store a visitor's note; the organisation's admins and house management hear of it.

    The e-mails are queued in the outbox in the same transaction (sent after commit).
    """
    with transaction.atomic():
        report = OutdatedReport(service=service, message=message.strip(), email=email.strip())
        report.full_clean()
        report.save()
        send_outdated_report(report=report)
    return report


def send_outdated_report(*, report: OutdatedReport) -> int:
    """Queue the report to the organisation's admins and house management, once per report.

    Returns the number of e-mails queued (0 if they were queued before).
    """
    ref = f"tenants.outdatedreport:{report.pk}"
    with transaction.atomic():
        OutdatedReport.objects.select_for_update().filter(pk=report.pk).first()
        if OutboxEmail.objects.filter(ref=ref).exists():
            return 0
        organisation = report.service.organisation
        recipients = {u.pk: u for u in _admins_of(organisation)}
        for user in User.objects.with_role(Role.HOUSE_MANAGEMENT):
            recipients[user.pk] = user
        return _queue_each(
            recipients=recipients.values(),
            template="tenants/email/outdated_report",
            context={
                "report": report,
                "service": report.service,
                "organisation": organisation,
                "service_url": settings.SITE_URL + report.service.get_absolute_url(),
            },
            ref=ref,
            kind="tenants_outdated_report",
        )


def organisation_manage_path(organisation: Organisation) -> str:
    return reverse("tenants:manage", kwargs={"slug": organisation.slug})
