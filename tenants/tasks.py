"""Background jobs of the directory: the verification loop.

E-mails go through the outbox of ``house.services`` (sent after commit, with
retries there). The two send tasks remain for jobs queued before the outbox
was used; they queue through the same idempotent services.
"""

from __future__ import annotations

import logging

from celery import shared_task

from tenants import services
from tenants.models import Invitation, OutdatedReport

logger = logging.getLogger(__name__)


@shared_task(name="tenants.send_invitation")
def send_invitation_task(*, invitation_id: int) -> bool:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None:
        logger.info("Invitation %s is gone; nothing to send", invitation_id)
        return False
    return services.send_invitation(invitation=invitation)


@shared_task(name="tenants.send_outdated_report")
def send_outdated_report_task(*, report_id: int) -> int:
    report = (
        OutdatedReport.objects.select_related("service__organisation").filter(pk=report_id).first()
    )
    if report is None:
        logger.info("Outdated report %s is gone; nothing to send", report_id)
        return 0
    return services.send_outdated_report(report=report)


@shared_task(name="tenants.verify_directory")
def verify_directory_task() -> dict[str, int]:
    """Daily: ask about six-month-old entries; flag those unconfirmed 30 days later."""
    return {
        "asked": services.request_verifications(),
        "flagged": services.flag_unverified(),
    }
