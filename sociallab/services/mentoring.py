"""Mentoring: free times, sessions booked by founders (with a room of the house when they
meet there), notes and action items, within each mentor's hour budget for the venture."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from house import locks
from house.activity import log_activity
from sociallab.models import ActionItem, MentorAssignment, MentoringSession, MentorSlot, Venture
from sociallab.services import SocialLabError

if TYPE_CHECKING:
    from house.models import User
    from rooms.models import Booking, Room


def publish_slot(
    *,
    mentor: User,
    start: dt.datetime,
    end: dt.datetime,
    room: Room | None = None,
    location: str = "",
) -> MentorSlot:
    """A mentor offers a free time (in a room of the house, or elsewhere)."""
    if end <= start:
        raise SocialLabError(_("The end must be after the start."), field="end")
    if start <= timezone.now():
        raise SocialLabError(_("Please offer a time in the future."), field="start")
    if end - start > dt.timedelta(hours=4):
        raise SocialLabError(_("A session lasts at most four hours."), field="end")
    return MentorSlot.objects.create(
        mentor=mentor, start=start, end=end, room=room, location=location.strip()[:200]
    )


def hours_used(assignment: MentorAssignment) -> Decimal:
    sessions = MentoringSession.objects.filter(
        venture_id=assignment.venture_id, mentor_id=assignment.mentor_id
    ).exclude(status=MentoringSession.Status.CANCELLED)
    total = Decimal(0)
    for start, end in sessions.values_list("start", "end"):
        total += Decimal((end - start).total_seconds()) / 3600
    return total.quantize(Decimal("0.1"))


def _book_room(*, actor: User, slot: MentorSlot, venture: Venture) -> Booking:
    """Hold the slot's room through the house's booking service: the reception books
    directly, everybody else requests (the request holds the room until confirmed)."""
    from house.permissions import can_use_reception
    from rooms.fees import BookerCategory, Purpose
    from rooms.services import BookingDraft, BookingError, book_room, request_booking

    room = slot.room
    assert room is not None
    layout = next((layout for layout, cap in room.capacities.items() if int(cap) >= 2), "")
    draft = BookingDraft(
        room=room,
        start=slot.start,
        end=slot.end,
        purpose=Purpose.NONPROFIT,
        attendees=2,
        layout=layout,
        title=_("Social Lab mentoring: %(venture)s") % {"venture": venture.name},
        person=actor,
        stated_category=BookerCategory.LOCAL_NONPROFIT,
        contact_name=actor.name,
        contact_email=actor.email,
        contact_organisation="Social Lab",
    )
    try:
        if can_use_reception(actor):
            return book_room(actor=actor, draft=draft)
        return request_booking(actor=actor, draft=draft)
    except BookingError as exc:
        raise SocialLabError(exc.message) from exc


def book_session(
    *, actor: User, venture: Venture, slot: MentorSlot, topic: str = ""
) -> MentoringSession:
    """A founder books a mentor's free time for their venture.

    Refused when the time is gone or taken, when the mentor is not the venture's, or
    when the session would exceed the mentor's hour budget for the venture. A slot
    in a room of the house books that room through the rooms service.
    """
    assignment = MentorAssignment.objects.filter(venture=venture, mentor_id=slot.mentor_id).first()
    if assignment is None:
        raise SocialLabError(_("This mentor does not mentor your venture."))
    if slot.start <= timezone.now():
        raise SocialLabError(_("This time has passed."))
    try:
        with transaction.atomic():
            locks.lock("sociallab.mentorship", assignment.pk)
            locked = MentorSlot.objects.select_for_update().get(pk=slot.pk)
            if MentoringSession.objects.filter(slot=locked).exists():
                raise SocialLabError(_("Somebody booked this time a moment ago."))
            hours = Decimal((locked.end - locked.start).total_seconds()) / 3600
            if hours_used(assignment) + hours > assignment.hour_budget:
                raise SocialLabError(
                    _("This session would exceed the %(hours)s mentoring hours of your venture.")
                    % {"hours": assignment.hour_budget}
                )
            booking = (
                _book_room(actor=actor, slot=locked, venture=venture) if locked.room_id else None
            )
            session = MentoringSession.objects.create(
                venture=venture,
                mentor_id=locked.mentor_id,
                slot=locked,
                booked_by=actor,
                start=locked.start,
                end=locked.end,
                topic=topic.strip()[:200],
                room_booking=booking,
                location=locked.room.name if locked.room_id and locked.room else locked.location,
            )
            log_activity(obj=venture, action_type="sociallab.venture.session_booked", actor=actor)
    except IntegrityError as exc:
        raise SocialLabError(_("Somebody booked this time a moment ago.")) from exc
    return session


def save_notes(
    *,
    session: MentoringSession,
    actor: User,
    shared_notes: str | None = None,
    private_notes: str | None = None,
    held: bool | None = None,
) -> MentoringSession:
    """Shared notes are written by mentor and founders; private notes by the mentor only."""
    fields = []
    if shared_notes is not None:
        session.shared_notes = shared_notes.strip()[:10000]
        fields.append("shared_notes")
    if private_notes is not None:
        if actor.pk != session.mentor_id:
            raise SocialLabError(_("Only the mentor writes private notes."))
        session.private_notes = private_notes.strip()[:10000]
        fields.append("private_notes")
    if held is not None and actor.pk == session.mentor_id:
        session.status = MentoringSession.Status.HELD if held else MentoringSession.Status.BOOKED
        fields.append("status")
    if fields:
        session.save(update_fields=fields)
    return session


def add_action_item(
    *, session: MentoringSession, actor: User, text: str, due_on: dt.date | None = None
) -> ActionItem:
    text = text.strip()
    if not text:
        raise SocialLabError(_("Please say what is to be done."), field="text")
    return ActionItem.objects.create(session=session, text=text[:300], due_on=due_on)


def complete_action_item(*, item: ActionItem, actor: User, done: bool = True) -> ActionItem:
    ActionItem.objects.filter(pk=item.pk).update(done=done)
    item.done = done
    return item


def mentoring_hours(*, mentor: User | None = None) -> Decimal:
    """Hours of held sessions (all mentors, or one)."""
    sessions = MentoringSession.objects.filter(status=MentoringSession.Status.HELD)
    if mentor is not None:
        sessions = sessions.filter(mentor=mentor)
    total = Decimal(0)
    for start, end in sessions.values_list("start", "end"):
        total += Decimal((end - start).total_seconds()) / 3600
    return total.quantize(Decimal("0.1"))
