"""The board of needs and offers: rooms, volunteers, know-how and material between actors."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeAlias

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = User | AnonymousUser

#: A post may run for this long at most.
MAX_RUNTIME = dt.timedelta(days=180)


class BoardPostQuerySet(models.QuerySet["BoardPost"]):
    def current(self, today: dt.date | None = None) -> BoardPostQuerySet:
        """Posts still on the board: not expired, not withdrawn, of a listed actor."""
        today = today or timezone.localdate()
        return self.filter(
            expires_on__gte=today,
            closed_at__isnull=True,
            actor__is_listed=True,
            actor__organisation__is_public=True,
        )

    def visible_to(self, user: AnyUser) -> BoardPostQuerySet:
        """Current posts for everyone; also one's own organisation's; all for the coordination."""
        from house.rules import is_network_coordinator

        if is_network_coordinator(user):
            return self.all()
        today = timezone.localdate()
        current = Q(
            expires_on__gte=today,
            closed_at__isnull=True,
            actor__is_listed=True,
            actor__organisation__is_public=True,
        )
        if not user.is_authenticated:
            return self.filter(current)
        return self.filter(current | Q(actor__organisation__memberships__user=user)).distinct()

    def for_listing(self) -> BoardPostQuerySet:
        return self.select_related("actor__organisation", "actor__district")


class BoardPost(models.Model):
    """A need or an offer of an actor, shown until it expires or is withdrawn."""

    class Kind(models.TextChoices):
        NEED = "need", _("We need")
        OFFER = "offer", _("We offer")

    class Category(models.TextChoices):
        ROOMS = "rooms", _("Rooms")
        VOLUNTEERS = "volunteers", _("Volunteers")
        KNOW_HOW = "know_how", _("Know-how")
        MATERIAL = "material", _("Material")
        OTHER = "other", pgettext_lazy("board category", "Other")

    kind = models.CharField(_("need or offer"), max_length=5, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=10, choices=Category.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), max_length=2000)
    actor = models.ForeignKey(
        "network.Actor",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="board_posts",
    )
    link_url = models.URLField(
        _("link"),
        blank=True,
        help_text=_("For example the volunteer opportunity this need belongs to."),
    )
    expires_on = models.DateField(_("shown until"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="network_board_posts",
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    closed_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)

    objects = BoardPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("need or offer")
        verbose_name_plural = _("needs and offers")
        ordering = ["expires_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["need", "offer"]), name="network_boardpost_kind_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return self.closed_at is None and self.expires_on >= timezone.localdate()
