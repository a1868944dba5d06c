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
        "billing.statement.imported": _(
            "Bank statement %(filename)s imported: %(new)s new credits, %(matched)s matched"
        ),
        "billing.bank_entry.matched": _(
            "Credit of %(amount)s € booked on invoice %(number)s (%(how)s)"
        ),
        "billing.bank_entry.set_aside": _(
            "Credit of %(amount)s € set aside (not an invoice payment): %(note)s"
        ),
        "billing.reminder.sent": _(
            "Reminder %(level)s sent over %(amount)s € still open (to %(email)s)"
        ),
        "billing.deposit.held": _("Deposit of %(amount)s € received on %(on)s"),
        "billing.deposit.returned": _("Deposit of %(amount)s € returned on %(on)s"),
        "billing.deposit.kept": _(
            "%(kept)s € of the deposit kept (%(reason)s), %(amount)s € returned"
        ),
        "billing.invoice.collective": _(
            "Collective invoice %(number)s issued over %(gross)s € for %(count)s bookings"
        ),
        "billing.collective.preference": _("Invoicing set to: %(collective)s"),
        "billing.accounting.changed": _("Accounting settings changed"),
        "billing.accounting.revenue_account": _(
            "Fee rule %(rule)s books to revenue account %(account)s, tax key %(tax_key)s"
        ),
    },
    value_formats={
        "gross": money,
        "amount": money,
        "kept": money,
        "paid_on": day,
        "on": day,
    },
    value_labels={
        "collective": {
            "default": _("As the house's default"),
            "monthly": _("One collective invoice per month"),
            "single": _("One invoice per booking"),
        },
        "how": {"auto": _("automatically"), "manual": _("by hand")},
    },
)
