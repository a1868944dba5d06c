"""Votes, decisions without a meeting, the register of resolutions and follow-up actions.

A secret ballot is never linkable to its voter: who voted is kept in
:class:`VoteEntitlement` (without time or choice), the choice in
:class:`Ballot` (without voter, time or an ordered key). Entitlements are
frozen when a vote opens; later membership changes do not alter them.
"""

from .circulars import CircularDecision, CircularDecisionQuerySet, CircularResponse
from .resolutions import Action, ActionQuerySet, Resolution, ResolutionQuerySet
from .votes import Ballot, Choice, Delegation, DelegationQuerySet, Outcome, Vote, VoteEntitlement

__all__ = [
    "Action",
    "ActionQuerySet",
    "Ballot",
    "Choice",
    "CircularDecision",
    "CircularDecisionQuerySet",
    "CircularResponse",
    "Delegation",
    "DelegationQuerySet",
    "Outcome",
    "Resolution",
    "ResolutionQuerySet",
    "Vote",
    "VoteEntitlement",
]
