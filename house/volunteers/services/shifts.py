"""Shifts: repeating café shifts, signing up, the waiting list and cancelling.

Decisions:

* Places are protected by the lock module: a sign-up takes the volunteer's lock
  (for the clash check) and then the shift's lock, counts the places held
  (signed up or offered) and writes. Every writer takes the locks in that order.
* A full shift puts the volunteer on its waiting list. A freed place is offered to
  the first person waiting, who confirms by link within ``OFFER_WINDOW`` (but
  before the shift starts); an offer that runs out goes to the next person.
* Two shifts clash when they overlap by more than ``CLASH_GRACE`` (handing over
  at the counter is not a clash).
* Reserved places (for trained café staff) are kept for holders of the
  qualification until ``reserved_open_days`` before the shift, then open to all.
* Repeat rules are expanded in Europe/Berlin wall-clock time: each occurrence is a
  local date and time made aware on its own day, so 09:00 stays 09:00 across the
  change to summer time. Closure days of the house are skipped.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dateutil.rrule import rrulestr
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.ical import BERLIN
from house.locks import is_lost_race, is_unique_violation, lock
from house.models import ClosureDay
from house.permissions import has_role
from house.roles import Role
from house.services import queue_templated_email
from house.volunteers import ical
from house.volunteers.models import (
    Assignment,
    Opportunity,
    Qualification,
    Shift,
    ShiftSeries,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError
from house.volunteers.services.qualifications import missing_qualifications

if TYPE_CHECKING:
    from house.models import User

CLASH_GRACE = dt.timedelta(minutes=15)
OFFER_WINDOW = dt.timedelta(hours=24)
#: Sign-ups for one shift queue behind each other; a popular shift may keep a few waiting.
SIGNUP_LOCK_TIMEOUT_MS = 30_000
#: An expansion never creates more shifts than this from one rule.
MAX_OCCURRENCES = 400


class ShiftFullError(VolunteerError):
    pass


def _when(shift: Shift) -> str:
    local = timezone.localtime(shift.start)
    return date_format(local, "SHORT_DATETIME_FORMAT")


def create_shift(
    *,
    opportunity: Opportunity,
    title: str,
    start: dt.datetime,
    end: dt.datetime,
    min_staff: int = 1,
    max_staff: int = 2,
    signup_deadline: dt.datetime | None = None,
    reserved_places: int = 0,
    reserved_for: object = None,
    actor: User | None = None,
) -> Shift:
    """One shift of ``opportunity``; it requires what the opportunity requires."""
    if end <= start:
        raise VolunteerError(_("The shift must end after it starts."), field="end")
    if max_staff < max(1, min_staff):
        raise VolunteerError(
            _("The maximum staff must be at least the minimum staff."), field="max_staff"
        )
    if ClosureDay.objects.filter(date=timezone.localtime(start).date()).exists():
        raise VolunteerError(_("The house is closed on that day."), field="start")
    with transaction.atomic():
        shift = Shift.objects.create(
            opportunity=opportunity,
            title=title,
            start=start,
            end=end,
            min_staff=min_staff,
            max_staff=max_staff,
            signup_deadline=signup_deadline,
            reserved_places=min(reserved_places, max_staff),
            reserved_for=reserved_for,  # type: ignore[misc]
        )
        shift.required_qualifications.set(opportunity.required_qualifications.all())
    return shift


def occurrences(series: ShiftSeries) -> list[tuple[dt.datetime, dt.datetime]]:
    """The (start, end) instants of ``series``: its rule read in Berlin wall-clock time,
    bounded by its last day and ``MAX_OCCURRENCES``, without the house's closure days."""
    first = dt.datetime.combine(series.first_day, series.start_time)
    until = dt.datetime.combine(series.last_day, dt.time(23, 59))
    try:
        rule = rrulestr(series.rrule, dtstart=first, ignoretz=True)
    except (ValueError, TypeError) as exc:
        raise VolunteerError(_("The repeat rule is not valid."), field="rrule") from exc
    local_starts = []
    for index, value in enumerate(rule.xafter(first - dt.timedelta(seconds=1), inc=True)):
        if value > until or index >= MAX_OCCURRENCES:
            break
        local_starts.append(value)
    closed = ClosureDay.objects.closed_dates(day.date() for day in local_starts)
    result = []
    for local in local_starts:
        if local.date() in closed:
            continue
        start = timezone.make_aware(local, BERLIN)
        end = timezone.make_aware(dt.datetime.combine(local.date(), series.end_time), BERLIN)
        result.append((start, end))
    return result


