"""House management's decision on an organisation's booker category.

An organisation's papers decide its category (kind, city, exemption notice:
``rooms.fees.classify_organisation``). Some do not fit: a neighbourhood initiative
without a tax-exemption notice works for the common good and the house's rules
treat it as a local non-profit. House management records that here, with a reason
and a date by which it looks at the decision again; the quote names the decision.
Kept on the rooms side, keyed by the organisation, so the directory stays as it is.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.fees import BookerCategory
from rooms.fees.conditions import HouseCategory


class OrganisationCategoryQuerySet(models.QuerySet["OrganisationCategory"]):
    def due_for_review(self, today: dt.date) -> OrganisationCategoryQuerySet:
        """Decisions past their review date: flagged for house management."""
        return self.filter(review_on__lt=today)


class OrganisationCategory(models.Model):
    organisation = models.OneToOneField(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="room_category",
    )
    category = models.CharField(_("booker category"), max_length=24, choices=BookerCategory.choices)
    reason = models.CharField(
        _("reason"),
        max_length=200,
        help_text=_(
            "Shown on every quote, e.g. “Neighbourhood initiative without an exemption notice”."
        ),
    )
    review_on = models.DateField(
        _("review by"),
        null=True,
        blank=True,
        help_text=_("House management looks at the decision again by this date."),
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set on"), default=timezone.now)

    objects = OrganisationCategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation's booker category")
        verbose_name_plural = _("organisations' booker categories")
        ordering = ["review_on", "organisation__name"]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_category_display()}"

    def is_due(self, today: dt.date | None = None) -> bool:
        return self.review_on is not None and self.review_on < (today or timezone.localdate())

    def as_house_category(self) -> HouseCategory:
        return HouseCategory(self.category, self.reason, self.review_on)
