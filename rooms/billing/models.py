"""Invoices of the conference centre, their lines and the payments received.

An invoice is a record the house must keep unchanged (GoBD, § 147 AO): once
issued, no row of :class:`Invoice` or :class:`InvoiceLine` is changed or
deleted. A mistake is corrected by a cancellation invoice that references the
original (its amounts negated) and, where needed, a new invoice. Whether an
invoice is open, paid, overdue or cancelled follows from its payments and its
cancellation, so the invoice row itself never needs to change.

Invoice numbers are gap-free per year: the issuing service takes the
``billing.invoice_number`` lock of the year, reads the highest sequence and
writes the next one in the same transaction; a unique constraint on
(year, sequence) guards the count at the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.fees import money

if TYPE_CHECKING:
    from house.models import User

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class VatGroup:
    """Net and VAT of the lines at one rate."""

    rate: Decimal
    net: Decimal
    vat: Decimal


class ImmutableRecordError(Exception):
    """An issued invoice (or one of its lines) was about to be changed or deleted."""


class BillingSettings(models.Model):
    """What the house's invoices state about the house as issuer. There is one row (pk 1)."""

    legal_name = models.CharField(
        _("legal name of the issuer"),
        max_length=200,
        blank=True,
        help_text=_("As registered, e.g. “Treppe 4 e.V.”; the house's name when empty."),
    )
    tax_number = models.CharField(_("tax number"), max_length=40, blank=True)
    vat_id = models.CharField(_("VAT identification number"), max_length=20, blank=True)
    exemption_note = models.CharField(
        _("VAT exemption note"),
        max_length=300,
        default="Steuerfreie Leistung nach § 4 Nr. 12 Buchst. a UStG.",
        help_text=_("Stated on every invoice with services at 0 % VAT (fee rules without VAT)."),
    )
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    payment_days = models.PositiveSmallIntegerField(_("days until payment is due"), default=14)
    number_prefix = models.CharField(_("prefix of invoice numbers"), max_length=10, default="RE")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("invoice settings")
        verbose_name_plural = _("invoice settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="billingsettings_singleton")]

    def __str__(self) -> str:
        return str(_("Invoice settings"))

    @classmethod
    def current(cls) -> BillingSettings:
        found, _created = cls.objects.get_or_create(pk=1)
        return found

    @property
    def has_tax_identity(self) -> bool:
        return bool(self.tax_number.strip() or self.vat_id.strip())


class InvoiceQuerySet(models.QuerySet["Invoice"]):
    def with_status(self) -> InvoiceQuerySet:
        """Each invoice with ``paid_total`` and ``is_cancelled``, read in the same query."""
        return self.annotate(
            paid_total=Coalesce(Sum("payments__amount"), Value(ZERO)),
            is_cancelled=Exists(Invoice.objects.filter(cancels=OuterRef("pk"))),
        ).order_by("-year", "-sequence")

    def for_lists(self) -> InvoiceQuerySet:
        return self.select_related("booking__room", "organisation").with_status()

    def active(self) -> InvoiceQuerySet:
        """Invoices (not cancellation invoices) that no cancellation has undone."""
        return self.filter(kind=Invoice.Kind.INVOICE).exclude(
            Exists(Invoice.objects.filter(cancels=OuterRef("pk")))
        )

    def visible_to(self, user: User) -> InvoiceQuerySet:
        """The front desk sees every invoice; members their organisation's; a private
        booker the invoices of their own bookings."""
        from house.permissions import can_use_reception

        if not user.is_authenticated:
            return self.none()
        if can_use_reception(user):
            return self
        return self.of_booker(user)

    def of_booker(self, user: User) -> InvoiceQuerySet:
        """The invoices of the user's organisations and of their private bookings."""
        from tenants.models import Membership

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(organisation__in=Membership.objects.filter(user=user).values("organisation"))
            | Q(organisation__isnull=True, booking__person=user)
        )


