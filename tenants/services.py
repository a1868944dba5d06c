"""Writes of organisations, members and the directory. Views, admin, commands and tasks call these.

Every change to an organisation's profile, contacts, hours, services or
members is recorded in the organisation's activity log (who, when, what changed).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.models import ActivityLog, OutboxEmail, Role, User
from house.services import queue_templated_email
from tenants import activity as history
from tenants.models import (
    ConsultationHours,
    Contact,
    Invitation,
    Membership,
    Organisation,
    OutdatedReport,
    Service,
    normalise_search_text,
)
from tenants.rules import forget_membership_roles

if TYPE_CHECKING:
    from django.db.models import Model

logger = logging.getLogger(__name__)


class LastAdminError(ValidationError):
    """An organisation must keep at least one admin."""


# --- change log ---------------------------------------------------------------


def _stored(value: object) -> object:
    """A change value as JSON: choice keys, booleans and numbers as they are, dates in ISO.

    Labels are looked up when the log is read, in the reader's language.
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "url"):  # a file
        return str(value.name or "") or None
    return str(value)


def record_change(
    *,
    organisation: Organisation,
    actor: User | None,
    action: str,
    obj: Model,
    changes: Mapping[str, tuple[object, object]] | None = None,
) -> ActivityLog:
    """Write one entry of the organisation's history; ``action`` is one of
    :mod:`tenants.activity`'s types and ``changes`` maps field names to (old, new)."""
    return log_activity(
        obj=organisation,
        action_type=action,
        actor=actor,
        data={
            "model": obj._meta.label_lower,
            "repr": str(obj)[:200],
            "changes": {
                name: [_stored(old), _stored(new)] for name, (old, new) in (changes or {}).items()
            },
        },
    )


def _apply(
    instance: Model, fields: Mapping[str, Any], m2m: Mapping[str, Iterable[Model]]
) -> dict[str, tuple[object, object]]:
    """Set ``fields`` on ``instance``, validate, save, set ``m2m``; return what changed."""
    changes: dict[str, tuple[object, object]] = {}
    is_new = instance.pk is None
    # Compare with the stored row: a ModelForm may already have changed ``instance``.
    stored = None if is_new else type(instance)._default_manager.get(pk=instance.pk)
    for name, value in fields.items():
        old = None if stored is None else getattr(stored, name)
        if is_new or (old != value and _stored(old) != _stored(value)):
            changes[name] = (old, value)
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, values in m2m.items():
        manager = getattr(instance, name)
        new = set(values)
        old_set = set() if is_new else set(manager.all())
        if new != old_set:
            changes[name] = (
                ", ".join(sorted(str(v) for v in old_set)),
                ", ".join(sorted(str(v) for v in new)),
            )
            manager.set(new)
    return changes


# --- organisations -------------------------------------------------------------


def register_organisation(
    *,
    name: str,
    actor: User | None,
    admins: Iterable[User] = (),
    kind: str = Organisation.Kind.TENANT,
    legal_form: str = Organisation.LegalForm.INITIATIVE,
    description: str = "",
) -> Organisation:
    """Enter a new organisation with its first admins (for instance a venture of the
    Social Lab that graduates). The address gets a free slug from the name."""
    base = slugify(name)[:70] or "organisation"
    taken = set(Organisation.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    with transaction.atomic():
        organisation = Organisation(
            name=name, slug=slug, kind=kind, legal_form=legal_form, description=description
        )
        organisation.full_clean()
        organisation.save()
        record_change(
            organisation=organisation,
            actor=actor,
            action=history.CREATED,
            obj=organisation,
            changes={"name": (None, name)},
        )
        for admin in admins:
            membership, created = Membership.objects.get_or_create(
                user=admin, organisation=organisation, defaults={"role": Membership.Role.ADMIN}
            )
            if created:
                record_change(
                    organisation=organisation,
                    actor=actor,
                    action=history.CREATED,
                    obj=membership,
                    changes={"role": (None, membership.role)},
                )
    for admin in admins:
        forget_membership_roles(admin)
    return organisation


def update_organisation(
    *,
    organisation: Organisation,
    actor: User | None,
    fields: Mapping[str, Any],
    languages: Iterable[Any] | None = None,
) -> Organisation:
    """Change an organisation's profile and log what changed.

    Raises ``ValidationError`` (nothing saved) if the result is invalid, e.g. a
    duplicate slug or an expiry before the exemption notice.
    """
    with transaction.atomic():
        m2m = {} if languages is None else {"languages": languages}
        changes = _apply(organisation, fields, m2m)
        if changes:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CHANGED,
                obj=organisation,
                changes=changes,
            )
            for service in organisation.services.all():
                refresh_search_text(service=service)
    return organisation


