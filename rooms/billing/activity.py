"""Action types the invoices write to the activity log."""

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

register_actions(
    {
        "billing.invoice.issued": _("Invoice %(number)s issued over %(gross)s €"),
        "billing.invoice.cancelled": _(
            "Invoice %(number)s cancelled by %(cancellation)s: %(reason)s"
        ),
        "billing.invoice.replaces": _("Issued in place of invoice %(number)s"),
        "billing.payment.recorded": _("Payment of %(amount)s € recorded (paid on %(paid_on)s)"),
        "billing.settings.changed": _("Invoice settings changed"),
    }
)