class Invoice(models.Model):
    """One invoice (or cancellation invoice) as issued: every field is frozen."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CANCELLATION = "cancellation", _("Cancellation invoice")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        OVERDUE = "overdue", _("Overdue")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")
        SETTLED = "settled", _("Cancellation")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INVOICE)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("running number"))
    number = models.CharField(_("invoice number"), max_length=30, unique=True)
    booking = models.ForeignKey(
        "rooms.Booking",
        verbose_name=_("booking"),
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    organisation = models.ForeignKey(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="invoices",
    )
    cancels = models.OneToOneField(
        "self",
        verbose_name=_("cancels invoice"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cancellation",
    )
    reason = models.CharField(_("reason for the cancellation"), max_length=300, blank=True)
    issued_on = models.DateField(_("invoice date"))
    service_date = models.DateField(_("date of service"))
    due_on = models.DateField(_("due on"))
    issuer_name = models.CharField(_("issuer"), max_length=200)
    issuer_address = models.CharField(_("issuer's address"), max_length=300)
    issuer_tax_number = models.CharField(_("tax number"), max_length=40, blank=True)
    issuer_vat_id = models.CharField(_("VAT identification number"), max_length=20, blank=True)
    recipient_name = models.CharField(_("recipient"), max_length=200)
    recipient_address = models.TextField(_("recipient's address"), blank=True)
    recipient_email = models.EmailField(_("recipient's e-mail address"), blank=True)
    service_description = models.CharField(_("service"), max_length=300)
    net = models.DecimalField(_("net"), max_digits=10, decimal_places=2)
    vat = models.DecimalField(_("VAT"), max_digits=10, decimal_places=2)
    gross = models.DecimalField(_("gross"), max_digits=10, decimal_places=2)
    vat_exempt = models.BooleanField(_("exempt from VAT"), default=False)
    exemption_note = models.CharField(_("VAT exemption note"), max_length=300, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="invoice_number_once_per_year"
            ),
            models.CheckConstraint(
                condition=Q(kind="invoice", cancels__isnull=True, gross__gte=0)
                | Q(kind="cancellation", cancels__isnull=False, gross__lte=0),
                name="invoice_cancellation_references_original",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "issued_on"]),
            models.Index(fields=["booking", "kind"]),
        ]

    def __str__(self) -> str:
        return self.number

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecordError(f"Invoice {self.number} is issued and cannot change.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("billing:invoice", kwargs={"pk": self.pk})

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecordError(f"Invoice {self.number} is issued and cannot be deleted.")

    @property
    def is_cancellation(self) -> bool:
        return self.kind == self.Kind.CANCELLATION

    def _paid(self) -> Decimal:
        value = getattr(self, "paid_total", None)
        if value is None:
            value = self.payments.aggregate(total=Sum("amount"))["total"] or ZERO
        return Decimal(value)

    def _cancelled(self) -> bool:
        value = getattr(self, "is_cancelled", None)
        if value is None:
            value = Invoice.objects.filter(cancels=self).exists()
        return bool(value)

    @property
    def paid(self) -> Decimal:
        return self._paid()

    @property
    def outstanding(self) -> Decimal:
        if self.is_cancellation or self._cancelled():
            return ZERO
        return max(ZERO, self.gross - self._paid())

    def status_on(self, day: dt.date) -> str:
        if self.is_cancellation:
            return self.Status.SETTLED
        if self._cancelled():
            return self.Status.CANCELLED
        if self._paid() >= self.gross:
            return self.Status.PAID
        if self.due_on < day:
            return self.Status.OVERDUE
        return self.Status.OPEN

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    def vat_groups(self) -> list[VatGroup]:
        """Net and VAT per rate, as the invoice states them (§ 14 (4) no. 8 UStG)."""
        groups: dict[Decimal, list[Decimal]] = {}
        for line in self.lines.all():
            groups.setdefault(line.vat_rate, []).append(line.net)
        return [
            VatGroup(
                rate=rate,
                net=money(sum(nets, ZERO)),
                vat=money(sum(nets, ZERO) * rate / 100),
            )
            for rate, nets in sorted(groups.items())
        ]


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    position = models.PositiveSmallIntegerField(_("position"))
    description = models.CharField(_("description"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=9, decimal_places=2, default=1)
    unit = models.CharField(_("unit"), max_length=20, default="C62")
    unit_price = models.DecimalField(_("unit price"), max_digits=10, decimal_places=2)
    net = models.DecimalField(_("net"), max_digits=10, decimal_places=2)
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoiceline_position")
        ]

    def __str__(self) -> str:
        return self.description

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableRecordError("An issued invoice's lines cannot change.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableRecordError("An issued invoice's lines cannot be deleted.")


class Payment(models.Model):
    """Money received for an invoice, as house management recorded it."""

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=140, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")
        ]

    def __str__(self) -> str:
        return f"{self.amount} € ({self.paid_on:%d.%m.%Y})"


# The electronic invoice's tables live with its code; importing them here registers them.
from rooms.billing.einvoice.models import BillingProfile, EInvoiceFacts  # noqa: E402, F401

# The records of the business after the invoice (payments from statements, deposits,
# reminders, collective invoices, accounting) live in their own module.
from rooms.billing.operations.models import (  # noqa: E402, F401
    AccountingSettings,
    BankEntry,
    BankStatement,
    CollectiveInvoiceBooking,
    Deposit,
    OrganisationBilling,
    Reminder,
    RevenueAccount,
)
