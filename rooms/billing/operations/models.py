"""Records of the centre's business after the invoice.

Bank entries, deposits and reminders are accounting records: once written they
are only ever moved forward (an open bank entry is matched or set aside; a held
deposit is returned or kept), each step in the activity log.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.billing.models import Invoice, Payment


class AccountingSettings(models.Model):
    """Reminders, collective invoices and the accounting export. There is one row (pk 1)."""

    first_reminder_days = models.PositiveSmallIntegerField(
        _("days after the due date until the first reminder"), default=14
    )
    second_reminder_days = models.PositiveSmallIntegerField(
        _("days after the first reminder until the second"), default=14
    )
    reminder_fee = models.DecimalField(
        _("reminder fee of the second reminder (€)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0.00"),
        help_text=_("0: reminders cost nothing."),
    )
    collective_by_default = models.BooleanField(
        _("organisations get one collective invoice per month"),
        default=False,
        help_text=_("Unless an organisation is set otherwise."),
    )
    consultant_number = models.PositiveIntegerField(
        _("DATEV consultant number"), default=1001, help_text=_("Beraternummer")
    )
    client_number = models.PositiveIntegerField(
        _("DATEV client number"), default=1, help_text=_("Mandantennummer")
    )
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("first month of the fiscal year"), default=1
    )
    account_length = models.PositiveSmallIntegerField(_("length of the ledger accounts"), default=4)
    chart_of_accounts = models.CharField(_("chart of accounts"), max_length=2, default="03")
    debtor_account = models.CharField(
        _("debtor account"), max_length=9, default="10000", help_text=_("Collective debtor.")
    )
    bank_account = models.CharField(_("bank account"), max_length=9, default="1200")
    revenue_account = models.CharField(_("revenue account (default)"), max_length=9, default="8400")
    tax_key = models.CharField(_("tax key (default)"), max_length=4, blank=True)
    exempt_revenue_account = models.CharField(
        _("revenue account of VAT-free services"), max_length=9, default="8100"
    )

    class Meta:
        verbose_name = _("accounting settings")
        verbose_name_plural = _("accounting settings")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="accountingsettings_singleton")
        ]

    def __str__(self) -> str:
        return str(_("Accounting settings"))

    @classmethod
    def current(cls) -> AccountingSettings:
        found, _created = cls.objects.get_or_create(pk=1)
        return found


class RevenueAccount(models.Model):
    """The revenue account and tax key of what one fee rule earns."""

    fee_rule = models.OneToOneField(
        "rooms.FeeRule",
        verbose_name=_("fee rule"),
        on_delete=models.CASCADE,
        related_name="revenue_account",
    )
    account = models.CharField(_("revenue account"), max_length=9)
    tax_key = models.CharField(_("tax key"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("revenue account")
        verbose_name_plural = _("revenue accounts")

    def __str__(self) -> str:
        return f"{self.fee_rule}: {self.account}"


class OrganisationBilling(models.Model):
    """How one organisation is invoiced, where it differs from the house's default."""

    class Collective(models.TextChoices):
        DEFAULT = "default", _("As the house's default")
        MONTHLY = "monthly", _("One collective invoice per month")
        SINGLE = "single", _("One invoice per booking")

    organisation = models.OneToOneField(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="billing_preference",
    )
    collective = models.CharField(
        _("invoicing"), max_length=16, choices=Collective.choices, default=Collective.DEFAULT
    )

    class Meta:
        verbose_name = _("invoicing of an organisation")
        verbose_name_plural = _("invoicing of organisations")

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_collective_display()}"


class CollectiveInvoiceBooking(models.Model):
    """One booking on a collective invoice: the invoice line ``position`` is its line."""

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="collected_bookings"
    )
    booking = models.ForeignKey(
        "rooms.Booking", on_delete=models.PROTECT, related_name="collective_invoice_links"
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("booking on a collective invoice")
        verbose_name_plural = _("bookings on collective invoices")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "booking"], name="collective_booking_once")
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}/{self.position}"


class BankStatement(models.Model):
    """One uploaded statement file (CAMT.053 or a bank's CSV export)."""

    class Format(models.TextChoices):
        CAMT = "camt053", "CAMT.053"
        CSV = "csv", "CSV"

    filename = models.CharField(_("file"), max_length=200)
    file_format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    digest = models.CharField(_("checksum"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class BankEntryQuerySet(models.QuerySet["BankEntry"]):
    def unmatched(self) -> BankEntryQuerySet:
        return self.filter(state=BankEntry.State.OPEN)


class BankEntry(models.Model):
    """One credit on the house's account, as a statement listed it."""

    class State(models.TextChoices):
        OPEN = "open", _("To be matched")
        MATCHED = "matched", _("Matched")
        IGNORED = "ignored", _("Not an invoice payment")

    statement = models.ForeignKey(BankStatement, on_delete=models.PROTECT, related_name="entries")
    fingerprint = models.CharField(max_length=64, unique=True, editable=False)
    booked_on = models.DateField(_("booked on"))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    counterparty = models.CharField(_("from"), max_length=140, blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    reference = models.CharField(_("reference"), max_length=500, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    payment = models.OneToOneField(
        Payment,
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bank_entry",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = BankEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("bank entry")
        verbose_name_plural = _("bank entries")
        ordering = ["booked_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="bankentry_credit_only")
        ]

    def __str__(self) -> str:
        return f"{self.booked_on:%d.%m.%Y} {self.amount} €"


class Deposit(models.Model):
    """The refundable deposit of one booking: held, then returned or kept (in part)."""

    class State(models.TextChoices):
        HELD = "held", _("Held")
        RETURNED = "returned", _("Returned")
        KEPT = "kept", _("Kept in part or in full")

    booking = models.OneToOneField(
        "rooms.Booking",
        verbose_name=_("booking"),
        on_delete=models.PROTECT,
        related_name="deposit_record",
    )
    amount = models.DecimalField(_("deposit"), max_digits=9, decimal_places=2)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.HELD)
    received_on = models.DateField(_("received on"))
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    kept_amount = models.DecimalField(
        _("kept"), max_digits=9, decimal_places=2, default=Decimal("0.00")
    )
    reason = models.CharField(_("reason for keeping it"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("deposit")
        verbose_name_plural = _("deposits")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0, kept_amount__gte=0, kept_amount__lte=models.F("amount")),
                name="deposit_kept_within_amount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.amount} €"

    @property
    def returned_amount(self) -> Decimal:
        if self.state == self.State.HELD:
            return Decimal("0.00")
        return self.amount - self.kept_amount


class Reminder(models.Model):
    """A payment reminder sent for an overdue invoice (level 1, then level 2)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="reminders")
    level = models.PositiveSmallIntegerField(_("level"))
    sent_on = models.DateField(_("sent on"))
    outstanding = models.DecimalField(_("outstanding"), max_digits=10, decimal_places=2)
    fee = models.DecimalField(_("fee"), max_digits=6, decimal_places=2, default=Decimal("0.00"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["invoice", "level"]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "level"], name="reminder_once_per_level"),
            models.CheckConstraint(condition=Q(level__in=[1, 2]), name="reminder_level_1_or_2"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice_id}/{self.level}"
