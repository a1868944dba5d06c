"""Plant a marker in every personal field the Social Lab keeps for a person."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone


def plant(*, user, marker: str) -> None:
    """As founder, co-applicant, reviewer and mentor at once, through the services."""
    from sociallab.models import Criterion, ReviewerTeam, ReviewPhase
    from sociallab.services import applications, mentoring, review, ventures
    from sociallab.services.calls import STANDARD_QUESTIONS, create_call
    from tests.factories import UserFactory

    now = timezone.now()
    call = create_call(
        title=f"Canary call {user.pk}",
        summary="…",
        opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=10),
        decisions_by=timezone.localdate() + dt.timedelta(days=30),
        is_published=True,
        questions=STANDARD_QUESTIONS,
    )
    criterion = Criterion.objects.create(call=call, name="Wirkung")
    ReviewPhase.objects.create(call=call, name="Review", is_active=True, scope="all")
    # The person's own application, with the marker in the title and every text answer.
    own = applications.start_application(call=call, applicant=user)
    applications.save_draft(
        application=own,
        actor=user,
        title=marker,
        answers={
            "based_in_region": "yes",
            "social_purpose": "yes",
            "stage": "Idee",
            "problem": marker,
            "solution": marker,
            "team": marker,
            "support": marker,
        },
    )
    applications.post_comment(application=own, author=user, body=marker, audience="applicant")
    applications.submit_application(application=own, actor=user, consent=True)
    # A co-application on someone else's idea, and a message there.
    other = UserFactory()
    theirs = applications.start_application(call=call, applicant=other)
    applications.save_draft(application=theirs, actor=other, title="Andere Idee", answers={})
    invitation = applications.invite_co_applicant(application=theirs, actor=other, email=user.email)
    applications.join_as_co_applicant(token=invitation.token, user=user)
    applications.post_comment(application=theirs, author=user, body=marker, audience="applicant")
    # A review the person writes on a third application.
    team = ReviewerTeam.objects.create(call=call, name=f"Jury {user.pk}")
    team.members.add(user)
    third_applicant = UserFactory()
    third = applications.start_application(call=call, applicant=third_applicant)
    applications.save_draft(
        application=third,
        actor=third_applicant,
        title="Dritte Idee",
        answers={
            "based_in_region": "yes",
            "social_purpose": "yes",
            "stage": "Idee",
            "problem": "p",
            "solution": "s",
            "team": "t",
        },
    )
    applications.submit_application(application=third, actor=third_applicant, consent=True)
    review.save_review(
        reviewer=user,
        application=third,
        scores={criterion.pk: 3},
        comment_for_staff=marker,
        comment_for_applicant=marker,
        submit=True,
    )
    # Mentoring: a venture the person founds, and one they mentor with notes.
    founded = ventures.start_venture(application=own, actor=user)
    mentored = ventures.start_venture(application=third, actor=third_applicant)
    ventures.assign_mentor(venture=mentored, actor=user, mentor=user, hour_budget=Decimal("5"))
    ventures.assign_mentor(venture=founded, actor=user, mentor=other, hour_budget=Decimal("5"))
    slot = mentoring.publish_slot(
        mentor=user,
        start=now + dt.timedelta(days=3),
        end=now + dt.timedelta(days=3, hours=1),
        location=marker,
    )
    session = mentoring.book_session(
        actor=third_applicant, venture=mentored, slot=slot, topic="Budget"
    )
    mentoring.save_notes(
        session=session, actor=user, shared_notes=f"mit {user.email}", private_notes=marker
    )
    their_slot = mentoring.publish_slot(
        mentor=other, start=now + dt.timedelta(days=4), end=now + dt.timedelta(days=4, hours=1)
    )
    booked = mentoring.book_session(actor=user, venture=founded, slot=their_slot, topic=marker)
    mentoring.save_notes(session=booked, actor=user, shared_notes=marker)
