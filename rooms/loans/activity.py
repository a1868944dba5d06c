"""The actions of the equipment loans in the house's activity log."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from house.activity import register_actions

LENT = "loans.loan.lent"
HANDED_OUT = "loans.loan.handed_out"
RETURNED = "loans.loan.returned"
CANCELLED = "loans.loan.cancelled"

register_actions(
    {
        LENT: _("Lent"),
        HANDED_OUT: _("Handed out"),
        RETURNED: _("Returned"),
        CANCELLED: _("Loan cancelled"),
    }
)
