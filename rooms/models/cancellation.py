"""The cancellation terms of a fee rule: a few tiers kept by house management."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rooms.fees.cancellation import CancellationTerms
from rooms.models.fee_rules import FeeRule


class CancellationTierQuerySet(models.QuerySet["CancellationTier"]):
    def terms_of(self, rule_id: int | None) -> CancellationTerms:
        """The terms of the fee rule ``rule_id`` (none: free cancellation)."""
        if rule_id is None:
            return CancellationTerms()
        return CancellationTerms.of(
            list(self.filter(fee_rule_id=rule_id).order_by().values_list("days_before", "percent"))
        )


class CancellationTier(models.Model):
    """From ``days_before`` calendar days before the start on, ``percent`` of the price."""

    fee_rule = models.ForeignKey(
        FeeRule,
        verbose_name=_("fee rule"),
        on_delete=models.CASCADE,
        related_name="cancellation_tiers",
    )
    days_before = models.PositiveSmallIntegerField(
        _("from days before the start"),
        help_text=_("E.g. 3: cancelled 3 days before the start or later."),
    )
    percent = models.PositiveSmallIntegerField(_("share of the price in %"))

    objects = CancellationTierQuerySet.as_manager()

    class Meta:
        verbose_name = _("cancellation tier")
        verbose_name_plural = _("cancellation terms")
        ordering = ["fee_rule", "-days_before"]
        constraints = [
            models.UniqueConstraint(
                fields=["fee_rule", "days_before"], name="cancellation_tier_once_per_day"
            ),
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="cancellation_tier_at_most_all"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fee_rule}: {self.days_before} → {self.percent} %"
