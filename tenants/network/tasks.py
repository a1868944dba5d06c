"""Background jobs of the network: the verification loop, closing rounds, newsletter batches."""

from __future__ import annotations

import logging

from celery import shared_task

from tenants.network.models import Newsletter
from tenants.network.services import actors, groups, newsletter, priorities

logger = logging.getLogger(__name__)


@shared_task(name="network.verify_actors")
def verify_actors_task() -> dict[str, int]:
    """Daily: remind entries unconfirmed for six months, flag those still silent a month later."""
    return {
        "reminded": actors.remind_stale_actors(),
        "flagged": actors.flag_overdue_actors(),
    }


@shared_task(name="network.freeze_due_rounds")
def freeze_due_rounds_task() -> int:
    return priorities.freeze_due_rounds()


@shared_task(name="network.send_newsletter_batch")
def send_newsletter_batch_task(*, newsletter_id: int) -> int:
    """Queue one batch; if addresses remain, come back after the newsletter's pause."""
    remaining = newsletter.queue_newsletter_batch(newsletter_id=newsletter_id)
    if remaining:
        send_newsletter_batch_task.apply_async(
            kwargs={"newsletter_id": newsletter_id}, countdown=newsletter.BATCH_SECONDS
        )
    return remaining


@shared_task(name="network.resume_newsletters")
def resume_newsletters_task() -> int:
    """Every few minutes: continue an issue whose batch task was lost with the broker."""
    ids = list(
        Newsletter.objects.filter(status=Newsletter.Status.SENDING).values_list("pk", flat=True)
    )
    for newsletter_id in ids:
        newsletter.queue_newsletter_batch(newsletter_id=newsletter_id)
    return len(ids)


@shared_task(name="network.prompt_working_groups")
def prompt_working_groups_task() -> int:
    """Daily: groups at their planned end are asked for a closing report or an extension."""
    return groups.prompt_due_groups()
