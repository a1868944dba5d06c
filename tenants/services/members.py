"""Members of an organisation: invitations, roles and leaving."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.models import User
from house.services import queue_templated_email
from tenants import activity as history
from tenants.models import Invitation, Membership, Organisation
from tenants.rules import forget_membership_roles
from tenants.services.history import LastAdminError, record_change


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
