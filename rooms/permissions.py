"""Who may book, decide and see bookings of the conference centre.

Bookings are fetched through ``Booking.objects.visible_to(user)`` (not
visible → 404); the functions below answer whether a visible booking may be
changed (not allowed → 403).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from house.permissions import can_use_reception
from tenants.permissions import is_org_member

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from house.models import User
    from rooms.models import Booking
    from tenants.models import Organisation

    AnyUser = User | AnonymousUser


def can_book_directly(user: AnyUser) -> bool:
    """Reception and house management book on anybody's behalf, confirmed at once."""
    return can_use_reception(user)


def can_decide_requests(user: AnyUser) -> bool:
    return can_use_reception(user)


def can_request_for(user: AnyUser, organisation: Organisation) -> bool:
    """Members of an organisation request rooms in its name, at its rate."""
    return is_org_member(user, organisation)


def can_withdraw_or_cancel(user: AnyUser, booking: Booking) -> bool:
    """The reception, and members of the booking organisation for their own bookings."""
    if can_use_reception(user):
        return True
    return booking.organisation is not None and is_org_member(user, booking.organisation)
