"""The volunteer coordination's pages: the week, a shift's staffing and matches,
attendance, the printable café plan, volunteers with notes and qualifications."""

from .access import coordinator_required
from .roster import (
    add_allowance,
    add_conduct_certificate,
    add_qualification,
    approve_hours,
    interests,
    register_on_behalf,
    volunteer_detail,
    volunteer_list,
)
from .staffing import attendance, plan, shift, shift_log, week

__all__ = [
    "add_allowance",
    "add_conduct_certificate",
    "add_qualification",
    "approve_hours",
    "attendance",
    "coordinator_required",
    "interests",
    "plan",
    "register_on_behalf",
    "shift",
    "shift_log",
    "volunteer_detail",
    "volunteer_list",
    "week",
]
