"""Committees, meetings, decisions and minutes: the governance core of the house."""

from .committees import Committee, Membership
from .decisions import (
    Action,
    Ballot,
    Choice,
    CircularDecision,
    CircularResponse,
    Delegation,
    Outcome,
    Resolution,
    Vote,
    VoteEntitlement,
)
from .meetings import AgendaItem, Attendance, ConflictOfInterest, Meeting, Paper, PaperVersion
from .minutes import Corrigendum, Minutes, MinutesCorrection, MinutesEntry
from .polls import DatePoll, DatePollAnswer, DatePollSlot

__all__ = [
    "Action",
    "AgendaItem",
    "Attendance",
    "Ballot",
    "Choice",
    "CircularDecision",
    "CircularResponse",
    "Committee",
    "ConflictOfInterest",
    "Corrigendum",
    "DatePoll",
    "DatePollAnswer",
    "DatePollSlot",
    "Delegation",
    "Meeting",
    "Membership",
    "Minutes",
    "MinutesCorrection",
    "MinutesEntry",
    "Outcome",
    "Paper",
    "PaperVersion",
    "Resolution",
    "Vote",
    "VoteEntitlement",
]
