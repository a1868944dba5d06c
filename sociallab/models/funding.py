"""Funding: sources with their deadlines and each venture's applications and reports."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sociallab.models.ventures import Venture


class FundingSource(models.Model):
    name = models.CharField(_("name"), max_length=200)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    url = models.URLField(_("web address"), blank=True)
    next_deadline = models.DateField(_("next deadline"), null=True, blank=True)
    notes = models.TextField(_("what it funds"), blank=True)

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["next_deadline", "name"]

    def __str__(self) -> str:
        return self.name


class FundingApplication(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SUBMITTED = "submitted", _("Submitted")
        GRANTED = "granted", _("Granted")
        REFUSED = "refused", _("Refused")

    venture = models.ForeignKey(
        Venture, on_delete=models.CASCADE, related_name="funding_applications"
    )
    source = models.ForeignKey(FundingSource, on_delete=models.PROTECT, related_name="applications")
    amount = models.DecimalField(_("amount applied for (EUR)"), max_digits=10, decimal_places=2)
    granted = models.DecimalField(
        _("amount granted (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="sociallab_funding_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(granted__isnull=True) | Q(status="granted"),
                name="sociallab_granted_amount_only_when_granted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.amount} EUR)"


class FundingReport(models.Model):
    """A report a funder expects by a date; payments follow its approval."""

    funding = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="reports"
    )
    title = models.CharField(_("report"), max_length=200)
    due_on = models.DateField(_("due on"))
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("funding report")
        verbose_name_plural = _("funding reports")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return self.title
