"""The Social Lab: calls, applications, review, decisions, ventures, mentoring and funding."""

from sociallab.models.applications import Application, CoApplicant, Comment
from sociallab.models.calls import Call, FormVersion
from sociallab.models.funding import FundingApplication, FundingReport, FundingSource
from sociallab.models.mentoring import ActionItem, MentorAssignment, MentoringSession, MentorSlot
from sociallab.models.reviews import (
    Assignment,
    Bid,
    Conflict,
    Criterion,
    Review,
    ReviewerTeam,
    ReviewPhase,
    Score,
)
from sociallab.models.ventures import Milestone, Phase, PhaseRecord, Venture

__all__ = [
    "ActionItem",
    "Application",
    "Assignment",
    "Bid",
    "Call",
    "CoApplicant",
    "Comment",
    "Conflict",
    "Criterion",
    "FormVersion",
    "FundingApplication",
    "FundingReport",
    "FundingSource",
    "MentorAssignment",
    "MentorSlot",
    "MentoringSession",
    "Milestone",
    "Phase",
    "PhaseRecord",
    "Review",
    "ReviewPhase",
    "ReviewerTeam",
    "Score",
    "Venture",
]
