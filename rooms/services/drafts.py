"""What a booking request is made of before it is written, and who books it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rooms.fees import BookerCategory, WarningCode, classify_organisation
from rooms.models import Room

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


def resolve_booker(
    *,
    organisation: Organisation | None,
    person: User | None = None,
    stated_category: str | None = None,
    on: dt.date,
) -> tuple[str, tuple[str, ...]]:
    """The booker category and warnings for the reception.

    Organisations are classified by their kind and exemption notice (see
    :func:`rooms.fees.classify_organisation`). Without an organisation the
    booker is a private person, unless a contact stated a category; a stated
    non-profit category is checked by the reception before it confirms.
    """
    if organisation is not None:
        from house.context_processors import current_house

        house = current_house()
        return classify_organisation(
            kind=organisation.kind,
            city=organisation.city or "",
            has_valid_proof=organisation.has_valid_nonprofit_proof(on),
            has_any_proof=organisation.nonprofit_notice_date is not None,
            house_city=house.city if house else "Kassel",
        )
    if stated_category and stated_category in BookerCategory.values:
        warnings: tuple[str, ...] = ()
        if stated_category in {
            BookerCategory.LOCAL_NONPROFIT,
            BookerCategory.EXTERNAL_NONPROFIT,
            BookerCategory.PUBLIC_SECTOR,
            BookerCategory.TENANT,
        }:
            warnings = (WarningCode.CATEGORY_STATED,)
        return stated_category, warnings
    return BookerCategory.PRIVATE_PERSON, ()
