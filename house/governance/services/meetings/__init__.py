"""Meetings: scheduling with a room booking, the agenda, invitations, apologies, attendance."""

from .attendance import (
    close_meeting,
    declare_conflict,
    open_meeting,
    quorum,
    record_attendance,
    send_apologies,
)
from .invitations import meeting_invitation, seats, send_invitations
from .papers import MAX_PAPER_BYTES, add_paper, add_paper_version
from .planning import (
    add_agenda_item,
    cancel_meeting,
    carry_over_to_next_meeting,
    next_open_meeting,
    schedule_meeting,
)

__all__ = [
    "MAX_PAPER_BYTES",
    "add_agenda_item",
    "add_paper",
    "add_paper_version",
    "cancel_meeting",
    "carry_over_to_next_meeting",
    "close_meeting",
    "declare_conflict",
    "meeting_invitation",
    "next_open_meeting",
    "open_meeting",
    "quorum",
    "record_attendance",
    "schedule_meeting",
    "seats",
    "send_apologies",
    "send_invitations",
]
