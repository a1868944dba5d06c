"""Who may book, decide and see bookings of the conference centre.

Bookings are fetched through ``Booking.objects.visible_to(user)`` (not visible →
404); these permissions answer whether a visible booking may be changed (not
allowed → 403). The reception desk (board, free-room finder, requests, day sheet,
booking on somebody's behalf, e-mails) is ``rooms.manage_booking``.
"""

from __future__ import annotations

import rules

from house.rules import is_front_desk, is_house_management
from tenants.rules import is_member_of_organisation

#: Reception and house management book on anybody's behalf, decide requests, move and cancel.
rules.add_perm("rooms.manage_booking", is_front_desk)
#: The bookings in the Django admin (read only there).
rules.add_perm("rooms.view_booking", is_front_desk)
#: The reception, and members of the booking organisation for their own bookings.
rules.add_perm("rooms.cancel_booking", is_front_desk | is_member_of_organisation)
#: Every member reads the organisation's bookings through a secret address of their own.
rules.add_perm("rooms.subscribe_organisation_calendar", is_member_of_organisation)
#: The calendar of all rooms, with every booking's details.
rules.add_perm("rooms.view_staff_calendar", is_front_desk)
#: Usage, revenue and savings reports.
rules.add_perm("rooms.view_report", is_house_management)
#: Closing the house on a day and deciding what happens to the bookings on it.
rules.add_perm("rooms.close_house", is_house_management)
#: An organisation's booker category for the fees (a local initiative without an
#: exemption notice counts as non-profit), with a reason and a review date.
rules.add_perm("rooms.set_organisation_category", is_house_management)
