"""Dot-voting rounds: each actor organisation shares a budget of dots among its people."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = User | AnonymousUser


class PriorityRoundQuerySet(models.QuerySet["PriorityRound"]):
    def visible_to(self, user: AnyUser) -> PriorityRoundQuerySet:
        """Rounds are public once they open; the coordination also sees those still to come."""
        from house.rules import is_network_coordinator

        if is_network_coordinator(user):
            return self.all()
        return self.filter(opens_at__lte=timezone.now())

    def due_to_close(self, now: dt.datetime) -> PriorityRoundQuerySet:
        return self.filter(closes_at__lte=now, frozen_at__isnull=True)


class PriorityRound(models.Model):
    """One round of dot voting on a set of topics.

    While the round is open nobody sees the counts; when it closes the result is
    computed once, frozen with a SHA-256 checksum and kept as a PDF.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=3000, blank=True)
    topics = models.ManyToManyField(
        "network.Topic", verbose_name=_("topics on the ballot"), related_name="rounds"
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    budget = models.PositiveSmallIntegerField(
        _("dots per organisation"),
        default=10,
        help_text=_("Shared by all people of an actor organisation."),
    )
    cap_per_topic = models.PositiveSmallIntegerField(
        _("at most this many dots of one organisation on one topic"), default=3
    )
    min_spread = models.PositiveSmallIntegerField(
        _("minimum number of topics"),
        default=0,
        help_text=_(
            "An organisation's dots count only once they are spread over at least this many "
            "topics. 0: no minimum."
        ),
    )
    frozen_at = models.DateTimeField(_("result frozen"), null=True, blank=True, editable=False)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    result_sha256 = models.CharField(
        _("checksum of the result"), max_length=64, blank=True, editable=False
    )
    result_pdf = models.BinaryField(_("result as PDF"), null=True, blank=True, editable=False)
    result_pdf_sha256 = models.CharField(
        _("checksum of the PDF"), max_length=64, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = PriorityRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority round")
        verbose_name_plural = _("priority rounds")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="network_round_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=1), name="network_round_budget_positive"
            ),
            models.CheckConstraint(
                condition=Q(cap_per_topic__gte=1) & Q(cap_per_topic__lte=F("budget")),
                name="network_round_cap_within_budget",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("network:round", kwargs={"pk": self.pk})

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.frozen_at is None and self.opens_at <= now < self.closes_at

    def is_upcoming(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.opens_at

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


class Dot(models.Model):
    """One dot an organisation put on a topic, placed by one of its people."""

    round = models.ForeignKey(
        PriorityRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="dots"
    )
    topic = models.ForeignKey(
        "network.Topic", verbose_name=_("topic"), on_delete=models.CASCADE, related_name="dots"
    )
    actor = models.ForeignKey(
        "network.Actor",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="dots",
    )
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("placed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_dots",
    )
    created_at = models.DateTimeField(_("placed"), default=timezone.now)

    class Meta:
        verbose_name = _("dot")
        verbose_name_plural = _("dots")
        indexes = [models.Index(fields=["round", "actor"], name="network_dot_round_actor")]

    def __str__(self) -> str:
        return f"{self.actor_id} → {self.topic_id}"
