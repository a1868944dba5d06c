"""The reception desk: board, free-room finder, pending requests, day sheet, booking for others.

Each page lives in a module of its own in :mod:`rooms.views`; this module names them all.
"""

from __future__ import annotations

from rooms.views.board import GRID_SECONDS, booking_link, reception_board
from rooms.views.booking_new import booking_new
from rooms.views.bookings import booking_cancel_confirm, booking_detail, booking_edit, booking_move
from rooms.views.day_sheet import day_sheet
from rooms.views.finder import POSSIBILITY_TITLES, free_room_finder
from rooms.views.pending import decide_request, pending_requests
from rooms.views.series import series_cancel, series_move

__all__ = [
    "GRID_SECONDS",
    "POSSIBILITY_TITLES",
    "booking_cancel_confirm",
    "booking_detail",
    "booking_edit",
    "booking_link",
    "booking_move",
    "booking_new",
    "day_sheet",
    "decide_request",
    "free_room_finder",
    "pending_requests",
    "reception_board",
    "series_cancel",
    "series_move",
]
