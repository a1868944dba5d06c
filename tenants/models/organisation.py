"""Organisations of the house and where they are found in the building."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from house.images import CleanImageField
from tenants.models.vocabulary import Language

if TYPE_CHECKING:
    from typing import TypeAlias

    from django.contrib.auth.models import AnonymousUser

    from house.models import User

    AnyUser: TypeAlias = "User | AnonymousUser"


#: A logo may be this big at most (bytes).
LOGO_MAX_BYTES = 2 * 1024 * 1024


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def public(self) -> OrganisationQuerySet:
        """Organisations shown in the public directory and on public pages.

        External bookers never are: they are in Hausportal only to book rooms.
        """
        return self.filter(is_public=True).exclude(kind=Organisation.Kind.EXTERNAL)

    def visible_to(self, user: AnyUser) -> OrganisationQuerySet:
        """Public organisations, plus one's own; house management sees every organisation."""
        from house.permissions import can_manage_house

        if can_manage_house(user):
            return self.all()
        if not user.is_authenticated:
            return self.public()
        public = Q(is_public=True) & ~Q(kind=Organisation.Kind.EXTERNAL)
        return self.filter(public | Q(memberships__user=user)).distinct()

    def managed_by(self, user: AnyUser) -> OrganisationQuerySet:
        """Organisations whose profile, services and members ``user`` may change."""
        from house.permissions import can_manage_house
        from tenants.models.membership import Membership

        if can_manage_house(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            memberships__user=user, memberships__role=Membership.Role.ADMIN
        ).distinct()

    def of_member(self, user: AnyUser) -> OrganisationQuerySet:
        """Organisations ``user`` belongs to (as admin or member)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user).distinct()

    def tenants(self) -> OrganisationQuerySet:
        return self.filter(kind=Organisation.Kind.TENANT)

    def in_house_now(self, on: dt.date | None = None) -> OrganisationQuerySet:
        """Tenants whose tenancy runs on ``on`` (today by default)."""
        on = on or timezone.localdate()
        return self.tenants().filter(
            Q(tenancy_since__isnull=True) | Q(tenancy_since__lte=on),
            Q(tenancy_until__isnull=True) | Q(tenancy_until__gte=on),
        )

    def with_profile(self) -> OrganisationQuerySet:
        return self.prefetch_related("languages")


class Organisation(models.Model):
    """A tenant, partner, network member, external booker or public body."""

    class Kind(models.TextChoices):
        TENANT = "tenant", _("House tenant")
        PARTNER = "partner", _("Partner")
        NETWORK_MEMBER = "network", _("Network member")
        EXTERNAL = "external", _("External booker")
        PUBLIC_BODY = "public_body", _("Public body")

    class LegalForm(models.TextChoices):
        EV = "ev", _("Registered association (e.V.)")
        GGMBH = "ggmbh", _("Non-profit limited company (gGmbH)")
        FOUNDATION = "foundation", _("Foundation (Stiftung)")
        PUBLIC_BODY = "public_body", _("Public body")
        COMPANY = "company", _("Company")
        INITIATIVE = "initiative", _("Initiative")
        OTHER = "other", pgettext_lazy("legal form", "Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(
        _("short name in addresses"),
        max_length=80,
        unique=True,
        help_text=_("Lower-case letters, digits and hyphens; appears in the page address."),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TENANT)
    legal_form = models.CharField(
        _("legal form"), max_length=16, choices=LegalForm.choices, default=LegalForm.EV
    )
    nonprofit_notice_date = models.DateField(
        _("non-profit exemption notice of"),
        null=True,
        blank=True,
        help_text=_("Date of the tax office's exemption notice (Freistellungsbescheid)."),
    )
    nonprofit_notice_expires = models.DateField(
        _("non-profit exemption valid until"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the notice names no end. Room fees depend on it."),
    )
    description = models.TextField(_("description"), blank=True)
    logo = CleanImageField(
        _("logo"),
        upload_to="organisations/",
        blank=True,
        limit_bytes=LOGO_MAX_BYTES,
        # Shown 120 pixels wide on the organisation's page (twice that for sharp screens).
        thumbnails={"page": (240, 240, "pad")},
    )
    logo_alt = models.CharField(
        _("logo text alternative"),
        max_length=200,
        blank=True,
        help_text=_("What the logo shows, for people who cannot see it."),
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("public e-mail address"), blank=True)
    phone = models.CharField(_("public phone"), max_length=50, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(
        _("city"),
        max_length=100,
        blank=True,
        help_text=_("Where the organisation is based; local groups book rooms at other rates."),
    )
    office_floor = models.SmallIntegerField(
        _("floor in the house"),
        null=True,
        blank=True,
        help_text=_("0 is the ground floor."),
    )
    office_room = models.CharField(_("room number"), max_length=30, blank=True)
    tenancy_since = models.DateField(_("tenant since"), null=True, blank=True)
    tenancy_until = models.DateField(_("tenant until"), null=True, blank=True)
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages offered"), blank=True, related_name="organisations"
    )
    is_public = models.BooleanField(
        _("shown in the public directory"),
        default=True,
        help_text=_("Public organisations appear in the service directory and on the house page."),
    )
    internal_notes = models.TextField(
        _("internal notes"),
        blank=True,
        help_text=_("Seen by the organisation and house management only."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nonprofit_notice_expires__isnull=True)
                | Q(nonprofit_notice_date__isnull=False),
                name="organisation_nonprofit_expiry_needs_notice",
            ),
            models.CheckConstraint(
                condition=Q(nonprofit_notice_expires__isnull=True)
                | Q(nonprofit_notice_expires__gte=models.F("nonprofit_notice_date")),
                name="organisation_nonprofit_expiry_after_notice",
            ),
            models.CheckConstraint(
                condition=Q(tenancy_until__isnull=True)
                | Q(tenancy_since__isnull=True)
                | Q(tenancy_until__gte=models.F("tenancy_since")),
                name="organisation_tenancy_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["kind", "office_floor"], name="org_kind_floor_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("tenants:organisation_detail", kwargs={"slug": self.slug})

    def has_valid_nonprofit_proof(self, on: dt.date | None = None) -> bool:
        """True when a tax exemption notice is on file and has not expired on ``on`` (today)."""
        on = on or timezone.localdate()
        if self.nonprofit_notice_date is None:
            return False
        return self.nonprofit_notice_expires is None or self.nonprofit_notice_expires >= on

    @property
    def location_label(self) -> str:
        return location_label(self.office_floor, self.office_room)


def location_label(floor: int | None, room: str) -> str:
    """A human description of a place in the house: "2nd floor, room 204"."""
    parts = []
    if floor is not None:
        parts.append(str(_("Ground floor")) if floor == 0 else str(_("Floor %(n)s")) % {"n": floor})
    if room:
        parts.append(str(_("room %(room)s")) % {"room": room})
    return ", ".join(parts)
