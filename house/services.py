"""Writes of the house-wide domain. Views, admin actions, commands and tasks call these."""

from __future__ import annotations

import datetime as dt
import logging

import holidays
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone

from house.models import ClosureDay, HouseProfile, Role, User
from house.permissions import ROLE_PERMISSIONS

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


def assign_role(*, user: User, role: Role) -> None:
    """Give ``user`` a house role. Staff roles get admin access (the admin enforces MFA)."""
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
        if role == Role.HOUSE_MANAGEMENT and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_names", None)


def remove_role(*, user: User, role: Role) -> None:
    with transaction.atomic():
        user.groups.remove(*Group.objects.filter(name=role.value))
        if role == Role.HOUSE_MANAGEMENT and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    user.__dict__.pop("_role_names", None)


def import_public_holidays(*, years: list[int], federal_state: str | None = None) -> int:
    """Enter the public holidays of the house's federal state as closure days.

    Existing closure days on the same date (for instance maintenance entered by
    staff) are kept as they are. Returns the number of days created.
    """
    if federal_state is None:
        profile = HouseProfile.objects.filter(pk=1).first()
        federal_state = profile.federal_state if profile else HouseProfile.FederalState.HE
    calendar = holidays.country_holidays("DE", subdiv=federal_state, years=years, language="de")
    created = 0
    with transaction.atomic():
        existing = set(
            ClosureDay.objects.filter(date__in=list(calendar.keys())).values_list("date", flat=True)
        )
        new_days = [
            ClosureDay(date=day, kind=ClosureDay.Kind.PUBLIC_HOLIDAY, reason=str(name))
            for day, name in sorted(calendar.items())
            if day not in existing
        ]
        ClosureDay.objects.bulk_create(new_days)
        created = len(new_days)
    logger.info("Imported %d public holidays for %s, %s", created, federal_state, years)
    return created


def add_closure_day(
    *, date: dt.date, reason: str, kind: str, created_by: User | None
) -> ClosureDay:
    """Close the house on ``date``. Raises ``ValueError`` if the day is already closed."""
    with transaction.atomic():
        if ClosureDay.objects.filter(date=date).exists():
            raise ValueError("already closed")
        return ClosureDay.objects.create(date=date, reason=reason, kind=kind, created_by=created_by)


def record_signup(*, user: User, name: str, language: str) -> None:
    """Store what the sign-up form adds to the account: name, language and consent time."""
    user.name = name.strip()
    user.language = language if language in {"de", "en"} else "de"
    user.privacy_consent_at = timezone.now()
    user.save(update_fields=["name", "language", "privacy_consent_at"])


def export_personal_data(*, user: User) -> dict[str, object]:
    """Everything the portal keeps about ``user``, for a DSGVO Art. 15/20 request.

    Later domains add their sections here (memberships, bookings, registrations...).
    """
    from allauth.account.models import EmailAddress

    return {
        "person": {
            "name": user.name,
            "email": user.email,
            "language": user.language,
            "joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "privacy_consent_at": (
                user.privacy_consent_at.isoformat() if user.privacy_consent_at else None
            ),
        },
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def delete_account(*, user: User) -> None:
    """Erase a person (DSGVO Art. 17). Records that must be kept refer to them by SET_NULL."""
    with transaction.atomic():
        logger.info("Deleting account %s on the owner's request", user.pk)
        user.delete()
