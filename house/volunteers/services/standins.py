""" "I can't come": the place stays covered until a stand-in takes it over.

The volunteer who cannot come keeps the place (and the shift stays staffed on
paper) while the best matches are asked: people who hold the shift's
qualifications, usually help on that weekday, have no clashing shift, and were
asked least recently. The first to accept takes the place over.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.locks import lock
from house.services import queue_templated_email
from house.volunteers.models import Assignment, Shift, StandInOffer, VolunteerProfile
from house.volunteers.services import VolunteerError
from house.volunteers.services.qualifications import missing_qualifications
from house.volunteers.services.shifts import CLASH_GRACE, _mail

if TYPE_CHECKING:
    from house.models import User

#: How many people are asked at once.
STAND_IN_CANDIDATES = 3


def best_matches(*, shift: Shift, limit: int = 10) -> list[VolunteerProfile]:
    """Volunteers who could take a place on ``shift``, the best first: qualified on the
    day, available on its weekday (or without stated days), no clashing shift, not on
    the shift already, asked least recently."""
    day = timezone.localtime(shift.start).date()
    required = list(shift.required_qualifications.all())
    on_shift = shift.assignments.filter(status__in=Assignment.ACTIVE).values("profile_id")
    busy = Assignment.objects.filter(
        status__in=Assignment.HOLDING,
        shift__cancelled_at__isnull=True,
        shift__start__lt=shift.end - CLASH_GRACE,
        shift__end__gt=shift.start + CLASH_GRACE,
    ).values("profile_id")
    candidates = (
        VolunteerProfile.objects.active()
        .exclude(pk__in=on_shift)
        .exclude(pk__in=busy)
        .order_by(F("last_asked_at").asc(nulls_first=True), "name", "pk")
    )
    result = []
    weekday = day.weekday()
    for profile in candidates:
        if profile.available_weekdays and weekday not in profile.available_weekdays:
            continue
        if required and missing_qualifications(profile=profile, kinds=required, on=day):
            continue
        result.append(profile)
        if len(result) >= limit:
            break
    return result


def request_stand_in(*, assignment: Assignment, actor: User) -> list[StandInOffer]:
    """The volunteer cannot come: keep the place covered and ask the best matches."""
    with transaction.atomic():
        lock("volunteers.shift", assignment.shift_id)
        assignment = Assignment.objects.select_related("shift", "profile").get(pk=assignment.pk)
        if assignment.status != Assignment.Status.CONFIRMED:
            raise VolunteerError(_("Only a place you hold can be handed over."))
        if assignment.shift.start <= timezone.now():
            raise VolunteerError(_("The shift has begun; please tell the coordination by phone."))
        now = timezone.now()
        if assignment.stand_in_wanted_at is None:
            assignment.stand_in_wanted_at = now
            assignment.save(update_fields=["stand_in_wanted_at", "updated_at"])
        asked = set(assignment.stand_in_offers.values_list("candidate_id", flat=True))
        candidates = [
            p
            for p in best_matches(shift=assignment.shift, limit=STAND_IN_CANDIDATES + len(asked))
            if p.pk not in asked and p.pk != assignment.profile_id
        ][:STAND_IN_CANDIDATES]
        offers = []
        for candidate in candidates:
            offer = StandInOffer.objects.create(assignment=assignment, candidate=candidate)
            offers.append(offer)
            if candidate.contact_email:
                queue_templated_email(
                    template="volunteers/email/stand_in_request",
                    context={
                        "offer": offer,
                        "shift": assignment.shift,
                        "candidate": candidate,
                        "accept_url": settings.SITE_URL
                        + reverse("volunteers:stand_in", kwargs={"token": offer.token}),
                    },
                    to=[candidate.contact_email],
                    language=candidate.language,
                    ref=f"volunteers.stand_in:{offer.pk}",
                    kind="volunteers.stand_in_request",
                )
        VolunteerProfile.objects.filter(pk__in=[c.pk for c in candidates]).update(last_asked_at=now)
        log_activity(
            obj=assignment.shift,
            action_type="volunteers.shift.stand_in_wanted",
            actor=actor,
            data={"name": assignment.profile.name, "count": len(offers)},
        )
    return offers


def accept_stand_in(*, token: str) -> Assignment:
    """A candidate takes over the place. The first to accept wins; the others are told
    by the page that the place is taken."""
    with transaction.atomic():
        found = (
            StandInOffer.objects.filter(token=token)
            .values_list("candidate_id", "assignment__shift_id")
            .first()
        )
        if found is None:
            raise VolunteerError(_("This link is not valid."))
        candidate_id, shift_id = found
        lock("volunteers.profile", candidate_id)
        lock("volunteers.shift", shift_id)
        offer = StandInOffer.objects.select_related(
            "assignment__shift", "assignment__profile", "candidate"
        ).get(token=token)
        original = offer.assignment
        if offer.accepted_at is not None:
            return original.shift.assignments.get(
                profile=offer.candidate, status=Assignment.Status.CONFIRMED
            )
        if (
            offer.closed_at is not None
            or original.status != Assignment.Status.CONFIRMED
            or original.stand_in_wanted_at is None
        ):
            raise VolunteerError(_("Thank you – someone else has already taken this place."))
        if original.shift.start <= timezone.now():
            raise VolunteerError(_("This shift has already begun."))
        from house.volunteers.services.shifts import clashing_shift

        clash = clashing_shift(profile=offer.candidate, shift=original.shift)
        if clash is not None:
            raise VolunteerError(
                _("This shift clashes with your shift “%(title)s”.") % {"title": clash.title}
            )
        now = timezone.now()
        original.status = Assignment.Status.HANDED_OVER
        original.sequence += 1
        original.save(update_fields=["status", "sequence", "updated_at"])
        taken = Assignment.objects.create(
            shift=original.shift,
            profile=offer.candidate,
            status=Assignment.Status.CONFIRMED,
            recorded_by=offer.candidate.user,
        )
        offer.accepted_at = now
        offer.closed_at = now
        offer.save(update_fields=["accepted_at", "closed_at"])
        original.stand_in_offers.filter(closed_at__isnull=True).update(closed_at=now)
        log_activity(
            obj=original.shift,
            action_type="volunteers.shift.stand_in_taken",
            actor=offer.candidate.user,
            data={"name": offer.candidate.name, "previous": original.profile.name},
        )
        _mail(original, "handed_over", method="CANCEL")
        _mail(taken, "signed_up", method="REQUEST")
    return taken