def record_admin_save(
    *, obj: Model, organisation: Organisation, actor: User, created: bool, changed: list[str]
) -> None:
    """Log a change made in the Django admin (the admin saves the row itself)."""
    if not created and not changed:
        return
    record_change(
        organisation=organisation,
        actor=actor,
        action=history.CREATED if created else history.CHANGED,
        obj=obj,
        changes={name: ("", getattr(obj, name, "")) for name in changed if hasattr(obj, name)},
    )
    if isinstance(obj, Service):
        refresh_search_text(service=obj)


# --- contacts and consultation hours --------------------------------------------


def save_contact(
    *,
    organisation: Organisation,
    actor: User | None,
    contact: Contact | None,
    fields: Mapping[str, Any],
) -> Contact:
    """Create (``contact`` None) or change a contact person of ``organisation``."""
    with transaction.atomic():
        contact = contact or Contact(organisation=organisation)
        created = contact.pk is None
        changes = _apply(contact, fields, {})
        if changes:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CREATED if created else history.CHANGED,
                obj=contact,
                changes=changes,
            )
    return contact


def save_consultation_hours(
    *,
    organisation: Organisation,
    actor: User | None,
    hours: ConsultationHours | None,
    fields: Mapping[str, Any],
) -> ConsultationHours:
    """Create or change consultation hours; their service must be the organisation's own."""
    service = fields.get("service")
    if service is not None and service.organisation_id != organisation.pk:
        raise ValidationError({"service": _("This service belongs to another organisation.")})
    with transaction.atomic():
        hours = hours or ConsultationHours(organisation=organisation)
        created = hours.pk is None
        changes = _apply(hours, fields, {})
        if changes:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CREATED if created else history.CHANGED,
                obj=hours,
                changes=changes,
            )
    return hours


def delete_entry(*, organisation: Organisation, actor: User | None, obj: Model) -> None:
    """Delete a contact, consultation hours or a service of ``organisation`` and log it."""
    if getattr(obj, "organisation_id", None) != organisation.pk:
        raise ValueError("entry of another organisation")
    with transaction.atomic():
        record_change(organisation=organisation, actor=actor, action=history.DELETED, obj=obj)
        obj.delete()


# --- services --------------------------------------------------------------------


def refresh_search_text(*, service: Service) -> None:
    """Rebuild the folded text the directory search looks in."""
    parts = [
        service.name,
        service.description,
        service.eligibility,
        service.accessibility,
        service.organisation.name,
    ]
    for vocabulary in (service.target_groups.all(), service.topics.all(), service.languages.all()):
        for term in vocabulary:
            parts.extend([term.name, term.name_en])
    text = normalise_search_text(" ".join(parts))
    if text != service.search_text:
        Service.objects.filter(pk=service.pk).update(search_text=text)
        service.search_text = text


def _free_service_slug(organisation: Organisation, name: str) -> str:
    base = slugify(name)[:70] or "angebot"
    taken = set(organisation.services.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_service(
    *,
    organisation: Organisation,
    actor: User | None,
    service: Service | None,
    fields: Mapping[str, Any],
    target_groups: Iterable[Any] = (),
    topics: Iterable[Any] = (),
    languages: Iterable[Any] = (),
) -> Service:
    """Create (``service`` None) or change a directory entry of ``organisation``.

    Saving counts as confirming the entry: ``last_verified`` becomes today and
    an open request for confirmation is closed.
    """
    with transaction.atomic():
        service = service or Service(organisation=organisation)
        created = service.pk is None
        if created:
            service.slug = _free_service_slug(organisation, fields.get("name") or "")
        fields = {**fields, "last_verified": timezone.localdate()}
        changes = _apply(
            service,
            fields,
            {"target_groups": target_groups, "topics": topics, "languages": languages},
        )
        changes.pop("last_verified", None)
        Service.objects.filter(pk=service.pk).update(
            verification_requested_at=None, flagged_at=None
        )
        refresh_search_text(service=service)
        if changes or created:
            record_change(
                organisation=organisation,
                actor=actor,
                action=history.CREATED if created else history.CHANGED,
                obj=service,
                changes=changes,
            )
    return service


def confirm_service(*, service: Service, actor: User | None) -> Service:
    """The organisation confirms the entry is still correct (HSDS ``assured_date`` = today)."""
    with transaction.atomic():
        today = timezone.localdate()
        Service.objects.filter(pk=service.pk).update(
            last_verified=today, verification_requested_at=None, flagged_at=None
        )
        service.last_verified = today
        service.verification_requested_at = service.flagged_at = None
        record_change(
            organisation=service.organisation,
            actor=actor,
            action=history.CHANGED,
            obj=service,
            changes={"last_verified": (None, today)},
        )
    return service


# --- members and invitations -----------------------------------------------------


def invite_member(
    *, organisation: Organisation, email: str, role: str, invited_by: User | None
) -> Invitation:
    """Invite ``email`` to join ``organisation``; the e-mail is queued in the outbox.

    Raises ``ValidationError`` if that person already belongs to the organisation.
    An earlier open invitation of the same address is withdrawn.
    """
    email = email.strip()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This person already belongs to the organisation.")}, code="member"
        )
    with transaction.atomic():
        now = timezone.now()
        organisation.invitations.open().filter(email__iexact=email).update(revoked_at=now)
        invitation = Invitation.objects.create(
            organisation=organisation, email=email, role=role, invited_by=invited_by
        )
        record_change(
            organisation=organisation,
            actor=invited_by,
            action=history.CREATED,
            obj=invitation,
            changes={"email": (None, email), "role": (None, role)},
        )
        send_invitation(invitation=invitation)
    return invitation


