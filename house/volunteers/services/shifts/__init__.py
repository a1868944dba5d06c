"""Shifts: repeating café shifts, signing up, the waiting list and cancelling.

Decisions:

* Places are protected by the lock module: a sign-up takes the volunteer's lock
  (for the clash check) and then the shift's lock, counts the places held
  (signed up or offered) and writes. Every writer takes the locks in that order.
* A full shift puts the volunteer on its waiting list. A freed place is offered to
  the first person waiting, who confirms by link within ``OFFER_WINDOW`` (but
  before the shift starts); an offer that runs out goes to the next person.
* Two shifts clash when they overlap by more than ``CLASH_GRACE`` (handing over
  at the counter is not a clash).
* Reserved places (for trained café staff) are kept for holders of the
  qualification until ``reserved_open_days`` before the shift, then open to all.
* Repeat rules are expanded in Europe/Berlin wall-clock time: each occurrence is a
  local date and time made aware on its own day, so 09:00 stays 09:00 across the
  change to summer time. Closure days of the house are skipped.
"""

from .series import (
    CLASH_GRACE,
    MAX_OCCURRENCES,
    OFFER_WINDOW,
    SIGNUP_LOCK_TIMEOUT_MS,
    ShiftFullError,
    create_shift,
    generate_series_shifts,
    occurrences,
)
from .signup import cancel_assignment, check_can_take, clashing_shift, has_free_place, sign_up
from .waiting import _mail as _mail
from .waiting import confirm_offer, expire_offers, offer_next_place

__all__ = [
    "CLASH_GRACE",
    "MAX_OCCURRENCES",
    "OFFER_WINDOW",
    "SIGNUP_LOCK_TIMEOUT_MS",
    "ShiftFullError",
    "cancel_assignment",
    "check_can_take",
    "clashing_shift",
    "confirm_offer",
    "create_shift",
    "expire_offers",
    "generate_series_shifts",
    "has_free_place",
    "occurrences",
    "offer_next_place",
    "sign_up",
]
