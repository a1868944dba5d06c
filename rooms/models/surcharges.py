"""Surcharges of a fee rule by weekday and time of day (evening, weekend).

Data kept by house management with the fee rule (an inline in the fee rule's admin
page); the engine (:class:`rooms.fees.conditions.Surcharge`) prices them and the quote
shows each as a line in the reader's language.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.translated import TranslatedFields
from rooms.fees.conditions import Surcharge


def validate_weekdays(value: object) -> None:
    if (
        not isinstance(value, list)
        or not value
        or any(not isinstance(day, int) or not 0 <= day <= 6 for day in value)
    ):
        raise ValidationError(_("Choose at least one weekday."))


class FeeSurcharge(TranslatedFields, models.Model):
    rule = models.ForeignKey(
        "rooms.FeeRule",
        verbose_name=_("fee rule"),
        on_delete=models.CASCADE,
        related_name="surcharges",
    )
    name = models.CharField(
        _("name on the quote"), max_length=80, help_text=_("E.g. “Abendzuschlag”.")
    )
    name_en = models.CharField(
        _("name on the quote (English)"),
        max_length=80,
        blank=True,
        help_text=_("Empty: the German text is shown."),
    )
    weekdays = models.JSONField(
        _("weekdays"),
        default=list,
        validators=[validate_weekdays],
        help_text=_("0 = Monday … 6 = Sunday, e.g. [5, 6] for the weekend."),
    )
    starts = models.TimeField(_("from"), default="00:00")
    ends = models.TimeField(
        _("until"), null=True, blank=True, help_text=_("Empty: until midnight.")
    )
    percent = models.DecimalField(
        _("surcharge in % of the room price"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(0),
    )
    per_hour = models.DecimalField(
        _("amount per hour (net)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Charged even for free use, e.g. a caretaker at the weekend."),
    )

    class Meta:
        verbose_name = _("surcharge")
        verbose_name_plural = _("surcharges")
        ordering = ["rule", "starts", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(per_hour__gte=0),
                name="feesurcharge_no_negative_amounts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def as_surcharge(self) -> Surcharge:
        return Surcharge(
            name=self.name,
            name_en=self.name_en,
            weekdays=frozenset(int(day) for day in self.weekdays),
            starts=self.starts,
            ends=self.ends,
            percent=self.percent,
            per_hour=self.per_hour,
        )
