"""Attendance, the hours ledger, tenure, allowances and the volunteer-card pre-check.

Tenure decisions (the rule itself is data, :class:`TenureRule`):

* The ledger counts attended shifts and approved manual entries.
* "Active since" is the first counted day. A person qualifies on a day when that
  first day lies more than ``min_months`` before it, and enough of the last
  ``window_months`` full months were active.
* The window ends with the last full month before the earlier of the day asked
  about and today: a celebration booked for next spring is judged on the months
  that have already happened.
* House management may decide otherwise, with a reason that is logged; the
  decision holds until its end date or until it is revoked.
"""

from .allowances import AllowanceOverLimitError, AllowanceStatus, allowance_status, record_allowance
from .certificates import CardCheck, issue_certificate, volunteer_card_precheck
from .ledger import (
    approve_hours,
    months_summary,
    record_attendance,
    record_manual_hours,
    total_minutes,
)
from .tenure import (
    TenureFacts,
    compute_tenure,
    current_override,
    explain,
    override_tenure,
    rule_on,
    tenure_facts,
    tenure_for_user,
)

__all__ = [
    "AllowanceOverLimitError",
    "AllowanceStatus",
    "CardCheck",
    "TenureFacts",
    "allowance_status",
    "approve_hours",
    "compute_tenure",
    "current_override",
    "explain",
    "issue_certificate",
    "months_summary",
    "override_tenure",
    "record_allowance",
    "record_attendance",
    "record_manual_hours",
    "rule_on",
    "tenure_facts",
    "tenure_for_user",
    "total_minutes",
    "volunteer_card_precheck",
]
