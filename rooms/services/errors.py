"""The errors a booking write reports to its user, in German, with the slot it collided with."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from house.formats import format_as
from rooms import availability, problems
from rooms.models import Occupancy

if TYPE_CHECKING:
    pass


def _short_date(value: dt.datetime | dt.date) -> str:
    """A date as the active language writes it (German ``19.11.2026``, English ``19/11/2026``)."""
    return format_as(value, "short_date")


class BookingError(Exception):
    """A booking cannot be made as asked; ``message`` says why in plain language."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        conflicts: list[Occupancy] | None = None,
        alternatives: list[availability.Slot] | None = None,
        problem: problems.Problem | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.conflicts = conflicts or []
        self.alternatives = alternatives or []
        #: What stands in the way, kept so that it can be worded again in another language.
        self.problem = problem or problems.as_text(message)

    @classmethod
    def because(cls, problem: problems.Problem, **kwargs: Any) -> BookingError:
        """The error for ``problem``, worded in the active language."""
        return cls(problem.text(), problem=problem, **kwargs)


class SlotTakenError(BookingError):
    """Somebody else took the slot a moment ago (exclusion violation, deadlock or lost race)."""

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        super().__init__(
            message
            or _(
                "This slot was just taken by another booking. Please choose another time or room."
            ),
            **kwargs,
        )
