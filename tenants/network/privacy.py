"""What the network keeps about a person, for export and erasure (DSGVO Art. 15, 17, 20).

Seats in working groups are memberships of governance committees: the
governance provider exports and erases those.

The network's entries, topics, dots and posts belong to organisations: after
erasure they stay, without the person's name. The person's own words
(comments) and their newsletter subscription go.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from house.privacy import DataSubject, PersonalDataProvider, register
from tenants.network.models import (
    Actor,
    BoardPost,
    District,
    Dot,
    Newsletter,
    PriorityRound,
    Subscriber,
    Topic,
    TopicComment,
    WorkingGroup,
    WorkingGroupExtension,
)


def _subscriptions(subject: DataSubject) -> Any:
    return Subscriber.objects.filter(Q(user=subject.user) | Q(email__in=subject.emails))


@register
class NetworkData(PersonalDataProvider):
    key = "network"

    def export(self, subject: DataSubject) -> dict[str, Any]:
        user = subject.user
        return {
            "newsletter_subscriptions": [
                {
                    "email": s.email,
                    "status": s.status,
                    "consent_text": s.consent_text,
                    "requested_at": s.requested_at.isoformat(),
                    "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
                    "unsubscribed_at": s.unsubscribed_at.isoformat() if s.unsubscribed_at else None,
                    "newsletters_received": s.deliveries.filter(queued_at__isnull=False).count(),
                }
                for s in _subscriptions(subject).order_by("email")
            ],
            "topic_comments": [
                {
                    "topic": c.topic.name,
                    "for": c.actor.name if c.actor else None,
                    "text": c.text,
                    "written": c.created_at.isoformat(),
                }
                for c in TopicComment.objects.filter(author=user)
                .select_related("topic", "actor__organisation")
                .order_by("created_at")
            ],
            "topics_proposed": list(
                Topic.objects.filter(proposer=user).order_by("name").values_list("name", flat=True)
            ),
            "dots_placed": [
                {"round": r, "topic": t, "for": o, "placed": when.isoformat()}
                for r, t, o, when in Dot.objects.filter(cast_by=user)
                .order_by("created_at")
                .values_list(
                    "round__title", "topic__name", "actor__organisation__name", "created_at"
                )
            ],
            "board_posts": [
                {"title": title, "for": org, "posted": when.isoformat()}
                for title, org, when in BoardPost.objects.filter(created_by=user)
                .order_by("created_at")
                .values_list("title", "actor__organisation__name", "created_at")
            ],
        }

    def erase(self, subject: DataSubject) -> None:
        user = subject.user
        _subscriptions(subject).delete()
        TopicComment.objects.filter(author=user).delete()
        Topic.objects.filter(proposer=user).update(proposer=None)
        Dot.objects.filter(cast_by=user).update(cast_by=None)
        BoardPost.objects.filter(created_by=user).update(created_by=None)
        Actor.objects.filter(created_by=user).update(created_by=None)
        PriorityRound.objects.filter(created_by=user).update(created_by=None)
        Newsletter.objects.filter(created_by=user).update(created_by=None)
        Newsletter.objects.filter(sent_by=user).update(sent_by=None)
        District.objects.filter(steward=user).update(steward=None)
        WorkingGroup.objects.filter(closed_by=user).update(closed_by=None)
        WorkingGroupExtension.objects.filter(extended_by=user).update(extended_by=None)
