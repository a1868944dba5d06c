"""What a booking request is made of before it is written, and who books it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rooms.fees import (
    BookerCategory,
    CategoryDecision,
    WarningCode,
    classify_organisation,
    decide_category,
)
from rooms.models import OrganisationCategory, Room

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation


@dataclass
class BookingDraft:
    """What somebody wants to book; validated and priced by the services below."""

    room: Room
    start: dt.datetime
    end: dt.datetime
    purpose: str
    attendees: int
    layout: str
    title: str
    organisation: Organisation | None = None
    person: User | None = None
    stated_category: str | None = None
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_organisation: str = ""
    extras: list[str] = field(default_factory=list)
    show_title_publicly: bool = False
    internal_note: str = ""
    #: The bookable rooms (with parts) if the caller has them loaded already, as a
    #: booking form has: alternatives to a taken slot are searched among them.
    bookable_rooms: list[Room] | None = None


def category_from_papers(organisation: Organisation, *, on: dt.date) -> tuple[str, tuple[str, ...]]:
    """What the organisation's kind, city and exemption notice make of it."""
    from house.context_processors import current_house

    house = current_house()
    return classify_organisation(
        kind=organisation.kind,
        city=organisation.city or "",
        has_valid_proof=organisation.has_valid_nonprofit_proof(on),
        has_any_proof=organisation.nonprofit_notice_date is not None,
        house_city=house.city if house else "Kassel",
    )


def decide_booker(
    *,
    organisation: Organisation | None,
    stated_category: str | None = None,
    on: dt.date,
) -> CategoryDecision:
    """The booker category, where it comes from, and warnings for the reception.

    The order is :func:`rooms.fees.decide_category`'s: house management's
    category for the organisation, else its papers (kind, city, exemption notice,
    :func:`rooms.fees.classify_organisation`); without an organisation, the
    category stated in the form (checked by the reception before it confirms),
    else a private person.
    """
    if organisation is not None:
        papers = category_from_papers(organisation, on=on)
        decided = OrganisationCategory.objects.filter(organisation=organisation).first()
        return decide_category(
            from_papers=papers,
            house=decided.as_house_category() if decided else None,
            stated=stated_category,
            on=on,
        )
    needs_papers = stated_category in {
        BookerCategory.LOCAL_NONPROFIT,
        BookerCategory.EXTERNAL_NONPROFIT,
        BookerCategory.PUBLIC_SECTOR,
        BookerCategory.TENANT,
    }
    return decide_category(
        from_papers=None,
        house=None,
        stated=stated_category,
        on=on,
        stated_warnings=(WarningCode.CATEGORY_STATED,) if needs_papers else (),
    )


def resolve_booker(
    *,
    organisation: Organisation | None,
    person: User | None = None,
    stated_category: str | None = None,
    on: dt.date,
) -> tuple[str, tuple[str, ...]]:
    """The booker category and warnings for the reception (see :func:`decide_booker`)."""
    decision = decide_booker(organisation=organisation, stated_category=stated_category, on=on)
    return decision.category, decision.warnings
