"""Committees and memberships."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import Committee, Membership

from .errors import GovernanceError

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation

#: House management is reminded this many days before a term ends.
TERM_REMINDER_DAYS = 60


def create_committee(
    *,
    name: str,
    kind: str = Committee.Kind.OTHER,
    slug: str = "",
    actor: User | None = None,
    description: str = "",
    short_name: str = "",
    is_public: bool = True,
    quorum_percent: int = 50,
    notice_days: int = 14,
    circular_rule: str = Committee.CircularRule.UNANIMOUS,
    term_months: int = 36,
    repeat_meeting_has_quorum: bool = True,
) -> Committee:
    """Create a committee with its rules.

    Contract: ``slug`` defaults to a unique slug of ``name``; ``kind`` is one of
    :class:`Committee.Kind` (the network creates ``working_group``). Defaults follow
    the law of associations: quorum is more than half of the voting members, a
    decision without a meeting needs every member's agreement in text form
    (§ 32 (2) BGB). Raises :class:`GovernanceError` for an invalid rule. Side
    effects: an activity entry.
    """
    if kind not in Committee.Kind.values:
        raise GovernanceError(_("Please choose a kind of committee."), field="kind")
    if circular_rule not in Committee.CircularRule.values:
        raise GovernanceError(
            _("Please choose a rule for decisions without a meeting."), field="circular_rule"
        )
    if not 0 <= quorum_percent <= 100:
        raise GovernanceError(
            _("The quorum is a percentage between 0 and 100."), field="quorum_percent"
        )
    if term_months < 1:
        raise GovernanceError(_("A term lasts at least one month."), field="term_months")
    with transaction.atomic():
        base = slugify(slug or name)[:70] or "committee"
        candidate, n = base, 2
        while Committee.objects.filter(slug=candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        committee = Committee.objects.create(
            name=name.strip(),
            short_name=short_name,
            slug=candidate,
            kind=kind,
            description=description,
            is_public=is_public,
            quorum_percent=quorum_percent,
            notice_days=notice_days,
            circular_rule=circular_rule,
            term_months=term_months,
            repeat_meeting_has_quorum=repeat_meeting_has_quorum,
        )
        log_activity(obj=committee, action_type="governance.committee.created", actor=actor)
    return committee


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - day 28 exists in every month


def add_membership(
    *,
    committee: Committee,
    person: User,
    actor: User | None = None,
    organisation: Organisation | None = None,
    role: str = Membership.Role.MEMBER,
    voting_right: bool | None = None,
    deputy: User | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    public_consent: bool = False,
) -> Membership:
    """Give ``person`` a seat in ``committee`` for one term.

    Contract: ``start_date`` defaults to today, ``end_date`` to the end of the
    committee's term length (the day before start + ``term_months``).
    ``voting_right`` defaults to True except for advisory members, who never vote.
    A person holds at most one current membership per committee and cannot be
    their own deputy. Raises :class:`GovernanceError`. Side effects: an activity entry.
    """
    if role not in Membership.Role.values:
        raise GovernanceError(_("Please choose a role."), field="role")
    start = start_date or timezone.localdate()
    end = (
        end_date
        if end_date is not None
        else _add_months(start, committee.term_months) - dt.timedelta(days=1)
    )
    if end < start:
        raise GovernanceError(_("The term cannot end before it starts."), field="end_date")
    votes = role != Membership.Role.ADVISORY if voting_right is None else voting_right
    if role == Membership.Role.ADVISORY and votes:
        raise GovernanceError(_("Advisory members have no vote."), field="voting_right")
    if deputy is not None and deputy.pk == person.pk:
        raise GovernanceError(_("A member cannot be their own deputy."), field="deputy")
    with transaction.atomic():
        overlapping = (
            Membership.objects.filter(committee=committee, person=person)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
            .filter(start_date__lte=end)
        )
        if overlapping.exists():
            raise GovernanceError(
                _("%(person)s already has a seat in this committee for this time.")
                % {"person": person.name},
                field="person",
            )
        membership = Membership.objects.create(
            committee=committee,
            person=person,
            organisation=organisation,
            role=role,
            voting_right=votes,
            deputy=deputy,
            start_date=start,
            end_date=end,
            public_consent=public_consent,
        )
        log_activity(
            obj=committee,
            action_type="governance.membership.added",
            actor=actor,
            data={"person": person.name, "role": str(membership.get_role_display())},
        )
    return membership


def end_membership(
    *, membership: Membership, actor: User | None, on: dt.date | None = None
) -> Membership:
    """End a term early (on ``on``, today by default). Past meetings keep their records."""
    day = on or timezone.localdate()
    if day < membership.start_date:
        raise GovernanceError(_("The term cannot end before it starts."), field="end_date")
    with transaction.atomic():
        membership.end_date = day
        membership.save(update_fields=["end_date", "modified"])
        log_activity(
            obj=membership.committee,
            action_type="governance.membership.ended",
            actor=actor,
            data={"person": membership.person.name},
        )
    return membership


def remind_terms_ending(*, today: dt.date | None = None) -> int:
    """E-mail house management about every term that ends within 60 days, once per term.

    Idempotent through ``term_reminder_sent_at`` (claimed with a conditional UPDATE).
    Returns the number of reminders queued.
    """
    from house.models import Role, User
    from house.services import queue_templated_email

    day = today or timezone.localdate()
    due = Membership.objects.ending_between(
        day, day + dt.timedelta(days=TERM_REMINDER_DAYS)
    ).filter(term_reminder_sent_at__isnull=True, committee__deleted=False)
    managers = list(
        User.objects.filter(is_active=True, groups__name=Role.HOUSE_MANAGEMENT.value).distinct()
    )
    sent = 0
    for membership in due.select_related("committee", "person", "organisation"):
        with transaction.atomic():
            claimed = Membership.objects.filter(
                pk=membership.pk, term_reminder_sent_at__isnull=True
            ).update(term_reminder_sent_at=timezone.now())
            if not claimed:
                continue
            for manager in managers:
                queue_templated_email(
                    template="governance/email/term_ending",
                    context={"membership": membership, "recipient": manager},
                    to=[manager.email],
                    language=manager.language,
                    kind="governance.term_ending",
                    ref=f"governance-membership-{membership.pk}",
                )
            log_activity(
                obj=membership.committee,
                action_type="governance.membership.term_reminder",
                data={
                    "person": membership.person.name,
                    # ending_between() selected on end_date, so it is set.
                    "end": membership.end_date.isoformat() if membership.end_date else None,
                },
            )
            sent += 1
    return sent
