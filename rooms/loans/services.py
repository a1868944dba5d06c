"""Every write of the equipment loans: lending, handing out, taking back, cancelling.

Lending reads top to bottom like booking a room: validate, price, lock the item,
check that it is free, write. Writers of one item are serialised by a
transaction-level advisory lock (``loans.item``); the exclusion constraint on
PostgreSQL is the backstop, and a race lost there is answered like a taken item.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from house import locks
from house.activity import log_activity
from rooms.loans import activity
from rooms.loans.models import MAX_LOAN_SPAN, LendableItem, Loan
from rooms.loans.pricing import loan_price
from rooms.models import Booking

if TYPE_CHECKING:
    from house.models import User
    from tenants.models import Organisation

ITEM_LOCK = "loans.item"
#: How far back the reception may enter a loan that has already begun.
GRACE = dt.timedelta(hours=1)


class LoanError(Exception):
    """A loan the house cannot make; the message is for the person who asked."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _when(moment: dt.datetime) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _taken(item: LendableItem, clash: Loan) -> LoanError:
    return LoanError(
        _("%(item)s is already lent from %(starts)s to %(ends)s.")
        % {"item": item.name, "starts": _when(clash.starts), "ends": _when(clash.ends)},
        field="item",
    )


def _validate(
    *,
    item: LendableItem,
    starts: dt.datetime,
    ends: dt.datetime,
    organisation: Organisation | None,
    booking: Booking | None,
) -> None:
    if not item.is_lendable:
        raise LoanError(
            _("%(item)s is not lent at the moment.") % {"item": item.name}, field="item"
        )
    if ends <= starts:
        raise LoanError(_("The return must come after the start of the loan."), field="ends")
    if ends - starts > MAX_LOAN_SPAN:
        raise LoanError(_("A loan lasts at most 31 days."), field="ends")
    if starts < timezone.now() - GRACE:
        raise LoanError(_("A loan cannot start in the past."), field="starts")
    if organisation is None and booking is None:
        raise LoanError(_("Please choose the organisation that borrows it."), field="organisation")
    if booking is not None and booking.state not in Booking.BLOCKING_STATES:
        raise LoanError(_("Equipment is only added to requested or confirmed bookings."))


def lend_item(
    *,
    actor: User | None,
    item: LendableItem,
    starts: dt.datetime | None = None,
    ends: dt.datetime | None = None,
    organisation: Organisation | None = None,
    booking: Booking | None = None,
    borrower: User | None = None,
    note: str = "",
) -> Loan:
    """Reserve ``item`` from ``starts`` to ``ends`` for an organisation, or for a room
    booking (then for the booking's time and its booker's organisation)."""
    if booking is not None:
        starts = starts or booking.start
        ends = ends or booking.end
        organisation = organisation or booking.organisation
    if starts is None or ends is None:
        raise LoanError(_("Please give the start and the return of the loan."), field="starts")
    _validate(item=item, starts=starts, ends=ends, organisation=organisation, booking=booking)
    rule = item.fee_rule
    net = loan_price(rule, starts, ends)
    try:
        with transaction.atomic():
            locks.lock(ITEM_LOCK, item.pk)
            clash = Loan.objects.holding().overlapping(starts, ends).filter(item=item).first()
            if clash is not None:
                raise _taken(item, clash)
            loan = Loan.objects.create(
                item=item,
                starts=starts,
                ends=ends,
                organisation=organisation,
                booking=booking,
                borrower=borrower or actor,
                note=note.strip()[:300],
                net=net,
                vat_rate=rule.vat_rate if rule is not None else 0,
                created_by=actor,
            )
            log_activity(
                obj=loan,
                action_type=activity.LENT,
                actor=actor,
                data={"item": item.name, "starts": starts.isoformat(), "ends": ends.isoformat()},
            )
    except (IntegrityError, OperationalError) as exc:
        if locks.is_lost_race(exc):
            raise LoanError(
                _("%(item)s was lent to someone else a moment ago.") % {"item": item.name},
                field="item",
            ) from exc
        raise
    return loan


def _change(loan: Loan, *, actor: User | None, allowed: tuple[str, ...], action: str) -> Loan:
    locked = Loan.objects.select_for_update().get(pk=loan.pk)
    if locked.state not in allowed:
        raise LoanError(
            _("This loan is %(state)s and cannot be changed that way.")
            % {"state": locked.get_state_display()}
        )
    log_activity(obj=locked, action_type=action, actor=actor, data={"state": locked.state})
    return locked


def hand_out(*, actor: User | None, loan: Loan) -> Loan:
    """The reception hands the item over."""
    with transaction.atomic():
        locked = _change(
            loan, actor=actor, allowed=(Loan.State.RESERVED,), action=activity.HANDED_OUT
        )
        locked.state = Loan.State.OUT
        locked.handed_out_at = timezone.now()
        locked.save(update_fields=["state", "handed_out_at"])
    return locked


def record_return(*, actor: User | None, loan: Loan, note: str = "") -> Loan:
    """The item is back; returned early, the rest of its span is free for others."""
    with transaction.atomic():
        locked = _change(loan, actor=actor, allowed=Loan.HOLDING_STATES, action=activity.RETURNED)
        now = timezone.now()
        locked.state = Loan.State.RETURNED
        locked.returned_at = now
        if locked.handed_out_at is None:
            locked.handed_out_at = min(now, locked.starts)
        if locked.starts < now < locked.ends:
            locked.ends = now
        if note.strip():
            locked.note = f"{locked.note} {note.strip()}".strip()[:300]
        locked.save(update_fields=["state", "returned_at", "handed_out_at", "ends", "note"])
    return locked


def cancel_loan(*, actor: User | None, loan: Loan) -> Loan:
    """A reserved loan is given up; the item is free again."""
    with transaction.atomic():
        locked = _change(
            loan, actor=actor, allowed=(Loan.State.RESERVED,), action=activity.CANCELLED
        )
        locked.state = Loan.State.CANCELLED
        locked.save(update_fields=["state"])
    return locked


def free_items(starts: dt.datetime, ends: dt.datetime) -> list[LendableItem]:
    return list(LendableItem.objects.free_between(starts, ends))
