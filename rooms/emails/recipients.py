"""Who receives a booking e-mail, and in which language."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from house.models import ActivityLog, User
from house.permissions import can_use_reception
from rooms.models import Booking

if TYPE_CHECKING:
    pass


@dataclasses.dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    language: str
    is_staff_copy: bool = False


def _language_of(email: str, users: dict[str, User]) -> str:
    user = users.get(email.lower())
    return user.language if user is not None and user.language else "de"


def booker_recipient(booking: Booking) -> Recipient | None:
    """The booker: the stated contact, else the private booker, else the member who asked."""
    email = booking.contact_email
    name = booking.contact_name
    if not email and booking.person_id and booking.person is not None:
        email, name = booking.person.email, booking.person.name
    creator = booking.created_by if booking.created_by_id else None
    if not email and creator is not None and not can_use_reception(creator):
        email, name = creator.email, creator.name
    if not email:
        return None
    users = {u.email.lower(): u for u in User.objects.filter(email__iexact=email)}
    return Recipient(email=email, name=name or email, language=_language_of(email, users))


def staff_recipient(actor: User | None, booker: Recipient | None) -> Recipient | None:
    if actor is None or not actor.email or not can_use_reception(actor):
        return None
    if booker is not None and booker.email.lower() == actor.email.lower():
        return None
    return Recipient(
        email=actor.email,
        name=actor.name or actor.email,
        language=actor.language or "de",
        is_staff_copy=True,
    )


def _last_actor(booking: Booking) -> User | None:
    entry = ActivityLog.objects.for_object(booking).first()
    return entry.actor if entry is not None else None