def generate_series_shifts(*, series: ShiftSeries) -> int:
    """Create the shifts of ``series`` that do not exist yet; returns how many were made.
    Idempotent: an occurrence already present (by its start) is left as it is."""
    wanted = occurrences(series)
    with transaction.atomic():
        existing = set(series.shifts.values_list("start", flat=True))
        required = list(series.opportunity.required_qualifications.all())
        created = 0
        for start, end in wanted:
            if start in existing:
                continue
            shift = Shift.objects.create(
                opportunity=series.opportunity,
                series=series,
                title=series.title,
                start=start,
                end=end,
                min_staff=series.min_staff,
                max_staff=series.max_staff,
                reserved_places=series.reserved_places,
                reserved_for=series.reserved_for,
                reserved_open_days=series.reserved_open_days,
            )
            if required:
                shift.required_qualifications.set(required)
            created += 1
    return created


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


def offer_next_place(*, shift: Shift) -> Assignment | None:
    """Offer a free place of ``shift`` to the first person waiting. Call under the
    shift's lock (inside the caller's transaction)."""
    now = timezone.now()
    if shift.start <= now or shift.cancelled_at is not None:
        return None
    if shift.assignments.holding().count() >= shift.max_staff:
        return None
    candidate = (
        shift.assignments.filter(status=Assignment.Status.WAITING)
        .select_related("profile__user", "shift__opportunity")
        .order_by("created_at", "pk")
        .first()
    )
    if candidate is None:
        return None
    candidate.status = Assignment.Status.OFFERED
    candidate.offer_expires_at = min(now + OFFER_WINDOW, shift.start)
    candidate.save(update_fields=["status", "offer_expires_at", "updated_at"])
    log_activity(
        obj=shift,
        action_type="volunteers.shift.offered",
        actor=None,
        data={
            "name": candidate.profile.name,
            "until": date_format(
                timezone.localtime(candidate.offer_expires_at), "SHORT_DATETIME_FORMAT"
            ),
        },
    )
    _mail(candidate, "offered")
    return candidate


def confirm_offer(*, token: str) -> Assignment:
    """The person offered a freed place takes it by the link in their e-mail."""
    with transaction.atomic():
        found = Assignment.objects.filter(token=token).values_list("shift_id", flat=True).first()
        if found is None:
            raise VolunteerError(_("This link is not valid."))
        lock("volunteers.shift", found)
        assignment = Assignment.objects.select_related("shift", "profile").get(token=token)
        if assignment.status == Assignment.Status.CONFIRMED:
            return assignment
        if assignment.status != Assignment.Status.OFFERED:
            raise VolunteerError(_("This offer is no longer open."))
        if assignment.offer_expires_at and assignment.offer_expires_at <= timezone.now():
            raise VolunteerError(_("This offer has expired; the place went to the next person."))
        assignment.status = Assignment.Status.CONFIRMED
        assignment.offer_expires_at = None
        assignment.save(update_fields=["status", "offer_expires_at", "updated_at"])
        log_activity(
            obj=assignment.shift,
            action_type="volunteers.shift.offer_confirmed",
            actor=assignment.profile.user,
            data={"name": assignment.profile.name},
        )
        _mail(assignment, "signed_up", method="REQUEST")
    return assignment


def expire_offers(*, now: dt.datetime | None = None) -> int:
    """Withdraw offers not confirmed in time and offer the place to the next person."""
    now = now or timezone.now()
    expired = 0
    due = Assignment.objects.filter(
        status=Assignment.Status.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", "shift_id")
    for pk, shift_id in list(due):
        with transaction.atomic():
            lock("volunteers.shift", shift_id)
            count = Assignment.objects.filter(
                pk=pk, status=Assignment.Status.OFFERED, offer_expires_at__lte=now
            ).update(status=Assignment.Status.EXPIRED, updated_at=now)
            if not count:
                continue
            assignment = Assignment.objects.select_related("shift", "profile").get(pk=pk)
            log_activity(
                obj=assignment.shift,
                action_type="volunteers.shift.offer_expired",
                actor=None,
                data={"name": assignment.profile.name},
            )
            offer_next_place(shift=assignment.shift)
            expired += 1
    return expired


def _mail(assignment: Assignment, template: str, *, method: str | None = None) -> None:
    """Queue the e-mail ``template`` to the volunteer (if they have an address)."""
    from django.conf import settings
    from django.urls import reverse

    address = assignment.profile.contact_email
    if not address:
        return
    attachments = [ical.invitation(assignment, method)] if method else []
    queue_templated_email(
        template=f"volunteers/email/{template}",
        context={
            "assignment": assignment,
            "shift": assignment.shift,
            "profile": assignment.profile,
            "when": _when(assignment.shift),
            "confirm_url": settings.SITE_URL
            + reverse("volunteers:offer", kwargs={"token": assignment.token}),
            "my_shifts_url": settings.SITE_URL + reverse("volunteers:my_shifts"),
        },
        to=[address],
        language=assignment.profile.language,
        attachments=attachments,
        ref=f"volunteers.assignment:{assignment.pk}",
        kind=f"volunteers.{template}",
    )
