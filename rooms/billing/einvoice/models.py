"""What the electronic invoice needs beyond the invoice itself.

:class:`BillingProfile` holds, per booking organisation, whether it is a
public-sector body that must receive an XRechnung, and its Leitweg-ID. It is
the house's record of how to invoice the organisation, kept on the billing
side; house management edits it. A Leitweg-ID names an authority's mailbox,
not a person.

:class:`EInvoiceFacts` freezes, when an invoice is issued, the structured
parts the XML states and the invoice row does not hold apart: the syntax the
booker receives, the document type, the Leitweg-ID of that day, the preceding
invoice, and the postal addresses split into street, postcode and city. Like
the invoice, it never changes once written.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rooms.billing.einvoice.leitweg import MAX_LENGTH, validate_leitweg_id


class ImmutableFactsError(Exception):
    """The frozen facts of an issued e-invoice were about to change."""


class BillingProfile(models.Model):
    """How the house invoices one organisation electronically."""

    organisation = models.OneToOneField(
        "tenants.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="billing_profile",
    )
    public_sector = models.BooleanField(
        _("public-sector body"),
        default=False,
        help_text=_(
            "Receives its invoices as XRechnung (e.g. the city, the district, the job centre)."
        ),
    )
    leitweg_id = models.CharField(
        _("Leitweg-ID"),
        max_length=MAX_LENGTH,
        blank=True,
        validators=[validate_leitweg_id],
        help_text=_(
            "The buyer reference the authority gave with its order, e.g. 04011000-1234512345-06."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        app_label = "billing"
        verbose_name = _("billing profile")
        verbose_name_plural = _("billing profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(public_sector=False) | ~models.Q(leitweg_id=""),
                name="billingprofile_public_sector_has_leitweg_id",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)


class EInvoiceFacts(models.Model):
    """The structured facts of one issued invoice's electronic form, frozen with it."""

    class Syntax(models.TextChoices):
        XRECHNUNG = "xrechnung", _("XRechnung")
        ZUGFERD = "zugferd", _("ZUGFeRD")

    invoice = models.OneToOneField(
        "billing.Invoice",
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        primary_key=True,
        related_name="einvoice_facts",
    )
    syntax = models.CharField(_("format"), max_length=10, choices=Syntax.choices)
    type_code = models.CharField(_("document type (UNTDID 1001)"), max_length=3)
    buyer_reference = models.CharField(_("buyer reference"), max_length=MAX_LENGTH, blank=True)
    preceding_number = models.CharField(_("preceding invoice"), max_length=30, blank=True)
    preceding_issued_on = models.DateField(
        _("date of the preceding invoice"), null=True, blank=True
    )
    seller = models.JSONField(_("seller"), default=dict)
    buyer = models.JSONField(_("buyer"), default=dict)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        app_label = "billing"
        verbose_name = _("e-invoice facts")
        verbose_name_plural = _("e-invoice facts")

    def __str__(self) -> str:
        return f"{self.invoice_id} ({self.syntax})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableFactsError("The facts of an issued e-invoice cannot change.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ImmutableFactsError("The facts of an issued e-invoice cannot be deleted.")
