"""Allowances paid to volunteers and the yearly tax-free limit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from house.activity import log_activity
from house.volunteers.models import (
    AllowanceLimit,
    AllowancePayment,
    VolunteerProfile,
)
from house.volunteers.services import VolunteerError

if TYPE_CHECKING:
    from house.models import User


# --- allowances (Ehrenamtspauschale) ------------------------------------------------------


class AllowanceOverLimitError(VolunteerError):
    pass


@dataclass(frozen=True)
class AllowanceStatus:
    year: int
    paid: Decimal
    limit: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.limit is None else self.limit - self.paid


def allowance_status(*, profile: VolunteerProfile, year: int) -> AllowanceStatus:
    limit = AllowanceLimit.objects.in_force_on(dt.date(year, 12, 31))
    paid = profile.allowances.filter(paid_on__year=year).aggregate(total=Sum("amount"))["total"]
    return AllowanceStatus(
        year=year,
        paid=paid or Decimal("0.00"),
        limit=limit.yearly_amount if limit else None,  # type: ignore[attr-defined]
    )


def record_allowance(
    *,
    profile: VolunteerProfile,
    paid_on: dt.date,
    amount: Decimal,
    actor: User,
    note: str = "",
    accept_over_limit: bool = False,
) -> AllowancePayment:
    """Record an allowance paid. Raises :class:`AllowanceOverLimitError` (a warning the
    coordinator may accept) when the year's total would exceed the limit in force."""
    if amount <= 0:
        raise VolunteerError(_("Enter an amount above zero."), field="amount")
    with transaction.atomic():
        from house.locks import lock

        lock("volunteers.allowance", profile.pk)
        status = allowance_status(profile=profile, year=paid_on.year)
        if (
            status.limit is not None
            and status.paid + amount > status.limit
            and not accept_over_limit
        ):
            raise AllowanceOverLimitError(
                _(
                    "With this payment the allowances of %(year)s come to %(total)s €, above "
                    "the tax-free limit of %(limit)s €. Confirm to record it anyway."
                )
                % {"year": paid_on.year, "total": status.paid + amount, "limit": status.limit},
                field="amount",
            )
        payment = AllowancePayment.objects.create(
            profile=profile, paid_on=paid_on, amount=amount, note=note, recorded_by=actor
        )
        log_activity(
            obj=profile,
            action_type="volunteers.allowance.paid",
            actor=actor,
            data={"amount": str(amount)},
        )
    return payment
