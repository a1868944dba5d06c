"""Tables of the volunteer area: people, consent, qualifications, opportunities, shifts,
assignments, the hours ledger and what is derived from it."""

from house.volunteers.models.hours import (
    AllowanceLimit,
    AllowancePayment,
    Certificate,
    HoursEntry,
    TenureOverride,
    TenureRule,
    VolunteerCardRule,
)
from house.volunteers.models.people import Consent, ConsentPurpose, VolunteerProfile
from house.volunteers.models.qualifications import Qualification, QualificationType
from house.volunteers.models.shifts import (
    Assignment,
    Interest,
    Opportunity,
    Shift,
    ShiftSeries,
    StandInOffer,
)

__all__ = [
    "AllowanceLimit",
    "AllowancePayment",
    "Assignment",
    "Certificate",
    "Consent",
    "ConsentPurpose",
    "HoursEntry",
    "Interest",
    "Opportunity",
    "Qualification",
    "QualificationType",
    "Shift",
    "ShiftSeries",
    "StandInOffer",
    "TenureOverride",
    "TenureRule",
    "VolunteerCardRule",
    "VolunteerProfile",
]
