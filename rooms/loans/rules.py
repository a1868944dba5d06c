"""Who may lend, see and take back the house's equipment."""

from __future__ import annotations

import rules

from house.rules import is_front_desk
from tenants.rules import is_member_of_organisation

#: The front desk lends to anybody, hands out and takes back.
rules.add_perm("loans.manage_loan", is_front_desk)
#: Members of an organisation borrow for it and see its loans.
rules.add_perm("loans.view_loan", is_front_desk | is_member_of_organisation)
rules.add_perm("loans.borrow_for_organisation", is_front_desk | is_member_of_organisation)
rules.add_perm("loans.cancel_loan", is_front_desk | is_member_of_organisation)
rules.add_perm("loans.view_lendableitem", is_front_desk)
rules.add_perm("loans.change_lendableitem", is_front_desk)
rules.add_perm("loans.add_lendableitem", is_front_desk)
rules.add_perm("loans.delete_lendableitem", is_front_desk)
