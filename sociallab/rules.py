"""Who may do what in the Social Lab.

Staff (``is_social_lab_staff``) run calls, decide and see everything. Founders see
their own applications and ventures; reviewers see only what the active review
phase lets them see; mentors see only the ventures they are assigned to.
"""

from __future__ import annotations

from typing import Any

import rules

from house.rules import is_mentor, is_social_lab_staff
from sociallab.models import Application, Call, MentoringSession, Venture


@rules.predicate
def is_applicant_of(user: Any, application: Application | None) -> bool:
    if application is None or not user.is_authenticated:
        return False
    if application.applicant_id == user.pk:
        return True
    return application.co_applicants.filter(user=user, accepted_at__isnull=False).exists()


@rules.predicate
def is_main_applicant_of(user: Any, application: Application | None) -> bool:
    return application is not None and user.is_authenticated and application.applicant_id == user.pk


@rules.predicate
def is_draft(user: Any, application: Application | None) -> bool:
    return application is not None and application.is_draft


@rules.predicate
def is_reviewer_of_call(user: Any, call: Call | None) -> bool:
    if call is None or not user.is_authenticated:
        return False
    return call.reviewer_teams.filter(members=user).exists()


@rules.predicate
def is_founder_of_venture(user: Any, venture: Venture | None) -> bool:
    if venture is None or not user.is_authenticated:
        return False
    return venture.founders.filter(pk=user.pk).exists()


@rules.predicate
def is_mentor_of_venture(user: Any, venture: Venture | None) -> bool:
    if venture is None or not user.is_authenticated:
        return False
    return venture.mentor_assignments.filter(mentor=user).exists()


@rules.predicate
def is_mentor_of_session(user: Any, session: MentoringSession | None) -> bool:
    return session is not None and user.is_authenticated and session.mentor_id == user.pk


@rules.predicate
def is_founder_of_session(user: Any, session: MentoringSession | None) -> bool:
    return session is not None and is_founder_of_venture(user, session.venture)


rules.add_perm("sociallab.manage_call", is_social_lab_staff)
rules.add_perm("sociallab.view_reports", is_social_lab_staff)
rules.add_perm("sociallab.view_application", is_social_lab_staff | is_applicant_of)
rules.add_perm("sociallab.change_application", is_applicant_of & is_draft)
rules.add_perm("sociallab.submit_application", is_main_applicant_of & is_draft)
rules.add_perm("sociallab.withdraw_application", is_main_applicant_of)
rules.add_perm("sociallab.answer_offer", is_main_applicant_of)
rules.add_perm("sociallab.comment_application", is_social_lab_staff | is_applicant_of)
rules.add_perm("sociallab.decide_application", is_social_lab_staff)
rules.add_perm("sociallab.review_call", is_reviewer_of_call)
rules.add_perm(
    "sociallab.view_venture", is_social_lab_staff | is_founder_of_venture | is_mentor_of_venture
)
rules.add_perm("sociallab.manage_venture", is_social_lab_staff)
rules.add_perm("sociallab.track_venture", is_social_lab_staff | is_founder_of_venture)
rules.add_perm("sociallab.book_session", is_founder_of_venture)
rules.add_perm("sociallab.publish_slots", is_mentor | is_social_lab_staff)
rules.add_perm(
    "sociallab.view_session", is_social_lab_staff | is_mentor_of_session | is_founder_of_session
)
rules.add_perm("sociallab.write_private_notes", is_mentor_of_session)
rules.add_perm("sociallab.write_shared_notes", is_mentor_of_session | is_founder_of_session)
