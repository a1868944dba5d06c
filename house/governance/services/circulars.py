"""Decisions without a meeting (Umlaufbeschluss).

By default every member must agree in text form (§ 32 (2) BGB); a committee's
rules may allow a majority of all voting members instead. No answer by the
deadline counts as no. Any member may demand a meeting: the decision then
moves to the next meeting's agenda.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    Choice,
    CircularDecision,
    CircularResponse,
    Committee,
    Outcome,
)
from house.locks import lock

from .errors import GovernanceError

if TYPE_CHECKING:
    from house.models import User


def _url(decision: CircularDecision) -> str:
    return settings.SITE_URL + reverse(
        "governance:circular", kwargs={"slug": decision.committee.slug, "pk": decision.pk}
    )


def _mail(
    decision: CircularDecision, response: CircularResponse, template: str, actor: User | None
) -> None:
    from house.services import queue_templated_email

    person = response.membership.person
    queue_templated_email(
        template=f"governance/email/{template}",
        context={"decision": decision, "person": person, "url": _url(decision)},
        to=[person.email],
        language=person.language,
        kind=f"governance.circular_{template}",
        ref=f"governance-circular-{decision.pk}",
        created_by=actor,
    )


def open_circular(
    *,
    committee: Committee,
    title: str,
    text: str,
    deadline: dt.datetime,
    actor: User,
    public: bool = True,
) -> CircularDecision:
    """Put a proposed resolution to every voting member for an answer in text form.

    Contract: ``deadline`` lies in the future. The rule is taken from the committee now
    and kept with the decision; the members asked are frozen now. Side effects: one
    e-mail per member, an activity entry.
    """
    if deadline <= timezone.now():
        raise GovernanceError(_("The deadline must lie in the future."), field="deadline")
    if not title.strip() or not text.strip():
        raise GovernanceError(
            _("Please give a title and the text of the proposed resolution."), field="text"
        )
    with transaction.atomic():
        decision = CircularDecision.objects.create(
            committee=committee,
            title=title.strip(),
            text=text.strip(),
            rule=committee.circular_rule,
            deadline=deadline,
            created_by=actor,
            public=public,
        )
        members = committee.memberships.current().voting().select_related("person")
        responses = CircularResponse.objects.bulk_create(
            [CircularResponse(decision=decision, membership=m) for m in members]
        )
        if not responses:
            raise GovernanceError(_("This committee has no voting members."))
        for response in CircularResponse.objects.filter(decision=decision).select_related(
            "membership__person"
        ):
            _mail(decision, response, "circular", actor)
        log_activity(obj=decision, action_type="governance.circular.opened", actor=actor)
    return decision


def _response_of(decision: CircularDecision, person: User) -> CircularResponse:
    response = (
        CircularResponse.objects.select_for_update()
        .filter(decision=decision, membership__person=person)
        .select_related("membership")
        .first()
    )
    if response is None:
        raise GovernanceError(_("You are not asked in this decision."))
    return response


def answer_circular(*, decision: CircularDecision, person: User, choice: str) -> CircularResponse:
    """Record ``person``'s answer in text form (their name, the choice and the server time).

    Contract: one answer per member, before the deadline, while the decision is open.
    When everyone has answered (or, under the unanimous rule, as soon as anyone did not
    agree) the decision closes. Raises :class:`GovernanceError`.
    """
    if choice not in Choice.values:
        raise GovernanceError(_("Please choose yes, no or abstain."), field="choice")
    with transaction.atomic():
        lock("governance.circular", decision.pk)
        decision = CircularDecision.objects.select_related("committee").get(pk=decision.pk)
        now = timezone.now()
        if decision.state != CircularDecision.State.OPEN or now >= decision.deadline:
            raise GovernanceError(_("This decision is closed; answers are no longer accepted."))
        response = _response_of(decision, person)
        if response.choice:
            raise GovernanceError(_("You have already answered."))
        response.choice = choice
        response.answered_at = now
        response.statement = _("%(name)s declares on %(when)s: %(choice)s") % {
            "name": person.name,
            "when": timezone.localtime(now).strftime("%d.%m.%Y %H:%M"),
            "choice": Choice(choice).label,
        }
        response.save(update_fields=["choice", "answered_at", "statement"])
        log_activity(
            obj=decision,
            action_type="governance.circular.answered",
            actor=person,
            data={"person": person.name},
        )
        answers = list(decision.responses.values_list("choice", flat=True))
        unanimous_failed = (
            decision.rule == Committee.CircularRule.UNANIMOUS and choice != Choice.YES
        )
        if all(answers) or unanimous_failed:
            _close(decision, actor=person)
    return response


def demand_meeting(*, decision: CircularDecision, person: User) -> CircularDecision:
    """A member demands that the question be decided in a meeting: the decision ends
    without result and its item goes on the agenda of the next meeting."""
    from .meetings import carry_over_to_next_meeting

    with transaction.atomic():
        lock("governance.circular", decision.pk)
        decision = CircularDecision.objects.select_related("committee").get(pk=decision.pk)
        if decision.state != CircularDecision.State.OPEN:
            raise GovernanceError(_("This decision is closed already."))
        response = _response_of(decision, person)
        decision.state = CircularDecision.State.MOVED
        decision.meeting_demanded_by = response.membership
        decision.closed_at = timezone.now()
        decision.save()
        log_activity(
            obj=decision,
            action_type="governance.circular.meeting_demanded",
            actor=person,
            data={"person": person.name},
        )
        for other in decision.responses.select_related("membership__person"):
            _mail(decision, other, "circular_moved", person)
        carry_over_to_next_meeting(decision.committee)
    return decision


def remind_circular(*, decision: CircularDecision, actor: User | None = None) -> int:
    """Remind every member who has not answered yet. Returns how many were reminded."""
    if decision.state != CircularDecision.State.OPEN:
        raise GovernanceError(_("This decision is closed already."))
    with transaction.atomic():
        lock("governance.circular", decision.pk)
        pending = list(decision.responses.filter(choice="").select_related("membership__person"))
        now = timezone.now()
        for response in pending:
            _mail(decision, response, "circular_reminder", actor)
        decision.responses.filter(pk__in=[r.pk for r in pending]).update(reminded_at=now)
        CircularDecision.objects.filter(pk=decision.pk).update(last_reminder_at=now)
        log_activity(
            obj=decision,
            action_type="governance.circular.reminded",
            actor=actor,
            data={"count": len(pending)},
        )
    return len(pending)


def outcome_of(decision: CircularDecision) -> tuple[str, dict[str, int]]:
    """The result under the decision's rule; an unanswered member counts as no."""
    answers = list(decision.responses.values_list("choice", flat=True))
    counts = {
        "yes": answers.count(Choice.YES),
        "no": answers.count(Choice.NO) + answers.count(""),
        "abstain": answers.count(Choice.ABSTAIN),
    }
    if decision.rule == Committee.CircularRule.UNANIMOUS:
        adopted = bool(answers) and counts["yes"] == len(answers)
    else:
        adopted = counts["yes"] * 2 > len(answers)
    return (Outcome.ADOPTED if adopted else Outcome.REJECTED), counts


