"""Reminders before shifts and alerts about understaffed shifts, through the outbox.

Both are claimed with a conditional UPDATE before the e-mail is queued in the same
transaction, so a task that runs twice (or two beat workers) sends each once.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from house.activity import log_activity
from house.models import Role, User
from house.services import queue_templated_email
from house.volunteers.models import Assignment, Shift
from house.volunteers.services.shifts import _mail

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _Staffed(TypedDict):
    staffed: int


#: Reminders go out this long before a shift.
REMINDER_BEFORE = dt.timedelta(hours=48)
#: The coordination hears about a shift below its minimum staff this long before it.
UNDERSTAFFED_ALERT_BEFORE = dt.timedelta(hours=72)


def send_shift_reminders(*, now: dt.datetime | None = None) -> int:
    """Remind each signed-up volunteer once, ``REMINDER_BEFORE`` their shift."""
    now = now or timezone.now()
    due = Assignment.objects.filter(
        status=Assignment.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        shift__cancelled_at__isnull=True,
        shift__start__gt=now,
        shift__start__lte=now + REMINDER_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            if not Assignment.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
                reminder_sent_at=now
            ):
                continue
            assignment = Assignment.objects.select_related(
                "shift__opportunity", "profile__user"
            ).get(pk=pk)
            _mail(assignment, "reminder")
            sent += 1
    return sent


def alert_understaffed_shifts(*, now: dt.datetime | None = None) -> int:
    """Tell the coordination once about each shift still below its minimum staff
    ``UNDERSTAFFED_ALERT_BEFORE`` it starts."""
    now = now or timezone.now()
    shifts = cast(
        "list[WithAnnotations[Shift, _Staffed]]",
        list(
            Shift.objects.filter(
                cancelled_at__isnull=True,
                understaffed_alert_sent_at__isnull=True,
                start__gt=now,
                start__lte=now + UNDERSTAFFED_ALERT_BEFORE,
            )
            .annotate(
                staffed=Count("assignments", filter=Q(assignments__status__in=Assignment.HOLDING))
            )
            .select_related("opportunity")
        ),
    )
    coordinators = list(
        User.objects.with_role(Role.VOLUNTEER_COORDINATION).values_list("email", "language")
    )
    alerted = 0
    for shift in shifts:
        if shift.staffed >= shift.min_staff:
            continue
        with transaction.atomic():
            if not Shift.objects.filter(
                pk=shift.pk, understaffed_alert_sent_at__isnull=True
            ).update(understaffed_alert_sent_at=now):
                continue
            log_activity(
                obj=shift,
                action_type="volunteers.shift.understaffed_alert",
                actor=None,
                data={"staffed": shift.staffed, "min": shift.min_staff},
            )
            for address, language in coordinators:
                queue_templated_email(
                    template="volunteers/email/understaffed",
                    context={
                        "shift": shift,
                        "staffed": shift.staffed,
                        "matches_url": settings.SITE_URL
                        + reverse("volunteers:coordination_shift", kwargs={"pk": shift.pk}),
                    },
                    to=[address],
                    language=language,
                    ref=f"volunteers.shift:{shift.pk}",
                    kind="volunteers.understaffed",
                )
            alerted += 1
    return alerted