def send_invitation(*, invitation: Invitation) -> bool:
    """Queue the invitation e-mail once in the outbox; False if already sent or closed.

    ``sent_at`` is claimed with a conditional UPDATE in the same transaction as
    the outbox row, so a second call queues nothing and a rollback queues nothing.
    The outbox sends after commit, retries and shows failures to staff.
    """
    if not invitation.is_open:
        return False
    with transaction.atomic():
        claimed = Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            return False
        inviter = invitation.invited_by
        recipient = User.objects.filter(email__iexact=invitation.email).first()
        # The invitee's own language if they have an account, else the inviter's.
        speaker = recipient or inviter
        queue_templated_email(
            template="tenants/email/invitation",
            context={
                "invitation": invitation,
                "organisation": invitation.organisation,
                "inviter": inviter,
                "has_account": recipient is not None,
                "accept_url": settings.SITE_URL + invitation.get_absolute_url(),
                "role": invitation.get_role_display,  # called in the recipient's language
            },
            to=[invitation.email],
            language=(speaker.language if speaker else "") or "de",
            ref=f"tenants.invitation:{invitation.pk}",
            kind="tenants_invitation",
        )
    return True


def accept_invitation(*, invitation: Invitation, user: User) -> Membership:
    """Attach ``user`` to the invitation's organisation with the invited role.

    Raises ``ValidationError`` when the invitation is closed or addressed to an
    e-mail address ``user`` has not verified.
    """
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise ValidationError(_("This invitation is no longer valid."), code="closed")
        verified = EmailAddress.objects.filter(
            user=user, email__iexact=invitation.email, verified=True
        ).exists()
        if not verified:
            raise ValidationError(
                _("This invitation was sent to another e-mail address."), code="other_email"
            )
        membership, created = Membership.objects.get_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"role": invitation.role},
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if created:
            record_change(
                organisation=invitation.organisation,
                actor=user,
                action=history.CREATED,
                obj=membership,
                changes={"role": (None, membership.role)},
            )
    forget_membership_roles(user)
    return membership


def revoke_invitation(*, invitation: Invitation, actor: User | None) -> None:
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        record_change(
            organisation=invitation.organisation,
            actor=actor,
            action=history.DELETED,
            obj=invitation,
        )


def _lock_admins(organisation: Organisation) -> list[int]:
    """Lock the organisation's admin memberships; concurrent role changes wait for us."""
    return list(
        Membership.objects.select_for_update()
        .filter(organisation=organisation, role=Membership.Role.ADMIN)
        .values_list("pk", flat=True)
    )


def change_member_role(*, membership: Membership, role: str, actor: User | None) -> Membership:
    """Make a member admin or member. Raises ``LastAdminError`` for the last admin's demotion."""
    with transaction.atomic():
        admins = _lock_admins(membership.organisation)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Membership.Role.ADMIN and admins == [membership.pk]:
            raise LastAdminError(
                _("The organisation needs at least one admin. Make someone else admin first."),
                code="last_admin",
            )
        old = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        record_change(
            organisation=membership.organisation,
            actor=actor,
            action=history.CHANGED,
            obj=membership,
            changes={"role": (old, membership.role)},
        )
    forget_membership_roles(membership.user)
    return membership


def remove_member(*, membership: Membership, actor: User | None) -> None:
    """Remove a person from an organisation. The last admin cannot be removed."""
    with transaction.atomic():
        admins = _lock_admins(membership.organisation)
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.role == Membership.Role.ADMIN and admins == [membership.pk]:
            raise LastAdminError(
                _("The last admin cannot leave the organisation. Make someone else admin first."),
                code="last_admin",
            )
        record_change(
            organisation=membership.organisation,
            actor=actor,
            action=history.DELETED,
            obj=membership,
        )
        membership.delete()
    forget_membership_roles(membership.user)


# --- keeping the directory current -------------------------------------------------


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
