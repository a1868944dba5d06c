"""Topics of the network: proposed by actors, commented on, prioritised, worked on, done."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = User | AnonymousUser


class TopicQuerySet(models.QuerySet["Topic"]):
    def visible_to(self, user: AnyUser) -> TopicQuerySet:
        """Topics are public: the network shows what it works on and what was proposed."""
        return self.all()

    def open(self) -> TopicQuerySet:
        return self.exclude(status=Topic.Status.DONE)


class Topic(models.Model):
    """A topic the district's actors care about: "loneliness in old age", "summer holidays"."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PRIORITISED = "prioritised", _("Prioritised")
        IN_WORK = "in_work", _("In work")
        DONE = "done", _("Done")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    proposed_by = models.ForeignKey(
        "network.Actor",
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_topics",
    )
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    directory_topics = models.ManyToManyField(
        "tenants.Topic",
        verbose_name=_("topics of the service directory"),
        blank=True,
        related_name="network_topics",
        help_text=_("Services with these topics are listed on the topic's page."),
    )
    events = models.ManyToManyField(
        "events.Event",
        verbose_name=_("events on this topic"),
        blank=True,
        related_name="network_topics",
    )
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("network topic")
        verbose_name_plural = _("network topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:topic", kwargs={"slug": self.slug})


class TopicComment(models.Model):
    """A comment on a topic, written by a person for their organisation."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="comments"
    )
    actor = models.ForeignKey(
        "network.Actor",
        verbose_name=_("for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_comments",
    )
    text = models.TextField(_("comment"), max_length=3000)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:50]
