"""The neighbourhood network: actors, topics, priority rounds, the board and the newsletter."""

from tenants.network.models.actors import Actor, ActorQuerySet, District
from tenants.network.models.board import BoardPost, BoardPostQuerySet
from tenants.network.models.groups import WorkingGroup, WorkingGroupExtension, WorkingGroupQuerySet
from tenants.network.models.newsletter import Newsletter, NewsletterDelivery, Subscriber
from tenants.network.models.priorities import Dot, PriorityRound, PriorityRoundQuerySet
from tenants.network.models.topics import Topic, TopicComment, TopicQuerySet

__all__ = [
    "Actor",
    "ActorQuerySet",
    "BoardPost",
    "BoardPostQuerySet",
    "District",
    "Dot",
    "Newsletter",
    "NewsletterDelivery",
    "PriorityRound",
    "PriorityRoundQuerySet",
    "Subscriber",
    "Topic",
    "TopicComment",
    "TopicQuerySet",
    "WorkingGroup",
    "WorkingGroupExtension",
    "WorkingGroupQuerySet",
]
