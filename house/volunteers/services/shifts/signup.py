"""Signing up for a shift and cancelling: clashes, reserved places, free places."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import is_lost_race, is_unique_violation, lock
from house.permissions import has_role
from house.roles import Role
from house.volunteers.models import (
    Assignment,
    Qualification,
    Shift,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError
from house.volunteers.services.qualifications import missing_qualifications

if TYPE_CHECKING:
    from house.models import User
from .series import CLASH_GRACE, SIGNUP_LOCK_TIMEOUT_MS, ShiftFullError, _when
from .waiting import _mail, offer_next_place


def clashing_shift(*, profile: VolunteerProfile, shift: Shift) -> Shift | None:
    """Another shift the volunteer holds a place on that overlaps ``shift`` by more
    than the grace period."""
    return (
        Shift.objects.filter(
            assignments__profile=profile,
            assignments__status__in=Assignment.HOLDING,
            cancelled_at__isnull=True,
            start__lt=shift.end - CLASH_GRACE,
            end__gt=shift.start + CLASH_GRACE,
        )
        .exclude(pk=shift.pk)
        .first()
    )


def _holds_reserved(profile: VolunteerProfile, shift: Shift) -> bool:
    if shift.reserved_for_id is None:
        return False
    day = timezone.localtime(shift.start).date()
    return profile.qualifications.valid_on(day).filter(kind_id=shift.reserved_for_id).exists()


def has_free_place(*, shift: Shift, profile: VolunteerProfile, now: dt.datetime) -> bool:
    """Is there a place for ``profile``? Call under the shift's lock."""
    holders = list(shift.assignments.holding().values_list("profile_id", flat=True))
    if len(holders) >= shift.max_staff:
        return False
    reservation_active = (
        shift.reserved_places and shift.reserved_for_id and now < shift.reservation_opens_at()
    )
    if not reservation_active or _holds_reserved(profile, shift):
        return True
    day = timezone.localtime(shift.start).date()
    qualified = (
        Qualification.objects.valid_on(day)
        .filter(kind_id=shift.reserved_for_id, profile_id__in=holders)
        .values("profile_id")
        .distinct()
        .count()
    )
    unqualified = len(holders) - qualified
    return unqualified < shift.max_staff - shift.reserved_places


def check_can_take(
    *, shift: Shift, profile: VolunteerProfile, actor: User, now: dt.datetime
) -> None:
    """Raise :class:`VolunteerError` if ``profile`` may not take a place on ``shift``."""
    if not profile.is_active:
        raise VolunteerError(_("This volunteer profile is not active."))
    if shift.cancelled_at is not None:
        raise VolunteerError(_("This shift has been cancelled."))
    if shift.start <= now:
        raise VolunteerError(_("This shift has already begun."))
    acting_coordinator = has_role(actor, Role.VOLUNTEER_COORDINATION)
    if shift.deadline() <= now and not acting_coordinator:
        raise VolunteerError(_("Sign-up for this shift has closed."))
    missing = missing_qualifications(
        profile=profile,
        kinds=shift.required_qualifications.all(),
        on=timezone.localtime(shift.start).date(),
    )
    if missing:
        raise VolunteerError(
            _(
                "This shift needs a qualification that is missing or not valid on that day: "
                "%(names)s."
            )
            % {"names": ", ".join(kind.name for kind in missing)}
        )
    clash = clashing_shift(profile=profile, shift=shift)
    if clash is not None:
        raise VolunteerError(
            _("This shift clashes with your shift “%(title)s” on %(when)s.")
            % {"title": clash.title, "when": _when(clash)}
        )


def sign_up(
    *,
    shift: Shift,
    profile: VolunteerProfile,
    actor: User,
    wait_if_full: bool = True,
) -> Assignment:
    """Give ``profile`` a place on ``shift``, or a place on its waiting list when full.

    Safe under concurrency: the shift's lock serialises writers, so a shift never
    holds more than ``max_staff`` places. Raises :class:`VolunteerError` (already on
    the shift, a clash, a missing qualification, closed) or :class:`ShiftFullError`
    when full and ``wait_if_full`` is false. E-mails the volunteer an invitation.
    """
    try:
        with transaction.atomic():
            # The person's own checks first, under their lock only; the shift's lock
            # (which every sign-up for the shift waits for) covers just count and insert.
            lock("volunteers.profile", profile.pk)
            now = timezone.now()
            check_can_take(shift=shift, profile=profile, actor=actor, now=now)
            lock("volunteers.shift", shift.pk, timeout_ms=SIGNUP_LOCK_TIMEOUT_MS)
            shift = Shift.objects.select_related("opportunity").get(pk=shift.pk)
            if shift.cancelled_at is not None:
                raise VolunteerError(_("This shift has been cancelled."))
            if shift.assignments.filter(profile=profile, status__in=Assignment.ACTIVE).exists():
                raise VolunteerError(_("You are already on this shift or its waiting list."))
            if has_free_place(shift=shift, profile=profile, now=now):
                status = Assignment.Status.CONFIRMED
            elif wait_if_full:
                status = Assignment.Status.WAITING
            else:
                raise ShiftFullError(_("This shift is full."))
            assignment = Assignment.objects.create(
                shift=shift, profile=profile, status=status, recorded_by=actor
            )
            log_activity(
                obj=shift,
                action_type=(
                    "volunteers.shift.signed_up"
                    if status == Assignment.Status.CONFIRMED
                    else "volunteers.shift.waiting"
                ),
                actor=actor,
                data={"name": profile.name},
            )
            if status == Assignment.Status.CONFIRMED:
                _mail(assignment, "signed_up", method="REQUEST")
            else:
                _mail(assignment, "waiting")
    except IntegrityError as exc:
        if is_unique_violation(exc):
            raise VolunteerError(_("You are already on this shift or its waiting list.")) from exc
        raise
    except Exception as exc:
        if is_lost_race(exc):
            raise VolunteerError(
                _("Many people are signing up right now. Please try again.")
            ) from exc
        raise
    return assignment


def cancel_assignment(*, assignment: Assignment, actor: User) -> Assignment:
    """Give up a place (or leave the waiting list) before the shift starts; the freed
    place is offered to the next person waiting."""
    with transaction.atomic():
        lock("volunteers.shift", assignment.shift_id)
        assignment = Assignment.objects.select_related("shift", "profile").get(pk=assignment.pk)
        if assignment.status not in Assignment.ACTIVE:
            raise VolunteerError(_("This place has already been given up."))
        if assignment.shift.start <= timezone.now():
            raise VolunteerError(_("The shift has begun; please tell the coordination by phone."))
        was_holding = assignment.is_holding
        assignment.status = Assignment.Status.CANCELLED
        assignment.sequence += 1
        assignment.save(update_fields=["status", "sequence", "updated_at"])
        assignment.stand_in_offers.filter(closed_at__isnull=True).update(closed_at=timezone.now())
        log_activity(
            obj=assignment.shift,
            action_type="volunteers.shift.cancelled_by_volunteer",
            actor=actor,
            data={"name": assignment.profile.name},
        )
        if was_holding:
            _mail(assignment, "cancelled", method="CANCEL")
            offer_next_place(shift=assignment.shift)
    return assignment
