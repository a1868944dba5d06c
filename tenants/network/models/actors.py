"""Districts and the actors of the network: organisations that work in the district."""

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

#: An entry not confirmed for this long is due for a reminder (HSDS ``assured_date``).
VERIFY_EVERY = dt.timedelta(days=183)
#: After the reminder, an entry still unconfirmed this long is flagged to the coordinator.
FLAG_AFTER = dt.timedelta(days=30)


class District(models.Model):
    """A district of the city, drawn on the network's own map.

    The outline is a list of ``[longitude, latitude]`` corners; the map projects
    them onto an SVG drawn by the portal, so no tile or geocoding service is asked.
    """

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    outline = models.JSONField(_("outline"), default=list, help_text=_("Corners as [lon, lat]."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    steward = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible for keeping the data current"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def centre(self) -> tuple[float, float]:
        """The mean of the corners: where actors without a public address are drawn."""
        if not self.outline:
            return (0.0, 0.0)
        lon = sum(float(p[0]) for p in self.outline) / len(self.outline)
        lat = sum(float(p[1]) for p in self.outline) / len(self.outline)
        return (lon, lat)


class ActorQuerySet(models.QuerySet["Actor"]):
    def listed(self) -> ActorQuerySet:
        """Actors on the public pages: listed entries of public organisations."""
        return self.filter(is_listed=True, organisation__is_public=True).exclude(
            organisation__kind="external"
        )

    def visible_to(self, user: AnyUser) -> ActorQuerySet:
        """Listed actors for everyone; one's own entries; every entry for the coordination."""
        from house.rules import is_network_coordinator

        if is_network_coordinator(user):
            return self.all()
        listed = Q(is_listed=True, organisation__is_public=True) & ~Q(organisation__kind="external")
        if not user.is_authenticated:
            return self.filter(listed)
        return self.filter(listed | Q(organisation__memberships__user=user)).distinct()

    def of_member(self, user: AnyUser) -> ActorQuerySet:
        """Actors whose organisation ``user`` belongs to: their votes and posts count for it."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user).distinct()

    def for_listing(self) -> ActorQuerySet:
        return self.select_related("organisation", "district").prefetch_related(
            "topics", "target_groups"
        )

    def stale(self, now: dt.datetime | None = None) -> ActorQuerySet:
        """Entries the coordinator should look at: flagged, or never confirmed in time."""
        today = timezone.localdate(now) if now else timezone.localdate()
        return self.filter(Q(flagged_at__isnull=False) | Q(last_verified__lt=today - VERIFY_EVERY))

    def due_for_reminder(self, today: dt.date) -> ActorQuerySet:
        return self.filter(
            last_verified__lt=today - VERIFY_EVERY, verification_requested_at__isnull=True
        )

    def overdue(self, now: dt.datetime) -> ActorQuerySet:
        return self.filter(verification_requested_at__lt=now - FLAG_AFTER, flagged_at__isnull=True)


class Actor(models.Model):
    """The network entry of an organisation: where and on what it works in the district.

    Every organisation of the directory can be an actor; actors outside the house
    are organisations of the kind "network member", entered by the coordination
    or by their own admins after an invitation. The organisation's admins keep
    the entry; ``last_verified`` is when they last confirmed it.
    """

    organisation = models.OneToOneField(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="network_actor",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="actors",
    )
    summary = models.TextField(
        _("what we do in the district"),
        max_length=1500,
        blank=True,
    )
    topics = models.ManyToManyField(
        "network.Topic", verbose_name=_("topics"), blank=True, related_name="actors"
    )
    target_groups = models.ManyToManyField(
        "tenants.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="network_actors",
    )
    partner_events = models.ManyToManyField(
        "events.Event",
        verbose_name=_("events we organise together with others"),
        blank=True,
        related_name="network_partners",
    )
    show_address = models.BooleanField(
        _("show our address on the map"),
        default=True,
        help_text=_("Without a public address the entry is shown at its district."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    is_listed = models.BooleanField(_("listed on the network pages"), default=True)
    last_verified = models.DateField(_("last verified"), default=timezone.localdate)
    verification_requested_at = models.DateTimeField(
        _("reminder sent"), null=True, blank=True, editable=False
    )
    flagged_at = models.DateTimeField(_("flagged as stale"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("joined the network"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("network actor")
        verbose_name_plural = _("network actors")
        ordering = ["organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90)
                    & Q(latitude__lte=90)
                    & Q(longitude__gte=-180)
                    & Q(longitude__lte=180)
                ),
                name="network_actor_coordinates_valid",
            )
        ]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("network:actor", kwargs={"slug": self.organisation.slug})

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def slug(self) -> str:
        return self.organisation.slug

    @property
    def has_public_point(self) -> bool:
        return self.show_address and self.latitude is not None and self.longitude is not None

    def is_stale(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.flagged_at is not None or self.last_verified < today - VERIFY_EVERY
