"""The hours ledger and what the house derives from it: tenure, certificates, allowances.

The rules (what counts as regular, the yearly allowance limit, the thresholds of
the volunteer cards) are data with a date from which they apply, so a change of
law or of the house's policy is entered, not programmed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.permissions import has_role
from house.roles import Role

if TYPE_CHECKING:
    from house.models import User

#: Letters of certificate codes: no 0/O or 1/I/L to misread on paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_certificate_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))


class HoursEntryQuerySet(models.QuerySet["HoursEntry"]):
    def counted(self) -> HoursEntryQuerySet:
        """Entries that count: confirmed shifts and approved manual entries."""
        return self.filter(approved_at__isnull=False)

    def visible_to(self, user: User) -> HoursEntryQuerySet:
        if has_role(user, Role.VOLUNTEER_COORDINATION):
            return self
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)


class HoursEntry(models.Model):
    """Time given to the house on one day: from a shift that was attended, or entered by
    hand (a board meeting, an event) and approved by the coordination."""

    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="hours"
    )
    day = models.DateField(_("day"))
    minutes = models.PositiveIntegerField(_("minutes"))
    description = models.CharField(_("what"), max_length=200)
    assignment = models.OneToOneField(
        "volunteers.Assignment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hours_entry",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = HoursEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-day", "-pk"]
        indexes = [models.Index(fields=["profile", "day"], name="hours_profile_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gt=0) & Q(minutes__lte=24 * 60), name="hours_within_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.day} {self.minutes} min"

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.01"))


class DatedRuleQuerySet(models.QuerySet):
    def in_force_on(self, day: dt.date) -> models.Model | None:
        return self.filter(valid_from__lte=day).order_by("-valid_from").first()


class TenureRule(models.Model):
    """What "regularly active in the house for more than a year" means, from a date on.

    A month counts as active with at least ``min_shifts_per_month`` attended shifts
    or ``min_minutes_per_month`` counted minutes. A person qualifies when their first
    counted day lies more than ``min_months`` months before the day in question and
    at least ``required_active_months`` of the last ``window_months`` full months
    were active.
    """

    valid_from = models.DateField(_("applies from"), unique=True)
    min_months = models.PositiveSmallIntegerField(_("active for more than (months)"), default=12)
    window_months = models.PositiveSmallIntegerField(_("months looked at"), default=12)
    required_active_months = models.PositiveSmallIntegerField(
        _("of which active at least"), default=9
    )
    min_shifts_per_month = models.PositiveSmallIntegerField(
        _("a month is active with at least (shifts)"), default=1
    )
    min_minutes_per_month = models.PositiveIntegerField(
        _("or with at least (minutes)"), default=4 * 60
    )

    objects = DatedRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("tenure rule")
        verbose_name_plural = _("tenure rules")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(required_active_months__lte=models.F("window_months")),
                name="tenure_required_within_window",
            )
        ]

    def __str__(self) -> str:
        return str(self.valid_from)


class TenureOverride(models.Model):
    """House management decides a person's tenure by hand, with a logged reason."""

    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="tenure_overrides"
    )
    qualifies = models.BooleanField(_("counts as a regular volunteer"))
    reason = models.CharField(_("reason"), max_length=300)
    valid_until = models.DateField(_("until"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tenure decision")
        verbose_name_plural = _("tenure decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.profile}: {self.qualifies}"


class Certificate(models.Model):
    """An issued certificate of volunteer hours (Ehrenamtsnachweis) with a code to verify."""

    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="certificates"
    )
    code = models.CharField(max_length=12, unique=True, default=new_certificate_code)
    holder_name = models.CharField(max_length=150)
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    minutes = models.PositiveIntegerField(_("minutes"))
    activities = models.TextField(_("activities"), blank=True)
    issued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate of volunteer hours")
        verbose_name_plural = _("certificates of volunteer hours")
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return self.code

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))


class AllowanceLimit(models.Model):
    """The yearly tax-free volunteer allowance (Ehrenamtspauschale, § 3 Nr. 26a EStG)."""

    valid_from = models.DateField(_("applies from"), unique=True)
    yearly_amount = models.DecimalField(_("per calendar year (€)"), max_digits=8, decimal_places=2)

    objects = DatedRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("allowance limit")
        verbose_name_plural = _("allowance limits")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.yearly_amount} € ({self.valid_from})"


class AllowancePayment(models.Model):
    profile = models.ForeignKey(
        "volunteers.VolunteerProfile", on_delete=models.CASCADE, related_name="allowances"
    )
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (€)"), max_digits=8, decimal_places=2)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("allowance payment")
        verbose_name_plural = _("allowance payments")
        ordering = ["-paid_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="allowance_positive")]

    def __str__(self) -> str:
        return f"{self.profile}: {self.amount} €"


class VolunteerCardRule(models.Model):
    """The hours a federal state's volunteer card (Ehrenamtskarte) asks for, from a date on."""

    federal_state = models.CharField(_("federal state"), max_length=2)
    card_name = models.CharField(_("card"), max_length=120)
    valid_from = models.DateField(_("applies from"))
    min_hours_per_week = models.DecimalField(
        _("hours per week at least"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    min_hours_per_year = models.PositiveIntegerField(
        _("or hours per year at least"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("volunteer card rule")
        verbose_name_plural = _("volunteer card rules")
        ordering = ["federal_state", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["federal_state", "valid_from"], name="card_rule_per_state_and_day"
            )
        ]

    def __str__(self) -> str:
        return self.card_name
