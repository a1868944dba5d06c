"""Date polls: candidate slots, the members' answers, and fixing the date.

Fixing the date plans the meeting through :func:`schedule_meeting` (its room is
booked through the booking service with the same guarantee as any booking) and
invites the members with :func:`send_invitations`; a taken room refuses the
slot and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.governance.models import (
    Committee,
    DatePoll,
    DatePollAnswer,
    DatePollSlot,
    Meeting,
    Membership,
)
from house.locks import lock

from .errors import GovernanceError
from .meetings import schedule_meeting, send_invitations

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Room

#: How many candidate slots a poll may offer.
MAX_SLOTS = 12


def open_date_poll(
    *,
    committee: Committee,
    title: str,
    slots: list[tuple[dt.datetime, dt.datetime]],
    actor: User,
    room: Room | None = None,
    location: str = "",
    note: str = "",
) -> DatePoll:
    """Ask the members of ``committee`` which of ``slots`` (aware start and end) suit them.

    Contract: at least two slots (up to :data:`MAX_SLOTS`), each in the future and ending
    after it starts, no start twice. Raises :class:`GovernanceError`; nothing is saved
    then. Side effects: an e-mail through the outbox to every current member with the
    dates and the link to answer, an activity entry on the committee.
    """
    if not title.strip():
        raise GovernanceError(_("Please give the meeting a title."), field="title")
    unique = sorted(set(slots))
    if len(unique) < 2:
        raise GovernanceError(_("Please offer at least two dates."), field="slots")
    if len(unique) > MAX_SLOTS:
        raise GovernanceError(
            _("Please offer at most %(count)s dates.") % {"count": MAX_SLOTS}, field="slots"
        )
    now = timezone.now()
    for start, end in unique:
        if end <= start:
            raise GovernanceError(_("Each date must end after it starts."), field="slots")
        if start <= now:
            raise GovernanceError(_("Each date must lie in the future."), field="slots")
    if len({start for start, _end in unique}) != len(unique):
        raise GovernanceError(_("Two dates start at the same time."), field="slots")
    with transaction.atomic():
        poll = DatePoll.objects.create(
            committee=committee,
            title=title.strip(),
            note=note.strip(),
            room=room,
            location=location.strip(),
            created_by=actor,
        )
        slot_rows = DatePollSlot.objects.bulk_create(
            [DatePollSlot(poll=poll, start=start, end=end) for start, end in unique]
        )
        _ask_members(poll, slot_rows, actor=actor)
        log_activity(
            obj=committee,
            action_type="governance.date_poll.opened",
            actor=actor,
            data={"title": poll.title, "count": len(unique)},
        )
    return poll


def _ask_members(
    poll: DatePoll,
    slots: list[DatePollSlot],
    *,
    actor: User,
    seats: list[Membership] | None = None,
    reminder: bool = False,
) -> int:
    from house.services import queue_templated_email

    url = settings.SITE_URL + reverse(
        "governance:date_poll", kwargs={"slug": poll.committee.slug, "pk": poll.pk}
    )
    if seats is None:
        seats = list(
            Membership.objects.current().filter(committee=poll.committee).select_related("person")
        )
    for seat in seats:
        queue_templated_email(
            template="governance/email/date_poll",
            context={
                "poll": poll,
                "slots": slots,
                "person": seat.person,
                "url": url,
                "reminder": reminder,
            },
            to=[seat.person.email],
            language=seat.person.language,
            kind="governance.date_poll",
            ref=f"governance-date-poll-{poll.pk}",
            created_by=actor,
        )
    return len(seats)


def seat_in_poll(poll: DatePoll, person: User) -> Membership | None:
    """The current membership with which ``person`` answers ``poll``, if any."""
    return (
        Membership.objects.current().filter(committee_id=poll.committee_id, person=person).first()
    )


def answer_date_poll(*, poll: DatePoll, person: User, answers: dict[int, str]) -> int:
    """Record ``person``'s answers (slot id → yes / maybe / no); answering again replaces them.

    Contract: ``person`` holds a current seat in the committee, the poll is open, every
    slot id belongs to the poll and every answer is valid. Slots left out keep their
    earlier answer. Returns the number of answers stored. Raises :class:`GovernanceError`.
    """
    if any(value not in DatePollAnswer.Answer.values for value in answers.values()):
        raise GovernanceError(_("Please answer yes, if need be or no."), field="answers")
    membership = seat_in_poll(poll, person)
    if membership is None:
        raise GovernanceError(_("You have no seat in this committee."))
    with transaction.atomic():
        lock("governance.date_poll", poll.pk)
        current = DatePoll.objects.get(pk=poll.pk)
        if current.state != DatePoll.State.OPEN:
            raise GovernanceError(_("This date poll is closed."))
        slot_ids = set(current.slots.values_list("pk", flat=True))
        if not set(answers) <= slot_ids:
            raise GovernanceError(_("This date is not part of the poll."), field="answers")
        now = timezone.now()
        for slot_id, value in answers.items():
            DatePollAnswer.objects.update_or_create(
                slot_id=slot_id,
                membership=membership,
                defaults={"answer": value, "answered_at": now},
            )
        DatePoll.objects.filter(pk=poll.pk).update(modified=now)
        log_activity(
            obj=current,
            action_type="governance.date_poll.answered",
            actor=person,
            data={"person": person.name},
        )
    return len(answers)


def poll_table(poll: DatePoll) -> dict:
    """What the poll page shows: the slots with their counts, each member's answers, and
    who has not answered yet. A fixed number of queries, whatever the size of the poll."""
    slots = list(poll.slots.order_by("start"))
    seats = list(
        Membership.objects.current()
        .filter(committee_id=poll.committee_id)
        .select_related("person")
        .by_role()
    )
    given: dict[tuple[int, int], str] = {}
    for slot_id, membership_id, value in DatePollAnswer.objects.filter(slot__poll=poll).values_list(
        "slot_id", "membership_id", "answer"
    ):
        given[(slot_id, membership_id)] = value
    grid = [[given.get((slot.pk, seat.pk), "") for slot in slots] for seat in seats]
    rows = [
        {"membership": seat, "answers": answers} for seat, answers in zip(seats, grid, strict=True)
    ]
    not_answered = [seat for seat, answers in zip(seats, grid, strict=True) if not any(answers)]
    totals: list[dict[str, Any]] = []
    for index, slot in enumerate(slots):
        column = [answers[index] for answers in grid]
        totals.append(
            {
                "slot": slot,
                "yes": column.count("yes"),
                "maybe": column.count("maybe"),
                "no": column.count("no"),
            }
        )
    best = max(totals, key=lambda t: (t["yes"] + t["maybe"], t["yes"]), default=None)
    return {
        "slots": slots,
        "rows": rows,
        "totals": totals,
        "not_answered": not_answered,
        "best": best["slot"] if best and (best["yes"] or best["maybe"]) else None,
    }


def decide_date_poll(
    *,
    poll: DatePoll,
    slot: DatePollSlot,
    actor: User,
    invite: bool = True,
    late_reason: str = "",
) -> Meeting:
    """Fix the date on ``slot``: the meeting is planned (its room booked through the booking
    service, as any meeting), and with ``invite`` the members are invited at once.

    Contract: the poll is open and ``slot`` is one of its slots in the future. A taken room
    refuses the slot; the poll stays open and nothing is saved. Raises
    :class:`GovernanceError`. Side effects: a booking, e-mails, activity entries.
    """
    if slot.poll_id != poll.pk:
        raise GovernanceError(_("This date is not part of the poll."), field="slot")
    if slot.start <= timezone.now():
        raise GovernanceError(_("This date has passed."), field="slot")
    with transaction.atomic():
        lock("governance.date_poll", poll.pk)
        current = DatePoll.objects.select_related("committee", "room").get(pk=poll.pk)
        if current.state != DatePoll.State.OPEN:
            raise GovernanceError(_("This date poll is closed."))
        meeting = schedule_meeting(
            committee=current.committee,
            title=current.title,
            start=slot.start,
            end=slot.end,
            actor=actor,
            room=current.room,
            location=current.location,
        )
        current.state = DatePoll.State.DECIDED
        current.meeting = meeting
        current.save(update_fields=["state", "meeting", "modified"])
        log_activity(
            obj=current,
            action_type="governance.date_poll.decided",
            actor=actor,
            data={"start": timezone.localtime(slot.start).isoformat(timespec="minutes")},
        )
        if invite:
            send_invitations(meeting=meeting, actor=actor, late_reason=late_reason)
    return meeting


def remind_date_poll(*, poll: DatePoll, actor: User) -> int:
    """Remind the members who have not answered yet, by e-mail with the dates and the link.

    Returns how many were reminded. Raises :class:`GovernanceError` if the poll is closed.
    Side effects: outbox rows, an activity entry on the poll."""
    with transaction.atomic():
        lock("governance.date_poll", poll.pk)
        current = DatePoll.objects.select_related("committee").get(pk=poll.pk)
        if current.state != DatePoll.State.OPEN:
            raise GovernanceError(_("This date poll is closed."))
        table = poll_table(current)
        count = _ask_members(
            current, table["slots"], actor=actor, seats=table["not_answered"], reminder=True
        )
        log_activity(
            obj=current,
            action_type="governance.date_poll.reminded",
            actor=actor,
            data={"count": count},
        )
    return count


def cancel_date_poll(*, poll: DatePoll, actor: User) -> DatePoll:
    """Close an open poll without fixing a date."""
    with transaction.atomic():
        lock("governance.date_poll", poll.pk)
        current = DatePoll.objects.get(pk=poll.pk)
        if current.state != DatePoll.State.OPEN:
            raise GovernanceError(_("This date poll is closed."))
        current.state = DatePoll.State.CANCELLED
        current.save(update_fields=["state", "modified"])
        log_activity(obj=current, action_type="governance.date_poll.cancelled", actor=actor)
    return current
