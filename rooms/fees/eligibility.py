"""Who may book what: private celebrations and the category of an organisation."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from house.tenure import Tenure, volunteer_tenure
from rooms.fees.lines import WarningCode
from rooms.fees.terms import BookerCategory

if TYPE_CHECKING:
    from house.models import User


def is_eligible_for_private_celebration(user: User | None, on: dt.date) -> bool:
    """May ``user`` book a single room for a private celebration on ``on``?

    The rule (seed 002, Stadthaus Laatzen): only people whose volunteering in
    the house has been regular for *more than one year* on the day of the
    celebration. The volunteer area computes that from its hours ledger and
    answers through ``house.tenure`` (see :func:`private_celebration_tenure`
    for the reason in words).
    """
    return private_celebration_tenure(user, on).qualifies


def private_celebration_tenure(user: User | None, on: dt.date) -> Tenure:
    """The volunteer tenure of ``user`` on ``on``, with its explanation in words."""
    return volunteer_tenure(user=user, on=on)


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
