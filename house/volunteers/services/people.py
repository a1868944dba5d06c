"""Volunteer profiles, consent per purpose, and interest from people without an account."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.models import Role, User
from house.services import queue_templated_email
from house.volunteers.models import Consent, ConsentPurpose, Interest, Opportunity, VolunteerProfile
from house.volunteers.models.people import CONSENT_TEXT_VERSION, ConsentChannel
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from collections.abc import Iterable

PROFILE_FIELDS = (
    "phone",
    "contact_channel",
    "interests",
    "skills",
    "languages",
    "available_weekdays",
    "availability_note",
    "show_name_on_lists",
)


def _apply(profile: VolunteerProfile, details: dict[str, Any]) -> list[str]:
    changed = []
    for name in PROFILE_FIELDS:
        if name in details and getattr(profile, name) != details[name]:
            setattr(profile, name, details[name])
            changed.append(name)
    return changed


def _record_consents(
    *,
    profile: VolunteerProfile,
    purposes: Iterable[str],
    channel: str,
    recorded_by: User | None,
) -> None:
    now = timezone.now()
    current = set(profile.consents.current().values_list("purpose", flat=True))
    for purpose in purposes:
        if purpose in current:
            continue
        Consent.objects.create(
            profile=profile,
            purpose=purpose,
            text_version=CONSENT_TEXT_VERSION,
            channel=channel,
            given_at=now,
            recorded_by=recorded_by,
        )
        log_activity(
            obj=profile,
            action_type="volunteers.consent.given",
            actor=recorded_by,
            data={"purpose": str(ConsentPurpose(purpose).label)},
        )


def register_volunteer(
    *, user: User, details: dict[str, Any], consents: Iterable[str]
) -> VolunteerProfile:
    """Make ``user`` a volunteer of the house with the given profile details.

    Consent to keep the profile (``registry``) is required; every purpose is
    recorded with the version of its text, the time and the channel "online".
    Raises :class:`VolunteerError` if consent is missing or the person is
    already registered.
    """
    purposes = set(consents)
    if ConsentPurpose.REGISTRY not in purposes:
        raise VolunteerError(
            _("Please agree that the house keeps your volunteer profile."), field="consents"
        )
    with transaction.atomic():
        if VolunteerProfile.objects.filter(user=user).exists():
            raise VolunteerError(_("You are already registered as a volunteer."))
        profile = VolunteerProfile(user=user, name=user.name or user.email, email="")
        _apply(profile, details)
        profile.show_name_on_lists = ConsentPurpose.NAME_ON_LISTS in purposes
        profile.save()
        _record_consents(
            profile=profile, purposes=purposes, channel=ConsentChannel.ONLINE, recorded_by=user
        )
        log_activity(obj=profile, action_type="volunteers.profile.registered", actor=user)
    return profile


def register_on_behalf(
    *,
    actor: User,
    name: str,
    phone: str,
    details: dict[str, Any],
    consents: Iterable[str],
    email: str = "",
) -> VolunteerProfile:
    """The coordination registers a person who has only a phone; consent was signed on
    paper and is recorded as such, with the coordinator who keeps the form."""
    purposes = set(consents)
    if ConsentPurpose.REGISTRY not in purposes:
        raise VolunteerError(
            _("Record the signed paper consent to keep the profile."), field="consents"
        )
    if not name.strip() or not (phone.strip() or email.strip()):
        raise VolunteerError(_("Enter a name and a phone number."), field="phone")
    with transaction.atomic():
        profile = VolunteerProfile(
            name=name.strip(), phone=phone.strip(), email=email.strip(), registered_by=actor
        )
        _apply(profile, {**details, "phone": phone.strip()})
        profile.contact_channel = details.get("contact_channel") or "phone"
        profile.show_name_on_lists = ConsentPurpose.NAME_ON_LISTS in purposes
        profile.save()
        _record_consents(
            profile=profile, purposes=purposes, channel=ConsentChannel.PAPER, recorded_by=actor
        )
        log_activity(
            obj=profile, action_type="volunteers.profile.registered_on_behalf", actor=actor
        )
    return profile


def update_profile(
    *, profile: VolunteerProfile, actor: User, details: dict[str, Any]
) -> VolunteerProfile:
    """Change the profile fields in ``details``; the name-on-lists choice follows its consent."""
    with transaction.atomic():
        changed = _apply(profile, details)
        if "name" in details and profile.is_kept_on_behalf and details["name"].strip():
            profile.name = details["name"].strip()
            changed.append("name")
        if changed:
            profile.save()
            log_activity(
                obj=profile,
                action_type="volunteers.profile.updated",
                actor=actor,
                data={"fields": changed},
            )
        if "show_name_on_lists" in changed:
            if profile.show_name_on_lists:
                _record_consents(
                    profile=profile,
                    purposes=[ConsentPurpose.NAME_ON_LISTS],
                    channel=ConsentChannel.ONLINE
                    if actor == profile.user
                    else ConsentChannel.PAPER,
                    recorded_by=actor,
                )
            else:
                _withdraw(profile, ConsentPurpose.NAME_ON_LISTS, actor)
    return profile


def set_coordinator_notes(*, profile: VolunteerProfile, actor: User, notes: str) -> None:
    with transaction.atomic():
        profile.coordinator_notes = notes
        profile.save(update_fields=["coordinator_notes"])


def give_consent(*, profile: VolunteerProfile, purpose: str, actor: User) -> None:
    channel = ConsentChannel.ONLINE if actor == profile.user else ConsentChannel.PAPER
    with transaction.atomic():
        _record_consents(profile=profile, purposes=[purpose], channel=channel, recorded_by=actor)
        if purpose == ConsentPurpose.NAME_ON_LISTS and not profile.show_name_on_lists:
            profile.show_name_on_lists = True
            profile.save(update_fields=["show_name_on_lists"])


def _withdraw(profile: VolunteerProfile, purpose: str, actor: User) -> bool:
    count = profile.consents.current().filter(purpose=purpose).update(withdrawn_at=timezone.now())
    if count:
        log_activity(
            obj=profile,
            action_type="volunteers.consent.withdrawn",
            actor=actor,
            data={"purpose": str(ConsentPurpose(purpose).label)},
        )
    return bool(count)


def withdraw_consent(*, profile: VolunteerProfile, purpose: str, actor: User) -> None:
    """Withdraw one consent. Withdrawing the registry consent ends the volunteering:
    the profile is deactivated and the person's future places are given up."""
    from house.volunteers.services.shifts import cancel_assignment

    with transaction.atomic():
        _withdraw(profile, purpose, actor)
        if purpose == ConsentPurpose.NAME_ON_LISTS:
            profile.show_name_on_lists = False
            profile.save(update_fields=["show_name_on_lists"])
        if purpose == ConsentPurpose.REGISTRY:
            profile.is_active = False
            profile.save(update_fields=["is_active"])
            for assignment in profile.assignments.filter(
                status__in=["confirmed", "offered", "waiting"], shift__start__gt=timezone.now()
            ):
                cancel_assignment(assignment=assignment, actor=actor)


def express_interest(
    *, opportunity: Opportunity, name: str, email: str, phone: str, message: str
) -> Interest:
    """Someone without an account would like to help; the coordination is told by e-mail."""
    if not name.strip() or not (email.strip() or phone.strip()):
        raise VolunteerError(_("Please give your name and an e-mail address or a phone number."))
    with transaction.atomic():
        interest = Interest.objects.create(
            opportunity=opportunity,
            name=name.strip(),
            email=email.strip(),
            phone=phone.strip(),
            message=message.strip(),
            consent_text_version=CONSENT_TEXT_VERSION,
        )
        coordinators = list(
            User.objects.with_role(Role.VOLUNTEER_COORDINATION).values_list("email", "language")
        )
        for address, language in coordinators:
            queue_templated_email(
                template="volunteers/email/interest",
                context={"interest": interest, "opportunity": opportunity},
                to=[address],
                language=language,
                ref=f"volunteers.interest:{interest.pk}",
                kind="volunteers.interest",
            )
    return interest
