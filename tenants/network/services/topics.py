"""Topics: proposed by actors, commented on, moved along their status by the coordination."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from house.activity import log_activity
from tenants.network.models import Actor, Topic, TopicComment
from tenants.network.services.errors import NetworkError

if TYPE_CHECKING:
    from events.models import Event
    from house.models import User
    from tenants.models import Topic as DirectoryTopic

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)

#: The order a topic moves in; the coordination may also step back one.
STATUS_ORDER = [
    Topic.Status.PROPOSED,
    Topic.Status.PRIORITISED,
    Topic.Status.IN_WORK,
    Topic.Status.DONE,
]


def _free_slug(name: str) -> str:
    base = slugify(name.translate(_UMLAUTS))[:70] or "thema"
    slug, n = base, 2
    while Topic.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _member_check(actor: Actor | None, user: User) -> None:
    if actor is not None and not actor.organisation.memberships.filter(user=user).exists():
        raise NetworkError(_("You can only speak for your own organisation."), field="actor")


def propose_topic(*, name: str, description: str, actor: Actor | None, proposer: User) -> Topic:
    """An actor (or the coordination, without one) proposes a topic for the network."""
    name = name.strip()
    if not name:
        raise NetworkError(_("Please name the topic."), field="name")
    if Topic.objects.filter(name__iexact=name).exists():
        raise NetworkError(
            _("A topic of this name exists already: please comment on it instead."), field="name"
        )
    _member_check(actor, proposer)
    with transaction.atomic():
        topic = Topic.objects.create(
            name=name,
            slug=_free_slug(name),
            description=description.strip(),
            proposed_by=actor,
            proposer=proposer,
        )
        log_activity(obj=topic, action_type="network.topic.proposed", actor=proposer)
    return topic


def comment_on_topic(*, topic: Topic, text: str, actor: Actor | None, author: User) -> TopicComment:
    text = text.strip()
    if not text:
        raise NetworkError(_("Please write a comment."), field="text")
    _member_check(actor, author)
    with transaction.atomic():
        return TopicComment.objects.create(topic=topic, actor=actor, author=author, text=text)


def change_topic(
    *,
    topic: Topic,
    changed_by: User | None,
    name: str,
    description: str,
    status: str,
    directory_topics: Iterable[DirectoryTopic],
    events: Iterable[Event],
) -> Topic:
    """The coordination edits a topic and moves its status.

    The usual way is proposed → prioritised → in work → done.
    """
    if status not in Topic.Status.values:
        raise NetworkError(_("Please choose a valid status."), field="status")
    with transaction.atomic():
        old_status = topic.status
        topic.name = name.strip() or topic.name
        topic.description = description.strip()
        if status != old_status:
            topic.status = status
            topic.status_changed_at = timezone.now()
            log_activity(
                obj=topic,
                action_type="network.topic.status",
                actor=changed_by,
                data={
                    "old": str(Topic.Status(old_status).label),
                    "new": str(Topic.Status(status).label),
                },
            )
        topic.save()
        topic.directory_topics.set(list(directory_topics))
        topic.events.set(list(events))
        log_activity(obj=topic, action_type="network.topic.changed", actor=changed_by)
    return topic
