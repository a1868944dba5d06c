"""Papers laid before a meeting and their uploaded versions."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.governance.models.committees import Committee
from house.permissions import has_role
from house.roles import Role

if TYPE_CHECKING:
    from house.governance.models.committees import AnyUser
from .agenda import AgendaItem, Meeting


class PaperQuerySet(models.QuerySet["Paper"]):
    def public(self) -> PaperQuerySet:
        """Public papers of public committees; a paper on an item follows the item."""
        return self.filter(
            public=True,
            deleted=False,
            committee__is_public=True,
            committee__deleted=False,
        ).filter(
            Q(agenda_item__isnull=True)
            | Q(
                agenda_item__public=True,
                agenda_item__deleted=False,
                agenda_item__meeting__deleted=False,
            )
        )

    def visible_to(self, user: AnyUser) -> PaperQuerySet:
        if has_role(user, Role.HOUSE_MANAGEMENT):
            return self.filter(deleted=False)
        internal = Q(committee__in=Committee.objects.visible_to(user))
        return self.filter(deleted=False).filter(internal | Q(pk__in=self.model.objects.public()))


class Paper(models.Model):
    """A paper of the committee (a proposal, a report), versioned (OParl ``Paper``)."""

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="papers"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
    )
    title = models.CharField(_("title"), max_length=250)
    reference = models.CharField(_("reference"), max_length=40, blank=True)
    public = models.BooleanField(_("public"), default=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    modified = models.DateTimeField(_("modified"), auto_now=True, db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)

    objects = PaperQuerySet.as_manager()

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ("-created",)

    def __str__(self) -> str:
        return self.title

    def latest_version(self) -> PaperVersion | None:
        versions = getattr(self, "prefetched_versions", None)
        if versions is not None:
            return versions[0] if versions else None
        return self.versions.order_by("-number").first()


def _paper_path(instance: PaperVersion, filename: str) -> str:
    return f"governance/papers/{instance.paper_id}/{secrets.token_hex(8)}/{filename}"


class PaperVersion(models.Model):
    """One uploaded version of a paper's file (OParl ``File``); versions are never replaced."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_paper_path)
    file_name = models.CharField(_("file name"), max_length=200)
    mime_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=250, blank=True)
    created = models.DateTimeField(default=timezone.now, editable=False)
    modified = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("paper version")
        verbose_name_plural = _("paper versions")
        ordering = ("paper", "-number")
        constraints = [
            models.UniqueConstraint(
                fields=("paper", "number"), name="governance_paper_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper} v{self.number}"
