"""Action types the invoices write to the activity log.

Amounts are stored as decimal strings ("214.20") and dates in ISO form; the
history writes them the reader's way ("214,20", "30.11.2026").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from house.activity import register_actions


def money(value: object) -> str:
    amount = Decimal(str(value).replace(",", "."))  # older entries: written the German way
    return formats.number_format(amount, 2, use_l10n=True, force_grouping=True)


def day(value: object) -> str:
    text = str(value)
    if "." in text:  # older entries: written the German way already
        return text
    return formats.date_format(dt.date.fromisoformat(text), "SHORT_DATE_FORMAT")


register_actions(
    {
        "billing.invoice.issued": _("Invoice %(number)s issued over %(gross)s €"),
        "billing.invoice.cancelled": _(
            "Invoice %(number)s cancelled by %(cancellation)s: %(reason)s"
        ),
        "billing.invoice.replaces": _("Issued in place of invoice %(number)s"),
        "billing.payment.recorded": _("Payment of %(amount)s € recorded (paid on %(paid_on)s)"),
        "billing.settings.changed": _("Invoice settings changed"),
        "billing.profile.changed": _(
            "E-invoices for %(organisation)s: %(public_sector)s, Leitweg-ID %(leitweg_id)s"
        ),
    },
    value_formats={"gross": money, "amount": money, "paid_on": day},
)
