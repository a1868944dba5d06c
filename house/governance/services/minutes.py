"""Minutes: drafted from the meeting, corrected by attendees, approved at the next
meeting, published (public part only); corrigenda after approval."""

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
    Attendance,
    Ballot,
    Corrigendum,
    Meeting,
    Minutes,
    MinutesCorrection,
    MinutesEntry,
    Resolution,
    Vote,
)

from .errors import GovernanceError
from .meetings import quorum, seats

if TYPE_CHECKING:
    from house.models import User


def _attendance_text(meeting: Meeting) -> str:
    lines = []
    for seat in seats(meeting):
        member = seat.membership
        organisation = f" ({member.organisation.name})" if member.organisation else ""
        if seat.status == Attendance.Status.PRESENT:
            lines.append(
                _("%(name)s%(org)s: present") % {"name": member.person.name, "org": organisation}
            )
        elif seat.seat_taken and member.deputy:
            lines.append(
                _("%(name)s%(org)s: represented by %(deputy)s")
                % {"name": member.person.name, "org": organisation, "deputy": member.deputy.name}
            )
        elif seat.status == Attendance.Status.APOLOGISED:
            lines.append(
                _("%(name)s%(org)s: apologised") % {"name": member.person.name, "org": organisation}
            )
        else:
            lines.append(
                _("%(name)s%(org)s: absent") % {"name": member.person.name, "org": organisation}
            )
    state = quorum(meeting)
    lines.append("")
    lines.append(
        _("%(present)s of %(voting)s voting seats taken; quorum: %(has)s")
        % {**state, "has": _("yes") if state["has_quorum"] else _("no")}
    )
    return "\n".join(lines)


def _vote_text(vote: Vote) -> str:
    text = _(
        "Vote (%(kind)s): %(question)s — "
        "%(yes)s yes, %(no)s no, %(abstain)s abstentions: %(outcome)s"
    ) % {
        "kind": vote.get_visibility_display().split(" (")[0],
        "question": vote.question,
        "yes": vote.yes,
        "no": vote.no,
        "abstain": vote.abstain,
        "outcome": vote.get_outcome_display(),
    }
    if vote.visibility == Vote.Visibility.NAMED:
        names: dict[str, list[str]] = {}
        for choice, name in (
            Ballot.objects.filter(vote=vote)
            .values_list("choice", "voter__name")
            .order_by("voter__name")
        ):
            names.setdefault(choice, []).append(name or "–")
        for choice, label in (("yes", _("Yes")), ("no", _("No")), ("abstain", _("Abstain"))):
            if names.get(choice):
                text += f"\n{label}: {', '.join(names[choice])}"
    return text


def draft_minutes(*, meeting: Meeting, actor: User) -> Minutes:
    """Write the draft of a held meeting's minutes from the meeting itself: attendance and
    quorum, every agenda item with its description, the final state of each vote and the
    resolution numbers. Returns the existing minutes if there are some already."""
    if meeting.state != Meeting.State.HELD:
        raise GovernanceError(_("Minutes are drafted once the meeting is closed."))
    with transaction.atomic():
        existing = Minutes.objects.filter(meeting=meeting).first()
        if existing is not None:
            return existing
        minutes = Minutes.objects.create(
            meeting=meeting,
            attendance_text=_attendance_text(meeting),
            chair_name=meeting.chair.name if meeting.chair else "",
            minute_taker_name=meeting.minute_taker.name if meeting.minute_taker else "",
        )
        resolutions = {r.agenda_item_id: r for r in Resolution.objects.filter(meeting=meeting)}
        for position, item in enumerate(
            meeting.agenda_items.filter(deleted=False).order_by("position"), start=1
        ):
            parts = [item.description] if item.description else []
            if item.proposal:
                parts.append(_("Proposal: %(text)s") % {"text": item.proposal})
            for vote in item.votes.filter(state=Vote.State.CLOSED):
                parts.append(_vote_text(vote))
            if item.pk in resolutions:
                parts.append(
                    _("Resolution %(reference)s") % {"reference": resolutions[item.pk].reference}
                )
            MinutesEntry.objects.create(
                minutes=minutes,
                agenda_item=item,
                position=position,
                heading=str(item),
                text="\n\n".join(parts),
                public=item.public,
            )
        log_activity(obj=meeting, action_type="governance.minutes.drafted", actor=actor)
    return minutes


def _refuse_if_final(minutes: Minutes) -> None:
    if minutes.is_final:
        raise GovernanceError(_("Approved minutes are never changed; please add a corrigendum."))


def update_minutes_entry(*, entry: MinutesEntry, text: str, actor: User) -> MinutesEntry:
    """The minute-taker edits an entry while the minutes are a draft or circulated."""
    _refuse_if_final(entry.minutes)
    entry.text = text
    entry.save(update_fields=["text"])
    Minutes.objects.filter(pk=entry.minutes_id).update(modified=timezone.now())
    return entry


