"""Qualifications that gate shifts, each with an expiry.

The extended certificate of conduct (erweitertes Führungszeugnis, § 72a SGB
VIII) is a qualification of its own kind: the house records only that it was
seen, its issue date, whether it has a relevant entry, who inspected it and
when; never the document itself (see ``services.qualifications``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from house.permissions import has_role
from house.roles import Role

if TYPE_CHECKING:
    from house.models import User


class QualificationType(models.Model):
    class Kind(models.TextChoices):
        GENERAL = "general", _("General")
        CONDUCT_CERTIFICATE = "conduct_certificate", _("Extended certificate of conduct")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.GENERAL)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty: valid without an end."),
    )

    class Meta:
        verbose_name = _("kind of qualification")
        verbose_name_plural = _("kinds of qualification")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_conduct_certificate(self) -> bool:
        return self.kind == self.Kind.CONDUCT_CERTIFICATE


class QualificationQuerySet(models.QuerySet["Qualification"]):
    def visible_to(self, user: User) -> QualificationQuerySet:
        if not user.is_authenticated:
            return self.none()
        if has_role(user, Role.VOLUNTEER_COORDINATION):
            return self
        return self.filter(profile__user=user)

    def valid_on(self, day: dt.date) -> QualificationQuerySet:
        """Qualifications that count on ``day``: in force and (for the certificate of
        conduct) without a relevant entry."""
        return self.filter(valid_from__lte=day, has_relevant_entry=False).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )


class Qualification(models.Model):
    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="+", verbose_name=_("kind")
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Only for the certificate of conduct: what § 72a SGB VIII allows the house to keep.
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    has_relevant_entry = models.BooleanField(_("has a relevant entry"), default=False)
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("inspected by"),
    )
    inspected_on = models.DateField(_("inspected on"), null=True, blank=True)
    expiry_notice_sent_on = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QualificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["profile", "kind__name", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="qualification_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} – {self.profile}"

    def is_valid_on(self, day: dt.date) -> bool:
        if self.has_relevant_entry or self.valid_from > day:
            return False
        return self.valid_until is None or self.valid_until >= day

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until < timezone.localdate()
