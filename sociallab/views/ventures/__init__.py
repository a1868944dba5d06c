"""Ventures: the phases, goals, milestones, mentors, sessions and funding of one initiative.
Mentors see only the ventures they are assigned to; founders only their own."""

from .funding import funding_report, funding_status, report_done, venture_funding
from .mentoring import mentor_home, session_action, session_detail, venture_book, venture_mentor
from .phases import (
    milestone_done,
    venture_detail,
    venture_goals,
    venture_graduate,
    venture_list,
    venture_milestone,
    venture_review,
)

__all__ = [
    "funding_report",
    "funding_status",
    "mentor_home",
    "milestone_done",
    "report_done",
    "session_action",
    "session_detail",
    "venture_book",
    "venture_detail",
    "venture_funding",
    "venture_goals",
    "venture_graduate",
    "venture_list",
    "venture_mentor",
    "venture_milestone",
    "venture_review",
]
