"""Organisations of the house, their members and invitations, and the public service directory.

The directory follows Open Referral HSDS 3.0: an :class:`Organisation` offers
:class:`Service` entries, each with a location in the house and a schedule of
:class:`ConsultationHours`. ``last_verified`` is HSDS's ``assured_date``.

By subject: ``vocabulary`` (target groups, topics, languages), ``organisation``,
``membership`` (members and invitations), ``directory`` (contacts, services and
reports of outdated entries) and ``hours`` (consultation hours).
"""

from tenants.models.directory import (
    VERIFY_AFTER_DAYS,
    VERIFY_GRACE_DAYS,
    Contact,
    ContactQuerySet,
    OutdatedReport,
    Service,
    ServiceQuerySet,
    normalise_search_text,
)
from tenants.models.hours import LOOKAHEAD_DAYS, ConsultationHours, ConsultationHoursQuerySet
from tenants.models.membership import Invitation, InvitationQuerySet, Membership
from tenants.models.membership import _invitation_expiry as _invitation_expiry
from tenants.models.membership import _new_token as _new_token
from tenants.models.organisation import (
    LOGO_MAX_BYTES,
    Organisation,
    OrganisationQuerySet,
    location_label,
)
from tenants.models.vocabulary import Language, TargetGroup, Topic, Vocabulary

__all__ = [
    "LOGO_MAX_BYTES",
    "LOOKAHEAD_DAYS",
    "VERIFY_AFTER_DAYS",
    "VERIFY_GRACE_DAYS",
    "ConsultationHours",
    "ConsultationHoursQuerySet",
    "Contact",
    "ContactQuerySet",
    "Invitation",
    "InvitationQuerySet",
    "Language",
    "Membership",
    "Organisation",
    "OrganisationQuerySet",
    "OutdatedReport",
    "Service",
    "ServiceQuerySet",
    "TargetGroup",
    "Topic",
    "Vocabulary",
    "location_label",
    "normalise_search_text",
]
