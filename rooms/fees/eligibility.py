"""Who may book what: private celebrations and the category of an organisation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from house.tenure import Tenure, volunteer_tenure
from rooms.fees.lines import WarningCode
from rooms.fees.terms import BookerCategory

if TYPE_CHECKING:
    from house.models import User


def private_celebration_tenure(user: User | None, celebration: dt.datetime | dt.date) -> Tenure:
    """The one judgement of the private-celebration rule, used by every form and service.

    The rule (seed 002, Stadthaus Laatzen): only people whose volunteering in the
    house has been regular for *more than one year* may book a single room for a
    private celebration. It is judged on the day of the celebration (its local
    date when ``celebration`` is its start), never on the day of asking: a
    volunteer who will have their year by then may ask today. The volunteer area
    computes the tenure from its hours ledger and answers through ``house.tenure``.
    """
    if isinstance(celebration, dt.datetime):
        celebration = timezone.localtime(celebration).date()
    return volunteer_tenure(user=user, on=celebration)


def is_eligible_for_private_celebration(user: User | None, on: dt.date) -> bool:
    """Does ``user`` qualify for a private celebration on the day ``on``?"""
    return private_celebration_tenure(user, on).qualifies


def private_celebration_refusal(tenure: Tenure) -> str:
    """Why a private celebration is refused, in words (the same in the form and the service)."""
    rule = _(
        "Private celebrations are open to people who have volunteered in the house "
        "regularly for more than a year on the day of the celebration."
    )
    return f"{rule} {tenure.explanation}"


def classify_organisation(
    *,
    kind: str,
    city: str,
    has_valid_proof: bool,
    has_any_proof: bool,
    house_city: str,
) -> tuple[str, tuple[str, ...]]:
    """The booker category of an organisation, and warnings for the reception.

    Tenants are tenants and public bodies are the public sector, whatever their
    papers. Anybody else counts as non-profit only with a valid exemption
    notice (local when based in the house's city); an expired notice falls
    back to the commercial (full external) rate with a visible warning.
    """
    if kind == "tenant":
        return BookerCategory.TENANT, ()
    if kind == "public_body":
        return BookerCategory.PUBLIC_SECTOR, ()
    if has_valid_proof:
        if city.strip().casefold() == house_city.strip().casefold():
            return BookerCategory.LOCAL_NONPROFIT, ()
        return BookerCategory.EXTERNAL_NONPROFIT, ()
    if has_any_proof:
        return BookerCategory.COMMERCIAL, (WarningCode.EXEMPTION_EXPIRED,)
    return BookerCategory.COMMERCIAL, ()
