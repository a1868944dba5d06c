"""Ventures: accepted ideas moving through the programme's phases, with goals and milestones."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociallab.models.applications import Application


class Phase(models.TextChoices):
    IDEA = "idea", _("Idea")
    CONCRETISATION = "concretisation", _("Concretisation")
    IMPLEMENTATION = "implementation", _("Implementation")
    FUNDING = "funding", _("Funding")
    SUSTAINABILITY = "sustainability", _("Sustainability")

    @classmethod
    def following(cls, phase: str) -> str | None:
        order = list(cls.values)
        index = order.index(phase)
        return order[index + 1] if index + 1 < len(order) else None


class VentureQuerySet(models.QuerySet["Venture"]):
    def visible_to(self, user: Any) -> VentureQuerySet:
        """Staff see all ventures; mentors the ventures they are assigned to; founders theirs."""
        from house.permissions import has_role
        from house.roles import Role

        if has_role(user, Role.SOCIAL_LAB_STAFF):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(founders=user) | Q(mentor_assignments__mentor=user)).distinct()


class Venture(models.Model):
    """A social initiative in the programme, from idea to sustainability (and beyond)."""

    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="venture"
    )
    founders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="sociallab_ventures", blank=True
    )
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices, default=Phase.IDEA)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    graduated_at = models.DateTimeField(_("graduated"), null=True, blank=True)
    organisation = models.ForeignKey(
        "tenants.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sociallab_ventures",
        verbose_name=_("became the organisation"),
    )

    objects = VentureQuerySet.as_manager()

    class Meta:
        verbose_name = _("venture")
        verbose_name_plural = _("ventures")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("sociallab:venture", args=[self.pk])


class PhaseRecord(models.Model):
    """A venture's stay in one phase: the goal agreement and the review that ends it."""

    class Outcome(models.TextChoices):
        NEXT = "next", _("Moves on to the next phase")
        EXTEND = "extend", _("Stays in this phase")
        END = "end", _("Leaves the programme")

    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="phase_records")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    entered_at = models.DateTimeField(_("entered"), default=timezone.now)
    goals = models.TextField(_("goal agreement"), blank=True)
    goals_agreed_at = models.DateTimeField(_("goals agreed"), null=True, blank=True)
    review_on = models.DateField(_("phase review on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome of the review"), max_length=8, choices=Outcome.choices, blank=True
    )
    review_notes = models.TextField(_("notes of the review"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("phase of a venture")
        verbose_name_plural = _("phases of ventures")
        ordering = ["venture", "entered_at"]
        constraints = [
            models.UniqueConstraint(fields=["venture", "phase"], name="sociallab_phase_once")
        ]

    def __str__(self) -> str:
        return f"{self.venture} – {self.get_phase_display()}"


class Milestone(models.Model):
    venture = models.ForeignKey(Venture, on_delete=models.CASCADE, related_name="milestones")
    phase = models.CharField(_("phase"), max_length=16, choices=Phase.choices)
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("reached"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
