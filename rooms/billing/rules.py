"""Who may see and write the conference centre's invoices.

Invoices are fetched through ``Invoice.objects.visible_to(user)`` (not visible →
404). House management issues, cancels and corrects invoices and records
payments; the reception may look at every invoice; the members of the booking
organisation (or the private booker) see their own invoices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from house.rules import is_front_desk, is_house_management
from tenants.rules import is_member_of_organisation

if TYPE_CHECKING:
    from house.permissions import AnyUser
    from rooms.billing.models import Invoice


@rules.predicate
def is_private_booker_of_invoice(user: AnyUser, invoice: Invoice | None) -> bool:
    if invoice is None or not user.is_authenticated or invoice.organisation_id:
        return False
    return invoice.booking.person_id == user.pk


#: The list of all invoices and each invoice's page (read only for the reception).
rules.add_perm("billing.view_invoice_list", is_front_desk)
rules.add_perm(
    "billing.view_invoice",
    is_front_desk | is_member_of_organisation | is_private_booker_of_invoice,
)
#: Issue, cancel and correct invoices, record payments, change the invoice settings.
rules.add_perm("billing.manage_invoice", is_house_management)
#: The Django admin shows invoices and payments read only, to house management.
rules.add_perm("billing.view_payment", is_house_management)
rules.add_perm("billing.view_invoiceline", is_house_management)
rules.add_perm("billing.view_billingsettings", is_house_management)
rules.add_perm("billing.change_billingsettings", is_house_management)
rules.add_perm("billing.add_billingsettings", is_house_management)
#: Which organisations receive an XRechnung, and their Leitweg-ID.
rules.add_perm("billing.change_billingprofile", is_house_management)
rules.add_perm("billing.view_billingprofile", is_house_management)
#: Bank statements, deposits, reminders, collective invoices and the accounting export.
rules.add_perm("billing.manage_business", is_house_management)
rules.add_perm("billing.view_bankentry", is_house_management)
rules.add_perm("billing.view_bankstatement", is_house_management)
rules.add_perm("billing.view_deposit", is_house_management)
rules.add_perm("billing.view_reminder", is_house_management)