def attendees(meeting: Meeting) -> list[User]:
    """The people who were there: members present and deputies who took a seat."""
    people = []
    for seat in seats(meeting):
        if seat.status == Attendance.Status.PRESENT:
            people.append(seat.membership.person)
        elif seat.seat_taken and seat.membership.deputy:
            people.append(seat.membership.deputy)
    return people


def circulate_minutes(*, minutes: Minutes, actor: User, days: int = 14) -> Minutes:
    """Send the draft to the attendees for corrections within ``days`` days."""
    from house.services import queue_templated_email

    _refuse_if_final(minutes)
    with transaction.atomic():
        minutes.state = Minutes.State.CIRCULATED
        minutes.circulated_at = timezone.now()
        minutes.corrections_until = timezone.localdate() + dt.timedelta(days=days)
        minutes.save()
        meeting = minutes.meeting
        url = settings.SITE_URL + reverse(
            "governance:minutes", kwargs={"slug": meeting.committee.slug, "pk": minutes.pk}
        )
        for person in attendees(meeting):
            queue_templated_email(
                template="governance/email/minutes_circulated",
                context={"minutes": minutes, "meeting": meeting, "person": person, "url": url},
                to=[person.email],
                language=person.language,
                kind="governance.minutes_circulated",
                ref=f"governance-minutes-{minutes.pk}",
                created_by=actor,
            )
        log_activity(obj=meeting, action_type="governance.minutes.circulated", actor=actor)
    return minutes


def propose_correction(
    *, minutes: Minutes, author: User, text: str, entry: MinutesEntry | None = None
) -> MinutesCorrection:
    """An attendee proposes a correction to circulated minutes."""
    if minutes.state != Minutes.State.CIRCULATED:
        raise GovernanceError(_("Corrections are possible while the minutes are circulated."))
    if author.pk not in {p.pk for p in attendees(minutes.meeting)}:
        raise GovernanceError(_("Only attendees of the meeting can correct its minutes."))
    if not text.strip():
        raise GovernanceError(_("Please describe the correction."), field="text")
    return MinutesCorrection.objects.create(
        minutes=minutes, author=author, text=text.strip(), entry=entry
    )


def decide_correction(
    *, correction: MinutesCorrection, accept: bool, actor: User
) -> MinutesCorrection:
    """The minute-taker accepts (and works into the text) or declines a correction."""
    _refuse_if_final(correction.minutes)
    correction.state = (
        MinutesCorrection.State.ACCEPTED if accept else MinutesCorrection.State.DECLINED
    )
    correction.save(update_fields=["state"])
    return correction


def approve_minutes(*, minutes: Minutes, at_meeting: Meeting, actor: User) -> Minutes:
    """The next meeting approves the minutes; from now on they never change.

    Contract: ``at_meeting`` is a later meeting of the same committee that is running or held.
    """
    _refuse_if_final(minutes)
    meeting = minutes.meeting
    if at_meeting.committee_id != meeting.committee_id or at_meeting.start <= meeting.start:
        raise GovernanceError(_("Minutes are approved at a later meeting of the same committee."))
    if at_meeting.state not in (Meeting.State.RUNNING, Meeting.State.HELD):
        raise GovernanceError(_("Minutes are approved during the meeting."))
    with transaction.atomic():
        minutes.state = Minutes.State.APPROVED
        minutes.approved_at = timezone.now()
        minutes.approved_in = at_meeting
        minutes.save()
        at_meeting.agenda_items.filter(approves_minutes=minutes).update(
            result=_("Approved"), modified=timezone.now()
        )
        log_activity(obj=meeting, action_type="governance.minutes.approved", actor=actor)
    return minutes


def publish_minutes(*, minutes: Minutes, actor: User) -> Minutes:
    """Publish the public part of approved minutes (page and PDF) and the meeting's public
    resolutions."""
    if minutes.state != Minutes.State.APPROVED:
        raise GovernanceError(_("Only approved minutes can be published."))
    with transaction.atomic():
        minutes.state = Minutes.State.PUBLISHED
        minutes.published_at = timezone.now()
        minutes.save()
        Resolution.objects.filter(meeting=minutes.meeting, public=True).update(
            published=True, modified=timezone.now()
        )
        log_activity(obj=minutes.meeting, action_type="governance.minutes.published", actor=actor)
    return minutes


def add_corrigendum(
    *, minutes: Minutes, text: str, actor: User, public: bool = True
) -> Corrigendum:
    """Add a correction to approved minutes without changing them."""
    if not minutes.is_final:
        raise GovernanceError(_("Draft minutes are corrected directly."))
    if not text.strip():
        raise GovernanceError(_("Please write the corrigendum."), field="text")
    with transaction.atomic():
        corrigendum = Corrigendum.objects.create(
            minutes=minutes, text=text.strip(), public=public, created_by=actor
        )
        Minutes.objects.filter(pk=minutes.pk).update(modified=timezone.now())
        log_activity(obj=minutes.meeting, action_type="governance.minutes.corrigendum", actor=actor)
    return corrigendum
