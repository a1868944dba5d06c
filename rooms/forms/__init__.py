"""Forms of the conference centre: booking at the reception, tenant and public requests, finder."""

from __future__ import annotations

from rooms.forms.booking import WEEKDAY_CHOICES, BookingForm, DateInput, TimeInput
from rooms.forms.categories import OrganisationCategoryForm, OrganisationChoiceForm
from rooms.forms.closures import ClosureDayForm, ClosureDecisionForm
from rooms.forms.desk import (
    BookingDetailsForm,
    DecisionForm,
    FinderForm,
    MoveForm,
    SeriesCancelForm,
)
from rooms.forms.public import PublicRequestForm
from rooms.forms.reception import ReceptionBookingForm

__all__ = [
    "WEEKDAY_CHOICES",
    "BookingDetailsForm",
    "BookingForm",
    "ClosureDayForm",
    "ClosureDecisionForm",
    "DateInput",
    "DecisionForm",
    "FinderForm",
    "MoveForm",
    "OrganisationCategoryForm",
    "OrganisationChoiceForm",
    "PublicRequestForm",
    "ReceptionBookingForm",
    "SeriesCancelForm",
    "TimeInput",
]
