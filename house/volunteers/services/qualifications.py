"""Qualifications with an expiry, and the certificate of conduct under § 72a SGB VIII.

Decisions:

* A certificate of conduct issued more than three months before its inspection is
  refused (the Youth Welfare Office's practice); re-inspection is due five years
  after the inspection, so the record is valid until then.
* Of that certificate the house keeps only: seen, issue date, relevant entry yes/no,
  inspector and day. A record with a relevant entry never qualifies for a shift.
* The record is deleted three months after the last assignment that needed it (a
  shift requiring the certificate). A record that no assignment ever needed goes
  three months after its inspection.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.models import Role, User
from house.services import queue_templated_email
from house.volunteers.models import Assignment, Qualification, QualificationType, VolunteerProfile
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from collections.abc import Iterable

logger = logging.getLogger(__name__)

CONDUCT_MAX_AGE_AT_INSPECTION = relativedelta(months=3)
CONDUCT_REINSPECTION = relativedelta(years=5)
CONDUCT_RETENTION = relativedelta(months=3)
#: Volunteers and the coordination hear this long before a qualification ends.
EXPIRY_NOTICE = dt.timedelta(days=30)


def record_qualification(
    *,
    profile: VolunteerProfile,
    kind: QualificationType,
    valid_from: dt.date,
    actor: User,
    valid_until: dt.date | None = None,
) -> Qualification:
    """Record a qualification (food hygiene, first aid…). Without ``valid_until`` the
    kind's validity decides the end."""
    if kind.is_conduct_certificate:
        raise VolunteerError(_("Record a certificate of conduct with its own form."))
    if valid_until is None and kind.validity_months:
        valid_until = valid_from + relativedelta(months=kind.validity_months) - dt.timedelta(days=1)
    if valid_until is not None and valid_until < valid_from:
        raise VolunteerError(_("The end lies before the start."), field="valid_until")
    with transaction.atomic():
        qualification = Qualification.objects.create(
            profile=profile, kind=kind, valid_from=valid_from, valid_until=valid_until
        )
        log_activity(
            obj=profile,
            action_type="volunteers.qualification.recorded",
            actor=actor,
            data={"kind": kind.name},
        )
    return qualification


def record_conduct_certificate(
    *,
    profile: VolunteerProfile,
    kind: QualificationType,
    issued_on: dt.date,
    has_relevant_entry: bool,
    inspected_by: User,
    inspected_on: dt.date | None = None,
) -> Qualification:
    """Record that an extended certificate of conduct was seen. The document itself is
    never stored. Refuses a certificate older than three months at inspection."""
    inspected_on = inspected_on or timezone.localdate()
    if not kind.is_conduct_certificate:
        raise VolunteerError(_("This kind of qualification is not a certificate of conduct."))
    if issued_on > inspected_on:
        raise VolunteerError(_("The issue date lies in the future."), field="issued_on")
    if issued_on + CONDUCT_MAX_AGE_AT_INSPECTION < inspected_on:
        raise VolunteerError(
            _(
                "The certificate was issued more than three months before the inspection. "
                "Please ask for a new one."
            ),
            field="issued_on",
        )
    with transaction.atomic():
        # One record per person: a new inspection replaces the old one.
        Qualification.objects.filter(profile=profile, kind=kind).delete()
        qualification = Qualification.objects.create(
            profile=profile,
            kind=kind,
            valid_from=inspected_on,
            valid_until=inspected_on + CONDUCT_REINSPECTION,
            issued_on=issued_on,
            has_relevant_entry=has_relevant_entry,
            inspected_by=inspected_by,
            inspected_on=inspected_on,
        )
        log_activity(
            obj=profile,
            action_type="volunteers.qualification.recorded",
            actor=inspected_by,
            data={"kind": kind.name},
        )
    return qualification


def missing_qualifications(
    *, profile: VolunteerProfile, kinds: Iterable[QualificationType], on: dt.date
) -> list[QualificationType]:
    """The kinds among ``kinds`` that ``profile`` does not hold in force on ``on``."""
    wanted = list(kinds)
    if not wanted:
        return []
    held = set(
        profile.qualifications.valid_on(on)
        .filter(kind__in=wanted)
        .values_list("kind_id", flat=True)
    )
    return [kind for kind in wanted if kind.pk not in held]


def send_expiry_notices(*, today: dt.date | None = None) -> int:
    """Tell each volunteer and the coordination about qualifications ending within
    30 days that a future shift of theirs, or any shift, needs. Once per record."""
    today = today or timezone.localdate()
    due = (
        Qualification.objects.filter(
            valid_until__gte=today,
            valid_until__lte=today + EXPIRY_NOTICE,
            expiry_notice_sent_on__isnull=True,
            profile__is_active=True,
        )
        .select_related("kind", "profile__user")
        .order_by("pk")
    )
    coordinators = list(
        User.objects.with_role(Role.VOLUNTEER_COORDINATION).values_list("email", "language")
    )
    sent = 0
    for qualification in due:
        with transaction.atomic():
            claimed = Qualification.objects.filter(
                pk=qualification.pk, expiry_notice_sent_on__isnull=True
            ).update(expiry_notice_sent_on=today)
            if not claimed:
                continue
            context: dict[str, object] = {
                "qualification": qualification,
                "profile": qualification.profile,
            }
            recipients = list(coordinators)
            if qualification.profile.contact_email:
                recipients.append(
                    (qualification.profile.contact_email, qualification.profile.language)
                )
            for address, language in recipients:
                queue_templated_email(
                    template="volunteers/email/qualification_expiring",
                    context=context,
                    to=[address],
                    language=language,
                    ref=f"volunteers.qualification:{qualification.pk}",
                    kind="volunteers.qualification_expiring",
                )
            sent += 1
    return sent


def delete_stale_conduct_certificates(*, today: dt.date | None = None) -> int:
    """Delete certificate-of-conduct records three months after the last assignment
    that needed them (or three months after inspection if none ever did)."""
    today = today or timezone.localdate()
    deleted = 0
    records = Qualification.objects.filter(
        kind__kind=QualificationType.Kind.CONDUCT_CERTIFICATE
    ).select_related("profile", "kind")
    for record in records:
        last_needed = (
            Assignment.objects.filter(
                profile_id=record.profile_id,
                status__in=[Assignment.Status.CONFIRMED, Assignment.Status.OFFERED],
                shift__required_qualifications=record.kind,
            )
            .aggregate(last=Max("shift__end"))
            .get("last")
        )
        last_day = (
            timezone.localtime(last_needed).date()
            if last_needed is not None
            else record.inspected_on or record.valid_from
        )
        if last_day + CONDUCT_RETENTION >= today:
            continue
        with transaction.atomic():
            log_activity(
                obj=record.profile, action_type="volunteers.qualification.deleted", actor=None
            )
            record.delete()
            deleted += 1
    if deleted:
        logger.info("Deleted %d certificate-of-conduct records", deleted)
    return deleted
