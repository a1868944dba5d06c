"""Writes of the house-wide domain. Views, admin actions, commands and tasks call these.

Roles, closure days and accounts are written here; the e-mail outbox has its own
package, :mod:`house.outbox`, whose writes this module passes on under their old
names so callers keep importing them from here.
"""

from __future__ import annotations

import datetime as dt
import logging

import holidays
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from house.caching import CLOSURES, raise_versions
from house.models import ClosureDay, HouseProfile, Role, User
from house.outbox import (
    ERASED_ONCE_SENT,
    RETRY_BACKOFF,
    STALE_CLAIM,
    outbox_headers,
    outbox_message_id,
    purge_emails,
    purge_emails_about,
    purge_old_emails,
    queue_email,
    queue_templated_email,
    recipient_hash,
    register_outbox_headers,
    resend_email,
    send_outbox_email,
    subjects_in_every_language,
    sweep_outbox,
)
from house.permissions import ROLE_PERMISSIONS
from house.roles import STAFF_ROLES

logger = logging.getLogger(__name__)


def sync_role_groups() -> dict[str, int]:
    """Create a group per :class:`Role` and give it exactly the permissions in ``ROLE_PERMISSIONS``.

    Idempotent; run after every migration. Returns the number of permissions per group.
    Permissions of models that do not exist yet are skipped.
    """
    result: dict[str, int] = {}
    with transaction.atomic():
        for role in Role:
            group, _created = Group.objects.get_or_create(name=role.value)
            wanted = ROLE_PERMISSIONS.get(role, ())
            perms = []
            for dotted in wanted:
                app_label, codename = dotted.split(".", 1)
                perm = Permission.objects.filter(
                    content_type__app_label=app_label, codename=codename
                ).first()
                if perm is not None:
                    perms.append(perm)
            group.permissions.set(perms)
            result[role.value] = len(perms)
    return result


def assign_role(*, user: User, role: Role, actor: User | None = None) -> None:
    """Give ``user`` a house role. Staff roles get admin access (the admin enforces MFA).

    With an ``actor`` (a person assigning it on the roles page) the change is logged.
    """
    from house.activity import log_activity

    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
        if role == Role.HOUSE_MANAGEMENT and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        if actor is not None:
            log_activity(
                obj=user, action_type="house.role.assigned", actor=actor, data={"role": role.value}
            )
        if role in STAFF_ROLES:
            from house import enrolment

            # Assigned by a person: the new staff member gets the one-time link by e-mail.
            enrolment.open_enrolment(user=user, send_link=actor is not None)
    user.forget_roles()


def remove_role(*, user: User, role: Role, actor: User | None = None) -> None:
    """Take a house role from ``user``; logged when an ``actor`` removes it."""
    from house.activity import log_activity

    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name=role.value))
        if role == Role.HOUSE_MANAGEMENT and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
        if actor is not None:
            log_activity(
                obj=user, action_type="house.role.removed", actor=actor, data={"role": role.value}
            )
    user.forget_roles()


def import_public_holidays(*, years: list[int], federal_state: str | None = None) -> int:
    """Enter the public holidays of the house's federal state as closure days.

    Existing closure days on the same date (for instance maintenance entered by
    staff) are kept as they are. Returns the number of days created.
    """
    if federal_state is None:
        profile = HouseProfile.objects.filter(pk=1).first()
        federal_state = profile.federal_state if profile else HouseProfile.FederalState.HE
    calendar = holidays.country_holidays("DE", subdiv=federal_state, years=years, language="de")
    english = holidays.country_holidays("DE", subdiv=federal_state, years=years, language="en_US")
    created = 0
    with transaction.atomic():
        existing = set(
            ClosureDay.objects.filter(date__in=list(calendar.keys())).values_list("date", flat=True)
        )
        new_days = [
            ClosureDay(
                date=day,
                kind=ClosureDay.Kind.PUBLIC_HOLIDAY,
                reason=str(name),
                reason_en=str(english.get(day) or ""),
            )
            for day, name in sorted(calendar.items())
            if day not in existing
        ]
        ClosureDay.objects.bulk_create(new_days)
        created = len(new_days)
        if new_days:
            raise_versions([CLOSURES])
    logger.info("Imported %d public holidays for %s, %s", created, federal_state, years)
    return created


def add_closure_day(
    *, date: dt.date, reason: str, kind: str, created_by: User | None, reason_en: str = ""
) -> ClosureDay:
    """Close the house on ``date`` (``reason_en``: the reason for English readers, if
    given). Raises ``ValueError`` if the day is already closed."""
    with transaction.atomic():
        if ClosureDay.objects.filter(date=date).exists():
            raise ValueError("already closed")
        return ClosureDay.objects.create(
            date=date,
            reason=reason,
            reason_en=reason_en.strip(),
            kind=kind,
            created_by=created_by,
        )


def record_signup(*, user: User, name: str, language: str) -> None:
    """Store what the sign-up form adds to the account: name, language and consent time."""
    user.name = name.strip()
    user.language = language if language in {"de", "en"} else "de"
    user.privacy_consent_at = timezone.now()
    user.save(update_fields=["name", "language", "privacy_consent_at"])


def export_personal_data(*, user: User) -> dict[str, object]:
    """Everything the portal keeps about ``user``, for a DSGVO Art. 15/20 request.

    Every app's privacy provider contributes its sections (person, memberships,
    bookings, registrations, e-mails…); the download lists them side by side.
    """
    from house.privacy import export_person

    sections: dict[str, object] = {}
    for part in export_person(user=user).values():
        # An app that keeps nothing about the person may answer None.
        sections.update(part or {})
    return sections


def delete_account(*, user: User) -> None:
    """Erase a person (DSGVO Art. 17) in every app, in one transaction.

    Records the house must keep stay without the person's name, addresses and
    phone (see ``docs/privacy.md``). Refused with
    :class:`house.privacy.ErasureRefusedError` (reasons in the reader's
    language) while an app still needs the person, for instance as the only
    admin of an organisation.
    """
    from house.privacy import erase_person

    erase_person(user=user)
    logger.info("Deleted account %s on the owner's request", user.pk)


__all__ = [
    "ERASED_ONCE_SENT",
    "RETRY_BACKOFF",
    "STALE_CLAIM",
    "add_closure_day",
    "assign_role",
    "delete_account",
    "export_personal_data",
    "import_public_holidays",
    "outbox_headers",
    "outbox_message_id",
    "purge_emails",
    "purge_emails_about",
    "purge_old_emails",
    "queue_email",
    "queue_templated_email",
    "recipient_hash",
    "record_signup",
    "register_outbox_headers",
    "remove_role",
    "resend_email",
    "send_outbox_email",
    "subjects_in_every_language",
    "sweep_outbox",
    "sync_role_groups",
]
