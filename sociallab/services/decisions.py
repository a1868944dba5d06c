"""Decisions: taken by staff, held, released in one batch, one message per application.

Release claims each application with a conditional UPDATE (``released_at IS NULL``)
under the call's advisory lock, and writes its e-mail in the same transaction: two
staff pressing "release" at once send exactly one message per application. A
decision changed after release replaces the earlier one only while its e-mail is
still queued (the queued row is deleted by a conditional DELETE); once sending has
begun, the decision stands, so nobody gets both an acceptance and a rejection.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house import locks
from house.activity import log_activity
from house.models import OutboxEmail
from house.services import queue_templated_email
from sociallab.models import Application, Call
from sociallab.services import SocialLabError

if TYPE_CHECKING:
    from house.models import User

logger = logging.getLogger(__name__)

#: Days before the confirmation deadline on which an accepted founder is reminded.
REMIND_DAYS_BEFORE = 3


def decide_application(
    *, actor: User, application: Application, decision: str, message: str = ""
) -> Application:
    """Record the staff's decision. It stays held until the call's decisions are released;
    a released decision whose e-mail has not gone out yet is replaced (and released again
    with the next batch)."""
    if decision not in Application.Decision.values:
        raise SocialLabError(_("Please choose accept or reject."), field="decision")
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status in (Application.Status.DRAFT, Application.Status.WITHDRAWN):
            raise SocialLabError(_("Only submitted applications can be decided."))
        action = "sociallab.application.decided"
        if locked.released_at is not None:
            if locked.status in (Application.Status.CONFIRMED, Application.Status.DECLINED):
                raise SocialLabError(_("The applicant has already answered this decision."))
            withdrawn = 0
            if locked.decision_email_id:
                withdrawn, _rows = OutboxEmail.objects.filter(
                    pk=locked.decision_email_id, status=OutboxEmail.Status.QUEUED
                ).delete()
            if not withdrawn:
                raise SocialLabError(
                    _("The decision was already sent to the applicant and can no longer change.")
                )
            locked.released_at = None
            locked.decision_email = None
            locked.status = Application.Status.SUBMITTED
            locked.confirm_by = None
            action = "sociallab.application.redecided"
        locked.decision = decision
        locked.decision_message = message.strip()[:5000]
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.save()
        log_activity(
            obj=locked,
            action_type=action,
            actor=actor,
            data={"decision": str(Application.Decision(decision).value)},
        )
    return locked


def undecided_count(call: Call) -> int:
    return Application.objects.filter(
        call=call, status=Application.Status.SUBMITTED, decision=""
    ).count()


def release_decisions(*, actor: User, call: Call, now: dt.datetime | None = None) -> int:
    """Send every held decision of ``call`` at once. Refused while a submitted application
    has no decision. Returns the number of messages this call queued (0 for a repeat)."""
    now = now or timezone.now()
    with transaction.atomic():
        locks.lock("sociallab.call", call.pk)
        if undecided_count(call):
            raise SocialLabError(
                _("Every submitted application needs a decision before the decisions are released.")
            )
        held = list(
            Application.objects.filter(
                call=call, status=Application.Status.SUBMITTED, released_at__isnull=True
            )
            .exclude(decision="")
            .select_related("applicant", "call")
        )
        sent = 0
        for application in held:
            accepted = application.decision == Application.Decision.ACCEPT
            status = Application.Status.ACCEPTED if accepted else Application.Status.REJECTED
            confirm_by = (now + dt.timedelta(days=call.confirm_days)).date() if accepted else None
            claimed = Application.objects.filter(
                pk=application.pk, status=Application.Status.SUBMITTED, released_at__isnull=True
            ).update(released_at=now, status=status, confirm_by=confirm_by)
            if not claimed:
                continue  # another release got here first
            application.status, application.confirm_by = status, confirm_by
            email = queue_templated_email(
                template=f"sociallab/email/decision_{application.decision}",
                context={
                    "application": application,
                    "message": application.decision_message,
                    "url": f"{settings.SITE_URL}{application.get_absolute_url()}",
                },
                to=[application.applicant.email],
                language=application.applicant.language,
                ref=f"sociallab.application:{application.pk}",
                kind="sociallab.decision",
                created_by=actor,
            )
            Application.objects.filter(pk=application.pk).update(decision_email=email)
            log_activity(
                obj=application,
                action_type="sociallab.application.released",
                actor=actor,
                data={"decision": str(Application.Decision(application.decision).value)},
            )
            sent += 1
        Call.objects.filter(pk=call.pk, decisions_released_at__isnull=True).update(
            decisions_released_at=now
        )
    logger.info("Released %d decisions of call %s", sent, call.pk)
    return sent


def answer_offer(*, application: Application, actor: User, accept: bool) -> Application:
    """The accepted founder confirms (a venture starts in the phase "idea") or declines."""
    from sociallab.services.ventures import start_venture

    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != Application.Status.ACCEPTED or locked.confirmed_at is not None:
            raise SocialLabError(_("There is no offer to answer on this application."))
        if locked.confirm_by and timezone.localdate() > locked.confirm_by:
            raise SocialLabError(
                _("The deadline to confirm has passed. Please contact the Social Lab team.")
            )
        locked.status = Application.Status.CONFIRMED if accept else Application.Status.DECLINED
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["status", "confirmed_at", "updated_at"])
        application = locked
        log_activity(
            obj=application,
            action_type="sociallab.application.confirmed"
            if accept
            else "sociallab.application.declined",
            actor=actor,
        )
        if accept:
            start_venture(application=application, actor=actor)
    return application


def send_confirmation_reminders(*, today: dt.date | None = None) -> int:
    """Remind accepted founders who have not confirmed, a few days before the deadline.
    Each is reminded once (claimed by a conditional UPDATE)."""
    today = today or timezone.localdate()
    due = Application.objects.filter(
        status=Application.Status.ACCEPTED,
        confirmed_at__isnull=True,
        reminder_sent_at__isnull=True,
        confirm_by__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
        confirm_by__gte=today,
    ).select_related("applicant")
    sent = 0
    for application in due:
        with transaction.atomic():
            if not Application.objects.filter(
                pk=application.pk, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=timezone.now()):
                continue
            queue_templated_email(
                template="sociallab/email/confirm_reminder",
                context={
                    "application": application,
                    "url": f"{settings.SITE_URL}{application.get_absolute_url()}",
                },
                to=[application.applicant.email],
                language=application.applicant.language,
                ref=f"sociallab.application:{application.pk}",
                kind="sociallab.reminder",
            )
            sent += 1
    return sent
