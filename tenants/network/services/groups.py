"""Working groups: started as committees of the governance core, ended by a report.

The committee, its memberships, meetings and minutes are written only through
``house.governance.services``; this module keeps what the network adds (topic,
mandate, organisations, planned end, report or extension).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from tenants.network.models import Actor, Topic, WorkingGroup, WorkingGroupExtension
from tenants.network.services.errors import NetworkError
from tenants.network.services.mail import coordinators, queue_each

if TYPE_CHECKING:
    from house.models import User

logger = logging.getLogger(__name__)

#: A working group runs for at most this long before it must be extended.
MAX_RUNTIME = dt.timedelta(days=2 * 366)


def _months_until(start: dt.date, end: dt.date) -> int:
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


def start_working_group(
    *,
    name: str,
    topic: Topic,
    mandate: str,
    planned_end: dt.date,
    actors: Iterable[Actor],
    started_by: User | None,
    chair: User | None = None,
    chair_organisation: Actor | None = None,
) -> WorkingGroup:
    """Start a working group: a governance committee of the kind "working group" plus its
    network data. The chair (optional) gets a seat until the planned end.

    A topic that was proposed or prioritised is now "in work". Raises
    :class:`NetworkError` for a missing name or mandate or an end date in the
    past or more than two years ahead.
    """
    from house.governance.models import Committee, Membership
    from house.governance.services import GovernanceError, add_membership, create_committee

    today = timezone.localdate()
    if not name.strip():
        raise NetworkError(_("Please name the working group."), field="name")
    if not mandate.strip():
        raise NetworkError(_("Please describe the mandate of the working group."), field="mandate")
    if planned_end <= today:
        raise NetworkError(_("The planned end must lie in the future."), field="planned_end")
    if planned_end > today + MAX_RUNTIME:
        raise NetworkError(
            _("A working group is planned for two years at most; it can be extended later."),
            field="planned_end",
        )
    with transaction.atomic():
        try:
            committee = create_committee(
                name=name,
                kind=Committee.Kind.WORKING_GROUP,
                actor=started_by,
                description=mandate,
                term_months=_months_until(today, planned_end),
            )
            if chair is not None:
                add_membership(
                    committee=committee,
                    person=chair,
                    actor=started_by,
                    organisation=chair_organisation.organisation if chair_organisation else None,
                    role=Membership.Role.CHAIR,
                    end_date=planned_end,
                )
        except GovernanceError as exc:
            raise NetworkError(str(exc.message), field=exc.field) from exc
        group = WorkingGroup.objects.create(
            committee=committee, topic=topic, mandate=mandate.strip(), planned_end=planned_end
        )
        group.actors.set(list(actors))
        if topic.status in (Topic.Status.PROPOSED, Topic.Status.PRIORITISED):
            old = topic.status
            Topic.objects.filter(pk=topic.pk).update(
                status=Topic.Status.IN_WORK, status_changed_at=timezone.now()
            )
            log_activity(
                obj=topic,
                action_type="network.topic.status",
                actor=started_by,
                data={
                    "old": str(Topic.Status(old).label),
                    "new": str(Topic.Status.IN_WORK.label),
                },
            )
        log_activity(obj=group, action_type="network.group.started", actor=started_by)
    return group


def extend_working_group(
    *, group: WorkingGroup, new_end: dt.date, reason: str, extended_by: User | None
) -> WorkingGroup:
    """Carry the group on to ``new_end``, for a reason the network can read."""
    if not reason.strip():
        raise NetworkError(_("Please give a reason for the extension."), field="reason")
    with transaction.atomic():
        current = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        if not current.is_active:
            raise NetworkError(_("This working group has closed."))
        if new_end <= current.planned_end or new_end <= timezone.localdate():
            raise NetworkError(
                _("The new end must lie after the planned end and in the future."),
                field="new_end",
            )
        if new_end > timezone.localdate() + MAX_RUNTIME:
            raise NetworkError(_("Please extend by two years at most."), field="new_end")
        WorkingGroupExtension.objects.create(
            group=current,
            previous_end=current.planned_end,
            new_end=new_end,
            reason=reason.strip(),
            extended_by=extended_by,
        )
        current.planned_end = new_end
        current.end_prompted_at = None
        current.save(update_fields=["planned_end", "end_prompted_at"])
        log_activity(
            obj=current,
            action_type="network.group.extended",
            actor=extended_by,
            data={"until": new_end.isoformat(), "reason": reason.strip()},
        )
    return current


def close_working_group(
    *,
    group: WorkingGroup,
    attendee_count: int,
    organisations: Iterable[Actor],
    decisions: str,
    projects: str,
    events: str,
    documents: str,
    closed_by: User | None,
) -> WorkingGroup:
    """Close the group with its report; the seats in its committee end today.

    The outcomes are public on the topic's page. Raises :class:`NetworkError`
    if the group has closed already or the report names no outcome at all.
    """
    from house.governance.services import end_membership

    if not any(text.strip() for text in (decisions, projects, events, documents)):
        raise NetworkError(_("Please name at least one outcome of the working group."))
    today = timezone.localdate()
    with transaction.atomic():
        claimed = WorkingGroup.objects.filter(pk=group.pk, state=WorkingGroup.State.ACTIVE).update(
            state=WorkingGroup.State.CLOSED,
            closed_at=timezone.now(),
            closed_by=closed_by,
            attendee_count=attendee_count,
            outcome_decisions=decisions.strip(),
            outcome_projects=projects.strip(),
            outcome_events=events.strip(),
            outcome_documents=documents.strip(),
        )
        if not claimed:
            raise NetworkError(_("This working group has closed already."))
        group.refresh_from_db()
        group.report_organisations.set(list(organisations))
        for membership in group.committee.memberships.current(today):
            if membership.start_date <= today:
                end_membership(membership=membership, actor=closed_by, on=today)
        log_activity(obj=group, action_type="network.group.closed", actor=closed_by)
    return group


def prompt_due_groups(*, today: dt.date | None = None) -> int:
    """On the planned end date, ask the group and the coordination for a closing report or
    an extension. Claimed per group with a conditional UPDATE: once per end date."""
    today = today or timezone.localdate()
    prompted = 0
    for group in WorkingGroup.objects.due_for_prompt(today).select_related("committee", "topic"):
        with transaction.atomic():
            claimed = WorkingGroup.objects.filter(pk=group.pk, end_prompted_at__isnull=True).update(
                end_prompted_at=timezone.now()
            )
            if not claimed:
                continue
            members = [
                m.person
                for m in group.committee.memberships.current(today).select_related("person")
            ]
            recipients = {u.pk: u for u in [*members, *coordinators()] if u.is_active}
            queue_each(
                recipients=recipients.values(),
                template="network/email/group_end",
                context={
                    "group": group,
                    "group_url": settings.SITE_URL + group.get_absolute_url(),
                    "close_url": settings.SITE_URL
                    + reverse("network:group_close", kwargs={"slug": group.committee.slug}),
                },
                ref=f"network.group:{group.pk}",
                kind="network_group_end",
            )
            log_activity(obj=group, action_type="network.group.prompted")
            prompted += 1
    logger.info("Asked %d working groups for a report or an extension", prompted)
    return prompted


def closed_between(start: dt.date, end: dt.date) -> list[WorkingGroup]:
    """Public groups closed in the period, for the newsletter."""
    return list(
        WorkingGroup.objects.public()
        .closed()
        .filter(closed_at__date__gte=start, closed_at__date__lte=end)
        .for_listing()
    )
