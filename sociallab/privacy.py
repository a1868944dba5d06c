"""The personal data the Social Lab keeps about a person, for export and erasure.

Applications, co-applications, messages, reviews written, mentoring (free times,
sessions, notes) and the founder's link to ventures. Erasure deletes the person's
applications and what hangs on them, their co-applications, free times and reviews;
their messages on others' applications stay as "[gelöscht]"; sessions they booked keep
their time only; a venture they founded alone goes with them (unless it graduated), one
with other founders stays; a mentor's sessions stay in the venture's history without
the mentor, the place and the private notes.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from house.privacy import ERASED, DataSubject, PersonalDataProvider, register


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


@register
class SocialLabData(PersonalDataProvider):
    key = "sociallab"
    erase_order = 50

    def export(self, subject: DataSubject) -> Any:
        from sociallab.models import (
            Application,
            CoApplicant,
            Comment,
            MentoringSession,
            MentorSlot,
            Review,
            Venture,
        )

        user = subject.user
        applications = Application.objects.filter(applicant=user).select_related("call")
        return {
            "applications": [
                {
                    "call": a.call.title,
                    "title": a.title,
                    "answers": a.answers,
                    "status": a.status,
                    "consent_at": _iso(a.consent_at),
                    "keep_after_rejection": a.keep_after_rejection,
                    "submitted_at": _iso(a.submitted_at),
                    "decision_released": _iso(a.released_at),
                    "decision": a.decision if a.released_at else "",
                    "decision_message": a.decision_message if a.released_at else "",
                    "feedback_from_reviewers": [
                        r.comment_for_applicant
                        for r in a.reviews.all()
                        if a.released_at and r.comment_for_applicant
                    ],
                }
                for a in applications
            ],
            "co_applications": [
                {
                    "application": c.application.title,
                    "email": c.email,
                    "joined": _iso(c.accepted_at),
                }
                for c in CoApplicant.objects.filter(
                    Q(user=user) | Q(email__in=subject.emails)
                ).select_related("application")
            ],
            "messages": [
                {"application": c.application.title, "written": _iso(c.created_at), "text": c.body}
                for c in Comment.objects.filter(author=user).select_related("application")
            ],
            "reviews": [
                {
                    "application": r.application_id,
                    "comment_for_staff": r.comment_for_staff,
                    "comment_for_applicant": r.comment_for_applicant,
                    "total": str(r.total) if r.total is not None else None,
                }
                for r in Review.objects.filter(reviewer=user)
            ],
            "ventures": [v.name for v in Venture.objects.filter(founders=user)],
            "mentoring_slots": [
                {"start": _iso(s.start), "end": _iso(s.end), "location": s.location}
                for s in MentorSlot.objects.filter(mentor=user)
            ],
            "mentoring_sessions": [
                {
                    "venture": s.venture.name,
                    "start": _iso(s.start),
                    "topic": s.topic,
                    "shared_notes": s.shared_notes,
                    "private_notes": s.private_notes if s.mentor_id == user.pk else "",
                }
                for s in MentoringSession.objects.filter(
                    Q(mentor=user) | Q(booked_by=user) | Q(venture__founders=user)
                )
                .select_related("venture")
                .distinct()
            ],
        }

    def erase(self, subject: DataSubject) -> None:
        from sociallab.models import (
            Application,
            CoApplicant,
            Comment,
            MentoringSession,
            MentorSlot,
            Review,
            Venture,
        )

        user = subject.user
        Application.objects.filter(applicant=user).delete()
        CoApplicant.objects.filter(Q(user=user) | Q(email__in=subject.emails)).delete()
        Comment.objects.filter(author=user).update(body=ERASED, author=None)
        Review.objects.filter(reviewer=user).delete()
        for session in MentoringSession.objects.filter(mentor=user):
            session.mentor = None
            session.private_notes = ""
            session.location = ""
            session.shared_notes = subject.scrub(session.shared_notes)
            session.save(update_fields=["mentor", "private_notes", "location", "shared_notes"])
        MentoringSession.objects.filter(booked_by=user).update(
            topic=ERASED, shared_notes=ERASED, booked_by=None
        )
        MentorSlot.objects.filter(mentor=user).delete()
        for venture in Venture.objects.filter(founders=user).prefetch_related("founders"):
            if len(venture.founders.all()) == 1 and venture.graduated_at is None:
                # Nobody else carries the venture on: it goes with its only founder.
                venture.delete()
                continue
            venture.founders.remove(user)
            for session in venture.sessions.all():
                session.topic = subject.scrub(session.topic)
                session.shared_notes = subject.scrub(session.shared_notes)
                session.save(update_fields=["topic", "shared_notes"])