def _close(decision: CircularDecision, *, actor: User | None) -> None:
    from .resolutions import record_resolution

    outcome, counts = outcome_of(decision)
    decision.state = (
        CircularDecision.State.ADOPTED
        if outcome == Outcome.ADOPTED
        else CircularDecision.State.REJECTED
    )
    decision.closed_at = timezone.now()
    decision.save(update_fields=["state", "closed_at"])
    record_resolution(
        committee=decision.committee,
        title=decision.title,
        text=decision.text,
        outcome=outcome,
        decided_on=timezone.localdate(decision.closed_at),
        actor=actor,
        circular=decision,
        public=decision.public,
        published=decision.public,
        yes=counts["yes"],
        no=counts["no"],
        abstain=counts["abstain"],
    )
    log_activity(
        obj=decision,
        action_type="governance.circular.closed",
        actor=actor,
        data={"state": str(decision.get_state_display())},
    )


def close_circular(*, decision: CircularDecision, actor: User | None = None) -> CircularDecision:
    """Close an open decision now (at its deadline, or early by the chair) and register it."""
    with transaction.atomic():
        lock("governance.circular", decision.pk)
        decision = CircularDecision.objects.select_related("committee").get(pk=decision.pk)
        if decision.state != CircularDecision.State.OPEN:
            raise GovernanceError(_("This decision is closed already."))
        _close(decision, actor=actor)
    return decision


def close_due_circulars(*, now: dt.datetime | None = None) -> int:
    """Close every open decision whose deadline has passed (run by the beat schedule)."""
    moment = now or timezone.now()
    closed = 0
    for decision in CircularDecision.objects.open().filter(deadline__lte=moment):
        try:
            close_circular(decision=decision)
        except GovernanceError:
            continue
        closed += 1
    return closed


def remind_due_circulars(
    *, now: dt.datetime | None = None, within: dt.timedelta | None = None
) -> int:
    """Remind the members who have not answered, once, when a deadline is two days away
    (run by the beat schedule). Returns the number of decisions whose members were reminded."""
    moment = now or timezone.now()
    window = within or dt.timedelta(days=2)
    due = CircularDecision.objects.open().filter(
        deadline__gt=moment, deadline__lte=moment + window, last_reminder_at__isnull=True
    )
    count = 0
    for decision in due:
        remind_circular(decision=decision)
        count += 1
    return count
