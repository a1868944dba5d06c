"""Where an event takes place, in words and as a map link, for e-mails and calendar files.

An event in a room of the house is at the house's street address (“Raum Eder,
Treppe 4 – Haus der Sozialwirtschaft, Treppenstraße 4, 34117 Kassel”); an event
elsewhere at its venue's address; an online event at its link. The map link is a
plain link to OpenStreetMap: nothing of theirs is loaded into a page or an e-mail.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from house.models.place import map_search_url

if TYPE_CHECKING:
    from collections.abc import Callable

    from events.models import Event
    from house.models import HouseProfile


@dataclass(frozen=True)
class Place:
    location: str
    map_url: str = ""
    #: The house and its street address, for an event in one of its rooms.
    house_address: str = ""


def place_of(event: Event, *, house_of: Callable[[], HouseProfile | None] | None = None) -> Place:
    """The event's place in the active language (the room's name may have an English one).

    ``house_of`` gives the house profile (default: the current one); a feed of many
    events reads it once.
    """
    from house.context_processors import current_house

    if event.room is not None:
        house = (house_of or current_house)()
        if house is None:
            return Place(str(event.room))
        house_address = f"{house.name}, {house.address_line}"
        return Place(f"{event.room}, {house_address}", house.map_url, house_address)
    if event.address:
        location = ", ".join(p for p in (event.venue_name, event.address) if p)
        return Place(location, map_search_url(event.address))
    return Place(event.location_label or event.online_url)
