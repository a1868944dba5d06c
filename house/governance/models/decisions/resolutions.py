"""The register of resolutions and the follow-up actions they set."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.governance.models.committees import Committee
from house.governance.models.meetings import AgendaItem, Meeting

if TYPE_CHECKING:
    from house.governance.models.committees import AnyUser
from .circulars import CircularDecision
from .votes import Outcome, Vote


class ResolutionQuerySet(models.QuerySet["Resolution"]):
    def visible_to(self, user: AnyUser) -> ResolutionQuerySet:
        return self.filter(
            Q(committee__in=Committee.objects.visible_to(user))
            | Q(pk__in=self.model.objects.published())
        )

    def published(self) -> ResolutionQuerySet:
        return self.filter(
            published=True, public=True, committee__is_public=True, committee__deleted=False
        )

    def search(self, text: str) -> ResolutionQuerySet:
        text = text.strip()
        if not text:
            return self
        condition = Q(title__icontains=text) | Q(text__icontains=text)
        if "/" in text:
            year, _sep, number = text.partition("/")
            if year.isdigit() and number.isdigit():
                condition |= Q(year=int(year), number=int(number))
        return self.filter(condition)


class Resolution(models.Model):
    """An entry in the committee's register of resolutions: numbered without gaps per year."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="resolutions"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    text = models.TextField(_("text"))
    outcome = models.CharField(_("result"), max_length=8, choices=Outcome.choices)
    yes = models.PositiveSmallIntegerField(_("yes"), default=0)
    no = models.PositiveSmallIntegerField(_("no"), default=0)
    abstain = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    decided_on = models.DateField(_("date"))
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolutions"
    )
    vote = models.OneToOneField(
        Vote, null=True, blank=True, on_delete=models.SET_NULL, related_name="resolution"
    )
    circular = models.OneToOneField(
        CircularDecision,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resolution",
    )
    public = models.BooleanField(_("public"), default=True)
    published = models.BooleanField(_("published"), default=False)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    objects = ResolutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("resolution")
        verbose_name_plural = _("resolutions")
        ordering = ("-year", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("committee", "year", "number"), name="governance_resolution_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="governance_resolution_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"{self.year}/{self.number}"


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(status=Action.Status.OPEN)

    def visible_to(self, user: AnyUser) -> ActionQuerySet:
        return self.filter(committee__in=Committee.objects.visible_to(user))


class Action(models.Model):
    """A follow-up of a resolution: owner, due date, status. Open actions return to the agenda."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="actions")
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    title = models.CharField(_("what is to be done"), max_length=250)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_actions",
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ("due_on", "pk")

    def __str__(self) -> str:
        return self.title
