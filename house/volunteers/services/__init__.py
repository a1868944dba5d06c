"""Every write of the volunteer area; views, admin, commands and tasks call these.

Split by subject: ``people`` (profiles, consent, interest), ``qualifications``,
``shifts`` (series, sign-up, waiting list, stand-ins), ``hours`` (attendance,
ledger, tenure, certificates, allowances), ``notices`` (reminders and alerts).
"""

from __future__ import annotations


class VolunteerError(Exception):
    """A request the house refuses, with the reason in the reader's language."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
