"""Working groups: committees of the governance core that end by design.

A working group is a committee (meetings, minutes, votes and actions are the
core's) with what the network adds: its topic, its mandate, the organisations
taking part, a planned end date, and either a closing report or an extension
with a reason when that date comes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = User | AnonymousUser


class WorkingGroupQuerySet(models.QuerySet["WorkingGroup"]):
    def public(self) -> WorkingGroupQuerySet:
        return self.filter(committee__is_public=True, committee__deleted=False)

    def active(self) -> WorkingGroupQuerySet:
        return self.filter(state=WorkingGroup.State.ACTIVE)

    def closed(self) -> WorkingGroupQuerySet:
        return self.filter(state=WorkingGroup.State.CLOSED)

    def visible_to(self, user: AnyUser) -> WorkingGroupQuerySet:
        """Public groups for everyone; a non-public one for its members and the coordination."""
        from house.governance.models import Committee

        if not user.is_authenticated:
            return self.public()
        mine = Committee.objects.visible_to(user).values("pk")
        return self.filter(
            Q(committee__is_public=True, committee__deleted=False) | Q(committee__in=mine)
        )

    def for_listing(self) -> WorkingGroupQuerySet:
        return self.select_related("committee", "topic")

    def due_for_prompt(self, today: dt.date) -> WorkingGroupQuerySet:
        return self.active().filter(planned_end__lte=today, end_prompted_at__isnull=True)


class WorkingGroup(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Active")
        CLOSED = "closed", _("Closed")

    committee = models.OneToOneField(
        "governance.Committee",
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        related_name="network_group",
    )
    topic = models.ForeignKey(
        "network.Topic",
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="working_groups",
    )
    mandate = models.TextField(_("mandate"), max_length=3000)
    actors = models.ManyToManyField(
        "network.Actor",
        verbose_name=_("organisations taking part"),
        blank=True,
        related_name="working_groups",
    )
    started_on = models.DateField(_("started"), default=timezone.localdate)
    planned_end = models.DateField(_("planned end"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.ACTIVE)
    end_prompted_at = models.DateTimeField(
        _("asked for report or extension"), null=True, blank=True, editable=False
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendee_count = models.PositiveIntegerField(
        _("number of people who took part"), null=True, blank=True
    )
    report_organisations = models.ManyToManyField(
        "network.Actor",
        verbose_name=_("organisations that took part"),
        blank=True,
        related_name="+",
    )
    outcome_decisions = models.TextField(_("decisions"), max_length=3000, blank=True)
    outcome_projects = models.TextField(_("projects"), max_length=3000, blank=True)
    outcome_events = models.TextField(_("events"), max_length=3000, blank=True)
    outcome_documents = models.TextField(_("documents"), max_length=3000, blank=True)

    objects = WorkingGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["planned_end"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__gte=models.F("started_on")),
                name="network_group_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(state="active") | Q(closed_at__isnull=False),
                name="network_group_closed_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.committee.name

    def get_absolute_url(self) -> str:
        return reverse("network:group", kwargs={"slug": self.committee.slug})

    @property
    def name(self) -> str:
        return self.committee.name

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    def is_due(self, today: dt.date | None = None) -> bool:
        """The planned end has come: the group owes a closing report or an extension."""
        return self.is_active and self.planned_end <= (today or timezone.localdate())

    @property
    def state_label(self) -> str:
        return str(self.get_state_display())

    @property
    def outcomes(self) -> str:
        """The public outcomes of a closed group, one line per kind."""
        parts = [
            (_("Decisions"), self.outcome_decisions),
            (_("Projects"), self.outcome_projects),
            (_("Events"), self.outcome_events),
            (_("Documents"), self.outcome_documents),
        ]
        return "\n".join(f"{label}: {text}" for label, text in parts if text.strip())


class WorkingGroupExtension(models.Model):
    """A group carried on past its planned end, and why."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="extensions")
    previous_end = models.DateField(_("previous planned end"))
    new_end = models.DateField(_("new planned end"))
    reason = models.TextField(_("reason"), max_length=2000)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("extended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("extended"), default=timezone.now)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gt=models.F("previous_end")),
                name="network_extension_moves_end_later",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.new_end}"
