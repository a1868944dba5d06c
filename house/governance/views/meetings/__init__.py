"""Meetings: the page members read, and the steps management takes to run one."""

from .members import apologies, delegation, meeting
from .papers import paper, paper_add, paper_file
from .running import (
    agenda_add,
    attendance,
    delete,
    invite,
    meeting_new,
    meeting_step,
    vote_close,
    vote_open,
)

__all__ = [
    "agenda_add",
    "apologies",
    "attendance",
    "delegation",
    "delete",
    "invite",
    "meeting",
    "meeting_new",
    "meeting_step",
    "paper",
    "paper_add",
    "paper_file",
    "vote_close",
    "vote_open",
]
