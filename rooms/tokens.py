"""Secret calendar-feed tokens of the conference centre.

A token in a feed URL stands for a login that calendar apps cannot do: whoever has
the URL reads the feed. So tokens are long and random, one active token per person
(their own bookings), per staff member (the all-rooms feed) and per membership (the
organisation's bookings: every member has their own address, which ends with the
membership, so a person who leaves stops reading the calendar); rotating a token
revokes the old one (its URL answers 404 from then on), revoking leaves none.
Imported by ``rooms.models`` so Django registers the model with the rooms app.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


class FeedTokenQuerySet(models.QuerySet["FeedToken"]):
    def active(self) -> FeedTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class FeedToken(models.Model):
    """The secret in the URL of a member's view of their organisation's bookings, of a
    person's own bookings or of the staff's booking feed."""

    class Scope(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation's bookings (a member's own address)")
        PERSON = "person", _("My bookings")
        STAFF = "staff", _("All rooms (staff)")

    token = models.CharField(_("token"), max_length=64, unique=True, default=new_token)
    scope = models.CharField(_("feed"), max_length=16, choices=Scope.choices)
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
    )
    membership = models.ForeignKey(
        "tenants.Membership",
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feed_tokens",
        help_text=_("An organisation's calendar is read through a member's own address."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = FeedTokenQuerySet.as_manager()

    class Meta:
        app_label = "rooms"
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        scope="organisation",
                        organisation__isnull=False,
                        user__isnull=False,
                        membership__isnull=False,
                    )
                    | Q(
                        scope__in=["person", "staff"],
                        organisation__isnull=True,
                        user__isnull=False,
                        membership__isnull=True,
                    )
                ),
                name="feedtoken_owner_matches_scope",
            ),
            models.UniqueConstraint(
                fields=["membership"],
                condition=Q(revoked_at__isnull=True, scope="organisation"),
                name="feedtoken_one_active_per_membership",
            ),
            models.UniqueConstraint(
                fields=["user", "scope"],
                condition=Q(revoked_at__isnull=True, scope__in=["person", "staff"]),
                name="feedtoken_one_active_per_person_and_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} ({self.token[:6]}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
