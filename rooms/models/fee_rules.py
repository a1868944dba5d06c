"""Fee rules: what a room costs whom, for which use, from which day, as data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from house.translated import TranslatedFields
from rooms.fees import BookerCategory, Pricing, Purpose
from rooms.models.rooms import Room

if TYPE_CHECKING:
    pass


class FeeRuleQuerySet(models.QuerySet["FeeRule"]):
    def valid_on(self, day: dt.date) -> FeeRuleQuerySet:
        return self.filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day), valid_from__lte=day
        )

    def for_room(self, room: Room) -> FeeRuleQuerySet:
        return self.filter(Q(room__isnull=True) | Q(room=room))

    def best_first(self) -> FeeRuleQuerySet:
        """Room-specific rules win over rules for all rooms; newer rules win over older ones."""
        return self.order_by(models.F("room").asc(nulls_last=True), "-valid_from", "-pk")

    def effective_for(self, room: Room, day: dt.date) -> list[FeeRule]:
        """The one rule per booker category and purpose that prices ``room`` on ``day``."""
        chosen: dict[tuple[str, str], FeeRule] = {}
        for rule in self.valid_on(day).for_room(room).best_first():
            chosen.setdefault((rule.category, rule.purpose), rule)
        order = {value: i for i, value in enumerate(BookerCategory.values)}
        purposes = {value: i for i, value in enumerate(Purpose.values)}
        return sorted(
            chosen.values(), key=lambda r: (order.get(r.category, 99), purposes.get(r.purpose, 99))
        )


class FeeRule(TranslatedFields, models.Model):
    """Who pays what for which use of which room: data kept by house management."""

    name = models.CharField(_("name"), max_length=120)
    category = models.CharField(_("booker category"), max_length=24, choices=BookerCategory.choices)
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="fee_rules",
        help_text=_("Empty: the rule applies to all rooms."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    pricing = models.CharField(_("pricing"), max_length=16, choices=Pricing.choices)
    amount = models.DecimalField(
        _("price (net)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal(0),
        help_text=_("Per hour, per half day, per day or flat, depending on the pricing."),
    )
    day_amount = models.DecimalField(
        _("day price (net)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("For half-day pricing: the price beyond 4 hours (empty: twice the half day)."),
    )
    equipment_fee = models.DecimalField(
        _("media equipment fee"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    catering_fee = models.DecimalField(
        _("catering service fee"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    cleaning_fee = models.DecimalField(
        _("cleaning fee"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    deposit = models.DecimalField(
        _("refundable deposit"), max_digits=8, decimal_places=2, default=Decimal(0)
    )
    vat_rate = models.DecimalField(
        _("VAT rate in %"), max_digits=4, decimal_places=2, default=Decimal(0)
    )
    free_hours_per_month = models.PositiveSmallIntegerField(
        _("free hours per month"),
        default=0,
        help_text=_("Tenants' free monthly quota; only hours beyond it are charged."),
    )
    quota_purposes = models.JSONField(
        _("purposes the free quota covers"),
        default=list,
        blank=True,
        help_text=_(
            "Bookings of these purposes use up the free hours. Empty: only the rule's own "
            "purpose (a tenant's commercial event does not use up its non-profit hours)."
        ),
    )
    reason = models.CharField(
        _("reason shown on the quote"),
        max_length=200,
        help_text=_("Plain language, e.g. “Non-profit association from Kassel: free of charge”."),
    )
    reason_en = models.CharField(
        _("reason shown on the quote (English)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the German text is shown."),
    )

    objects = FeeRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("fee rule")
        verbose_name_plural = _("fee rules")
        ordering = ["category", "purpose", "valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="feerule_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0)
                & Q(equipment_fee__gte=0)
                & Q(catering_fee__gte=0)
                & Q(cleaning_fee__gte=0)
                & Q(deposit__gte=0)
                & Q(vat_rate__gte=0),
                name="feerule_no_negative_amounts",
            ),
            models.CheckConstraint(
                condition=Q(day_amount__isnull=True) | Q(day_amount__gte=models.F("amount")),
                name="feerule_day_not_cheaper_than_half_day",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def price_label(self) -> str:
        """The price in a few words, e.g. “12,00 € per hour, 10 free hours a month”."""
        from django.utils.formats import number_format
        from django.utils.translation import gettext as _

        amount = number_format(self.amount, 2)
        if self.pricing == Pricing.FREE:
            label = _("free of charge")
        elif self.pricing == Pricing.HOURLY:
            label = _("%(amount)s € per hour") % {"amount": amount}
        elif self.pricing == Pricing.HALF_DAY:
            day = number_format(
                self.day_amount if self.day_amount is not None else 2 * self.amount, 2
            )
            label = _("%(amount)s € per half day, %(day)s € per day") % {
                "amount": amount,
                "day": day,
            }
        elif self.pricing == Pricing.DAY:
            label = _("%(amount)s € per day") % {"amount": amount}
        else:
            label = _("flat fee of %(amount)s €") % {"amount": amount}
        if self.free_hours_per_month:
            label += ", " + _("%(hours)s free hours a month") % {"hours": self.free_hours_per_month}
        if self.cleaning_fee:
            label += ", " + _("cleaning %(amount)s €") % {
                "amount": number_format(self.cleaning_fee, 2)
            }
        if self.deposit:
            label += ", " + _("deposit %(amount)s €") % {"amount": number_format(self.deposit, 2)}
        if self.vat_rate and self.pricing != Pricing.FREE:
            label += " " + _("plus %(rate)s %% VAT") % {"rate": number_format(self.vat_rate, 0)}
        return label

    def as_tariff(self):  # -> rooms.fees.Tariff
        from rooms.fees import Tariff, quota_purposes

        return Tariff(
            name=self.name,
            reason=self.reason,
            reason_en=self.reason_en,
            pricing=self.pricing,
            amount=self.amount,
            day_amount=self.day_amount,
            equipment_fee=self.equipment_fee,
            catering_fee=self.catering_fee,
            cleaning_fee=self.cleaning_fee,
            deposit=self.deposit,
            vat_rate=self.vat_rate,
            free_minutes_per_month=self.free_hours_per_month * 60,
            quota_purposes=quota_purposes(self.purpose, self.quota_purposes or []),
            # Reads the prefetched rows when the caller prefetched ``surcharges``.
            surcharges=tuple(row.as_surcharge() for row in self.surcharges.all())
            if self.pk
            else (),
            rule_id=self.pk,
        )
