"""The equipment the house lends (projector, moderation case, cargo bike) and its loans.

One item is never lent twice at the same time: every loan that holds its item
(reserved or out) spans ``[starts, ends)``; on PostgreSQL the exclusion
constraint ``loan_no_overlap`` (migration 0002) makes overlapping loans of one
item impossible, as rooms' occupancies do. A loan returned early gives the rest
of its span back (``ends`` becomes the moment of return); a cancelled loan holds
nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.models import Booking, FeeRule

if TYPE_CHECKING:
    from house.models import User

#: The longest loan; keeps the overlap query on the (item, starts) index.
MAX_LOAN_SPAN = dt.timedelta(days=31)


class LendableItemQuerySet(models.QuerySet["LendableItem"]):
    def lendable(self) -> LendableItemQuerySet:
        return self.filter(is_lendable=True)

    def free_between(self, starts: dt.datetime, ends: dt.datetime) -> LendableItemQuerySet:
        """Lendable items that no holding loan occupies within ``[starts, ends)``."""
        taken = Loan.objects.holding().overlapping(starts, ends).values("item")
        return self.lendable().exclude(pk__in=taken)


class LendableItem(models.Model):
    """A piece of equipment the house lends, as house management describes it."""

    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    fee_rule = models.ForeignKey(
        FeeRule,
        verbose_name=_("fee rule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lendable_items",
        help_text=_(
            "Empty: lent free of charge. Per hour, half day, day or flat, as the rule says."
        ),
    )
    is_lendable = models.BooleanField(_("can be lent"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = LendableItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("lendable item")
        verbose_name_plural = _("lendable items")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class LoanQuerySet(models.QuerySet["Loan"]):
    def holding(self) -> LoanQuerySet:
        return self.filter(state__in=Loan.HOLDING_STATES)

    def overlapping(self, starts: dt.datetime, ends: dt.datetime) -> LoanQuerySet:
        return self.filter(starts__lt=ends, ends__gt=starts, starts__gt=starts - MAX_LOAN_SPAN)

    def for_lists(self) -> LoanQuerySet:
        return self.select_related("item", "organisation", "booking__room", "borrower")

    def visible_to(self, user: User) -> LoanQuerySet:
        """The front desk sees every loan; tenant members their organisation's."""
        from house.permissions import can_use_reception

        if not user.is_authenticated:
            return self.none()
        if can_use_reception(user):
            return self
        return self.filter(Q(organisation__memberships__user=user) | Q(borrower=user)).distinct()


class Loan(models.Model):
    """One item lent from ``starts`` to ``ends``: on its own to an organisation, or with a
    room booking (then for the booking's time)."""

    class State(models.TextChoices):
        RESERVED = "reserved", _("Reserved")
        OUT = "out", _("Handed out")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")

    #: States whose loans hold their item.
    HOLDING_STATES = (State.RESERVED, State.OUT)

    item = models.ForeignKey(
        LendableItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="loans"
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.RESERVED
    )
    starts = models.DateTimeField(_("from"))
    ends = models.DateTimeField(_("due back"))
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="loans",
    )
    booking = models.ForeignKey(
        Booking,
        verbose_name=_("room booking"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="loans",
    )
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("borrowed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="loans",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    net = models.DecimalField(_("net"), max_digits=9, decimal_places=2, default=Decimal(0))
    vat_rate = models.DecimalField(
        _("VAT rate in %"), max_digits=4, decimal_places=2, default=Decimal(0)
    )
    handed_out_at = models.DateTimeField(_("handed out"), null=True, blank=True)
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["starts", "item"]
        indexes = [
            models.Index(fields=["item", "starts"]),
            models.Index(fields=["state", "ends"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(ends__gt=models.F("starts")), name="loan_positive"),
            models.CheckConstraint(
                condition=Q(organisation__isnull=False) | Q(booking__isnull=False),
                name="loan_has_a_borrower",
            ),
            models.CheckConstraint(condition=Q(net__gte=0), name="loan_no_negative_price"),
        ]

    def __str__(self) -> str:
        return f"{self.item} {timezone.localtime(self.starts):%d.%m.%Y %H:%M}"

    @property
    def is_holding(self) -> bool:
        return self.state in self.HOLDING_STATES

    @property
    def is_overdue(self) -> bool:
        return self.state == self.State.OUT and self.ends < timezone.now()

    @property
    def gross(self) -> Decimal:
        from rooms.fees import money

        return self.net + money(self.net * self.vat_rate / 100)

    @property
    def borrower_label(self) -> str:
        if self.organisation is not None:
            return str(self.organisation)
        if self.booking is not None:
            return self.booking.booker_label
        return ""
