"""Actors: joining the network, keeping the entry, and the six-monthly verification loop."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from house.activity import log_activity
from tenants.models import Membership, Organisation
from tenants.network.models import Actor, District
from tenants.network.services.errors import NetworkError
from tenants.network.services.mail import admins_of, coordinators, queue_each

if TYPE_CHECKING:
    from events.models import Event
    from house.models import User
    from tenants.models import TargetGroup
    from tenants.network.models import Topic

logger = logging.getLogger(__name__)

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def _free_slug(name: str) -> str:
    base = slugify(name.translate(_UMLAUTS))[:70] or "akteur"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def add_organisation_as_actor(
    *, organisation: Organisation, district: District, added_by: User | None, summary: str = ""
) -> Actor:
    """Make an organisation of the directory an actor of the network.

    Raises :class:`NetworkError` if it already is one.
    """
    try:
        with transaction.atomic():
            actor = Actor.objects.create(
                organisation=organisation, district=district, summary=summary, created_by=added_by
            )
            log_activity(obj=actor, action_type="network.actor.created", actor=added_by)
    except IntegrityError as exc:
        raise NetworkError(
            _("%(name)s is already part of the network.") % {"name": organisation.name},
            field="organisation",
        ) from exc
    return actor


def add_outside_actor(
    *,
    name: str,
    district: District,
    added_by: User | None,
    legal_form: str = Organisation.LegalForm.OTHER,
    summary: str = "",
    website: str = "",
    email: str = "",
    street: str = "",
    postcode: str = "",
    invite_email: str = "",
) -> Actor:
    """Enter an actor that is not in the house: a parish, a school, a club, an initiative.

    It becomes an organisation of the kind "network member" with a network
    entry. With ``invite_email`` its future admin is invited (through the
    directory's invitations, e-mail in the outbox) to keep the entry themselves.
    """
    from tenants.services import invite_member

    name = name.strip()
    if not name:
        raise NetworkError(_("Please enter the name of the actor."), field="name")
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=name,
            slug=_free_slug(name),
            kind=Organisation.Kind.NETWORK_MEMBER,
            legal_form=legal_form,
            website=website,
            email=email,
            street=street,
            postcode=postcode,
            city="Kassel",
            is_public=True,
        )
        actor = Actor.objects.create(
            organisation=organisation, district=district, summary=summary, created_by=added_by
        )
        log_activity(obj=actor, action_type="network.actor.created", actor=added_by)
        if invite_email:
            invite_member(
                organisation=organisation,
                email=invite_email,
                role=Membership.Role.ADMIN,
                invited_by=added_by,
            )
    return actor


def save_actor(
    *,
    actor: Actor,
    changed_by: User | None,
    district: District,
    summary: str,
    show_address: bool,
    latitude: Decimal | None,
    longitude: Decimal | None,
    topics: Iterable[Topic],
    target_groups: Iterable[TargetGroup],
    partner_events: Iterable[Event],
) -> Actor:
    """Save the entry as its admins keep it. Saving confirms it is current (``last_verified``)."""
    if (latitude is None) != (longitude is None):
        raise NetworkError(
            _("Please enter both latitude and longitude, or neither."), field="latitude"
        )
    with transaction.atomic():
        actor.district = district
        actor.summary = summary
        actor.show_address = show_address
        actor.latitude = latitude
        actor.longitude = longitude
        actor.last_verified = timezone.localdate()
        actor.verification_requested_at = None
        actor.flagged_at = None
        actor.save()
        actor.topics.set(list(topics))
        actor.target_groups.set(list(target_groups))
        actor.partner_events.set(list(partner_events))
        log_activity(obj=actor, action_type="network.actor.changed", actor=changed_by)
    return actor


def verify_actor(*, actor: Actor, verified_by: User | None) -> Actor:
    """The admins confirm the entry is still correct: today becomes ``last_verified``."""
    with transaction.atomic():
        today = timezone.localdate()
        Actor.objects.filter(pk=actor.pk).update(
            last_verified=today, verification_requested_at=None, flagged_at=None
        )
        actor.last_verified = today
        actor.verification_requested_at = actor.flagged_at = None
        log_activity(obj=actor, action_type="network.actor.verified", actor=verified_by)
    return actor


def set_actor_listed(*, actor: Actor, listed: bool, changed_by: User | None) -> Actor:
    """The coordination takes an entry off the public pages, or back on."""
    with transaction.atomic():
        Actor.objects.filter(pk=actor.pk).update(is_listed=listed)
        actor.is_listed = listed
        log_activity(
            obj=actor,
            action_type="network.actor.changed",
            actor=changed_by,
            data={"listed": listed},
        )
    return actor


def _edit_url(actor: Actor) -> str:
    return settings.SITE_URL + reverse("network:actor_edit", kwargs={"slug": actor.slug})


def remind_stale_actors(*, today: dt.date | None = None) -> int:
    """Ask the admins of entries unconfirmed for six months to confirm them.

    Each entry is claimed with a conditional UPDATE (so concurrent runs ask
    once) in the transaction that queues its e-mails. Entries without admins
    (actors entered by the coordination) are the coordination's to confirm.
    Returns the number of entries asked about.
    """
    today = today or timezone.localdate()
    asked = 0
    for actor in Actor.objects.due_for_reminder(today).select_related("organisation"):
        with transaction.atomic():
            claimed = Actor.objects.filter(
                pk=actor.pk, verification_requested_at__isnull=True
            ).update(verification_requested_at=timezone.now())
            if not claimed:
                continue
            recipients = admins_of(actor.organisation) or coordinators()
            queue_each(
                recipients=recipients,
                template="network/email/verification_request",
                context={"actor": actor, "edit_url": _edit_url(actor)},
                ref=f"network.actor:{actor.pk}",
                kind="network_verification_request",
            )
            log_activity(obj=actor, action_type="network.actor.reminded")
            asked += 1
    logger.info("Asked for confirmation of %d network entries", asked)
    return asked


def flag_overdue_actors(*, now: dt.datetime | None = None) -> int:
    """Flag entries still unconfirmed 30 days after the reminder and tell the coordination."""
    now = now or timezone.now()
    with transaction.atomic():
        overdue = list(Actor.objects.overdue(now).select_related("organisation"))
        flagged = [
            a
            for a in overdue
            if Actor.objects.filter(pk=a.pk, flagged_at__isnull=True).update(flagged_at=now)
        ]
        for actor in flagged:
            log_activity(obj=actor, action_type="network.actor.flagged")
        if flagged:
            queue_each(
                recipients=coordinators(),
                template="network/email/stale_flag",
                context={
                    "actors": flagged,
                    "coordination_url": settings.SITE_URL + reverse("network:coordination"),
                },
                ref=f"network.actor:{flagged[0].pk}",
                kind="network_stale_flag",
            )
    return len(flagged)
