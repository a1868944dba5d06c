"""Review: assignments by staff or from bids, conflicts of interest, scores, redacted copies."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house import locks
from house.activity import log_activity
from sociallab import queries
from sociallab.models import (
    Application,
    Assignment,
    Bid,
    Call,
    Conflict,
    Criterion,
    Review,
    Score,
)
from sociallab.services import SocialLabError

if TYPE_CHECKING:
    from house.models import User


def _is_reviewer(user: User, call: Call) -> bool:
    return call.reviewer_teams.filter(members=user).exists()


def assign_reviewer(*, actor: User, application: Application, reviewer: User) -> Assignment:
    """Staff assign a reviewer of the call's teams. Refused for a declared conflict."""
    if not _is_reviewer(reviewer, application.call):
        raise SocialLabError(_("This person is in none of the call's reviewer teams."))
    if Conflict.objects.filter(application=application, reviewer=reviewer).exists():
        raise SocialLabError(_("This reviewer declared a conflict of interest."))
    assignment, _created = Assignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    return assignment


def place_bid(*, reviewer: User, application: Application, preference: int) -> Bid:
    phase = queries.active_phase(application.call)
    if phase is None or not phase.can_bid:
        raise SocialLabError(_("Bidding is closed in this review phase."))
    if not _is_reviewer(reviewer, application.call):
        raise SocialLabError(_("Only reviewers of this call can bid."))
    if preference not in Bid.Preference.values:
        raise SocialLabError(_("Please choose one of the options."))
    bid, _created = Bid.objects.update_or_create(
        application=application, reviewer=reviewer, defaults={"preference": preference}
    )
    return bid


def assign_from_bids(*, actor: User, call: Call, per_application: int = 2) -> int:
    """Give each submitted application up to ``per_application`` reviewers, preferring
    eager bids, then willing ones, spreading the load; never a reviewer with a conflict
    or one who would rather not. Returns the number of new assignments."""
    with transaction.atomic():
        locks.lock("sociallab.assignments", call.pk)
        applications = list(
            Application.objects.filter(call=call)
            .submitted()
            .exclude(status=Application.Status.WITHDRAWN)
        )
        load: dict[int, int] = defaultdict(int)
        for reviewer_id in Assignment.objects.filter(application__call=call).values_list(
            "reviewer_id", flat=True
        ):
            load[reviewer_id] += 1
        conflicts = set(
            Conflict.objects.filter(application__call=call).values_list(
                "application_id", "reviewer_id"
            )
        )
        existing = set(
            Assignment.objects.filter(application__call=call).values_list(
                "application_id", "reviewer_id"
            )
        )
        bids: dict[int, list[Bid]] = defaultdict(list)
        for bid in Bid.objects.filter(
            application__call=call, preference__gt=Bid.Preference.RATHER_NOT
        ):
            bids[bid.application_id].append(bid)
        created = 0
        for application in applications:
            have = sum(1 for a, _r in existing if a == application.pk)
            candidates = sorted(
                bids[application.pk],
                key=lambda b: (-b.preference, load[b.reviewer_id], b.reviewer_id),
            )
            for bid in candidates:
                if have >= per_application:
                    break
                key = (application.pk, bid.reviewer_id)
                if key in existing or key in conflicts:
                    continue
                Assignment.objects.create(
                    application=application, reviewer_id=bid.reviewer_id, from_bid=True
                )
                existing.add(key)
                load[bid.reviewer_id] += 1
                have += 1
                created += 1
    return created


def declare_conflict(
    *, actor: User, application: Application, reviewer: User, reason: str = ""
) -> Conflict:
    """Declared by the reviewer or by staff: the reviewer leaves the assignment, and a
    review they wrote no longer counts in the aggregates."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                conflict = Conflict.objects.create(
                    application=application,
                    reviewer=reviewer,
                    declared_by=actor,
                    reason=reason[:300],
                )
        except IntegrityError:
            return Conflict.objects.get(application=application, reviewer=reviewer)
        Assignment.objects.filter(application=application, reviewer=reviewer).delete()
        log_activity(obj=application, action_type="sociallab.review.conflict", actor=actor)
    return conflict


def weighted_total(scores: dict[int, int], criteria: list[Criterion]) -> Decimal | None:
    """The weighted mean of the scores of criteria that count towards the total, on the
    scale of 0 to 10 so that criteria with different highest scores compare."""
    weight_sum = Decimal(0)
    value_sum = Decimal(0)
    for criterion in criteria:
        if not criterion.in_total or criterion.pk not in scores or criterion.weight == 0:
            continue
        weight_sum += criterion.weight
        value_sum += criterion.weight * Decimal(scores[criterion.pk]) * 10 / criterion.max_score
    if weight_sum == 0:
        return None
    return (value_sum / weight_sum).quantize(Decimal("0.01"))


def save_review(
    *,
    reviewer: User,
    application: Application,
    scores: dict[int, Any],
    comment_for_staff: str = "",
    comment_for_applicant: str = "",
    submit: bool = False,
) -> Review:
    """Save (and with ``submit`` hand in) a review. Refused outside a phase that allows
    reviewing, for applications the reviewer may not review, and on submit while a
    required criterion has no score."""
    call = application.call
    phase = queries.active_phase(call)
    if phase is None or not phase.can_review:
        raise SocialLabError(_("Reviews cannot be written in the current phase."))
    if not queries.reviewable(reviewer, call, phase).filter(pk=application.pk).exists():
        raise SocialLabError(_("You cannot review this application."))
    criteria = list(call.criteria.all())
    clean: dict[int, int] = {}
    for criterion in criteria:
        raw = scores.get(criterion.pk)
        if raw is None or raw == "":
            continue
        try:
            value = int(raw)
        except (TypeError, ValueError) as exc:
            raise SocialLabError(_("Please give whole numbers as scores.")) from exc
        if not 0 <= value <= criterion.max_score:
            raise SocialLabError(
                _("%(criterion)s is scored from 0 to %(max)s.")
                % {"criterion": criterion.name, "max": criterion.max_score}
            )
        clean[criterion.pk] = value
    if submit:
        missing = [c.name for c in criteria if c.required and c.pk not in clean]
        if missing:
            raise SocialLabError(
                _("Please score every required criterion: %(names)s.")
                % {"names": ", ".join(missing)}
            )
    with transaction.atomic():
        review, _created = Review.objects.select_for_update().get_or_create(
            application=application, reviewer=reviewer
        )
        Score.objects.filter(review=review).exclude(criterion_id__in=clean).delete()
        for criterion_id, value in clean.items():
            Score.objects.update_or_create(
                review=review, criterion_id=criterion_id, defaults={"value": value}
            )
        review.comment_for_staff = comment_for_staff.strip()[:5000]
        review.comment_for_applicant = comment_for_applicant.strip()[:5000]
        review.total = weighted_total(clean, criteria)
        if submit and review.submitted_at is None:
            review.submitted_at = timezone.now()
            log_activity(obj=application, action_type="sociallab.review.submitted", actor=reviewer)
        review.save()
    return review


def redact_application(
    *, actor: User, application: Application, title: str, answers: dict[str, str]
) -> Application:
    """Staff write the copies anonymous reviewers read in place of the applicant's text."""
    keys = {q["key"] for q in application.form.questions}
    with transaction.atomic():
        application.redacted_title = title.strip()[:200]
        application.redacted_answers = {
            k: v.strip()[:5000] for k, v in answers.items() if k in keys and v and v.strip()
        }
        application.save(update_fields=["redacted_title", "redacted_answers", "updated_at"])
        log_activity(obj=application, action_type="sociallab.application.redacted", actor=actor)
    return application
