"""The waiting list: offering a free place to the next volunteer, confirming, expiring offers;
the e-mails about an assignment."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from house.services import queue_templated_email
from house.volunteers import ical
from house.volunteers.models import (
    Assignment,
    Shift,
)
from house.volunteers.services import VolunteerError

from .series import OFFER_WINDOW, _when


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
