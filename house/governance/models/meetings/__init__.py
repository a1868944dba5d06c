"""Meetings, their agenda, attendance and papers.

Agenda items and papers are public or closed. Closed items never appear on
public pages, in feeds or in the open data interface: every public read goes
through ``public()`` querysets, which also require the committee to be public.
"""

# ``_uid`` and ``_paper_path`` stay importable here: the first migration names them so.
from .agenda import AgendaItem, AgendaItemQuerySet, Meeting, MeetingQuerySet
from .agenda import _uid as _uid
from .attendance import Attendance, ConflictOfInterest
from .papers import Paper, PaperQuerySet, PaperVersion
from .papers import _paper_path as _paper_path

__all__ = [
    "AgendaItem",
    "AgendaItemQuerySet",
    "Attendance",
    "ConflictOfInterest",
    "Meeting",
    "MeetingQuerySet",
    "Paper",
    "PaperQuerySet",
    "PaperVersion",
]
